/**
 * An Istanbul date-time as the review API speaks it (`YYYY-MM-DDTHH:mm`), typed as Turkish
 * officials write it: a `GG.AA.YYYY` date (the house DateInput) and a 24-hour `SS:DD` time,
 * whatever the browser's language (a native datetime-local input would follow the browser's).
 */
import { useState } from "react";
import { DateInput } from "./inputs";

export function MinuteInput({
  id,
  legend,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  value: string;
  onChange(value: string): void;
}) {
  const [day = "", time = ""] = value.split("T");
  const [typed, setTyped] = useState(time);
  const emit = (d: string, t: string) => onChange(`${d}T${t}`);
  return (
    <fieldset className="minute-input">
      <legend>{legend}</legend>
      <label htmlFor={`${id}-day`}>Tarih</label>
      <DateInput id={`${id}-day`} required value={day} onChange={(d) => emit(d, typed)} />
      <label htmlFor={`${id}-time`}>Saat</label>
      <input
        id={`${id}-time`}
        required
        inputMode="numeric"
        placeholder="SS:DD"
        pattern="([01]\d|2[0-3]):[0-5]\d"
        maxLength={5}
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          emit(day, e.target.value);
        }}
      />
    </fieldset>
  );
}
