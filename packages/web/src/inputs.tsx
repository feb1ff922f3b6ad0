/**
 * Form controls that follow Turkish conventions whatever the browser's language: a date field
 * that reads and writes `GG.AA.YYYY`, and a file picker labelled in Turkish. The native
 * `<input type="date">` and `<input type="file">` draw their text in the browser's language
 * (mm/dd/yyyy, "Choose File") and cannot be told otherwise.
 */
import { type ChangeEvent, type InputHTMLAttributes, useEffect, useId, useRef, useState } from "react";

/** `2026-10-15` → `15.10.2026`; anything else is returned as typed. */
export function isoToTr(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

/** `15.10.2026` (also `15/10/2026`, `15-10-2026`, `1.2.2026`) → `2026-10-15`; undefined unless a real calendar day. */
export function trToIso(text: string): string | undefined {
  const m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${m[3]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Digits typed in a row become `GG.AA.YYYY`: the dots are put in as the person types. */
function mask(text: string): string {
  if (/[./-]/.test(text)) return text.replace(/[^\d./-]/g, "").slice(0, 10);
  const digits = text.replace(/\D/g, "").slice(0, 8);
  return [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter(Boolean).join(".");
}

type DateInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type"> & {
  /** `yyyy-MM-dd`, empty, or the text as typed while it is not a valid date yet. */
  value: string;
  /** Called with `yyyy-MM-dd` once the text is a real day, else with the text as typed (so validation can say why). */
  onChange(value: string): void;
};

/**
 * A date as Turkish officials write it (`15.10.2026`), stored as ISO. A masked text input rather
 * than a date-picker library: one fixed format needs a dozen lines, no locale data and no
 * calendar widget weight on a phone; the numeric keyboard opens on phones.
 */
export function DateInput({ value, onChange, ...props }: DateInputProps) {
  const [text, setText] = useState(() => isoToTr(value));
  // Follow changes from outside (a record loaded for editing, a reset) without fighting the typist:
  // a value this field emitted itself is not one. Decided at render, because the effect may run
  // after the next keystroke (Preact runs effects after paint), when `text` is already ahead.
  const emitted = useRef(value);
  const external = value !== emitted.current;
  useEffect(() => {
    if (!external) return;
    emitted.current = value;
    setText(isoToTr(value));
  }, [value, external]);
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const next = mask(event.target.value);
    const out = trToIso(next) ?? next;
    emitted.current = out;
    setText(next);
    onChange(out);
  };
  return (
    <input
      {...props}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="GG.AA.YYYY"
      maxLength={10}
      value={text}
      onChange={change}
    />
  );
}

type FileInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { id: string };

/**
 * A file picker that says "Dosya seç" / "Dosya seçilmedi" in any browser: the native input stays
 * in the page (keyboard, form data, `required`, form reset) but is drawn by its label.
 */
export function FileInput({ id, onChange, className, ...props }: FileInputProps) {
  const [name, setName] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const status = useId();
  useEffect(() => {
    const form = ref.current?.form;
    const clear = () => setName(null);
    form?.addEventListener("reset", clear);
    return () => form?.removeEventListener("reset", clear);
  }, []);
  return (
    <span className={`file-input${className ? ` ${className}` : ""}`}>
      <input
        {...props}
        ref={ref}
        id={id}
        type="file"
        aria-describedby={status}
        onChange={(event) => {
          const files = event.target.files;
          setName(files && files.length > 0 ? [...files].map((f) => f.name).join(", ") : null);
          onChange?.(event);
        }}
      />
      <span className="file-button" aria-hidden="true">
        Dosya seç
      </span>
      <span id={status} className="file-name">
        {name ?? "Dosya seçilmedi"}
      </span>
    </span>
  );
}
