/**
 * Shared pieces of the administration pages: who may do what (read from the core's policy table,
 * so the web shows a control exactly to the roles the server allows), the places a person may
 * administer, and one CSV import panel (template link, file upload, report with line numbers).
 */
import type { Grant, Role } from "@bigep/core/actor";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { type Action, rules } from "../../core/src/access/policy";
import { api, apiFetch, messageOf, request, toError } from "./api";
import { FileInput } from "./inputs";
import { Alert } from "./ui";
import "./admin.css";

/** The roles the policy table allows `action` to (in some scope). */
export function rolesFor(action: Action): Role[] {
  return [...new Set(rules.filter(([, a]) => a === action).map(([role]) => role))];
}

export type Province = { code: string; name: string };

/**
 * Provinces in which the signed-in person may do `action`: all of them with a national grant,
 * else those of their province grants (and, with `districts`, the provinces of their district
 * grants). Null while the list loads.
 */
export function useProvincesFor(
  grants: readonly Grant[],
  action: Action,
  options: { districts?: boolean } = {},
): Province[] | null {
  const roles = rolesFor(action);
  const held = grants.filter((g) => roles.includes(g.role));
  const national = held.some((g) => g.scope.type === "national");
  const codes = held.flatMap((g) =>
    g.scope.type === "province"
      ? [g.scope.id]
      : g.scope.type === "district" && options.districts
        ? [g.scope.id.slice(0, 2)]
        : [],
  );
  const key = national ? "*" : [...new Set(codes)].sort().join(",");
  const [provinces, setProvinces] = useState<Province[] | null>(null);
  useEffect(() => {
    let live = true;
    request(api.api.provinces.$get()).then(
      (page) => live && setProvinces(page.items.filter((p) => key === "*" || key.split(",").includes(p.code))),
      () => live && setProvinces([]),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return provinces;
}

/**
 * A file's text: UTF-8, or Windows-1254 when it is not valid UTF-8 (Excel on Turkish Windows
 * saves "CSV" in that code page, and İ, ş, ğ would otherwise arrive garbled).
 */
async function readText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1254").decode(bytes);
  }
}

/** POSTs a CSV body and returns the JSON report, or throws an ApiError with the server's message. */
async function postCsv<T>(path: string, csv: string): Promise<T> {
  const response = await apiFetch(path, {
    method: "POST",
    headers: { "content-type": "text/csv; charset=utf-8", accept: "application/json" },
    body: csv,
  });
  if (!response.ok) throw await toError(response);
  return (await response.json()) as T;
}

/** What both import endpoints report: rows that did not land, by file line (the header is line 1). */
export type ImportErrors = { errors: { line: number; code: string; message: string }[] };

/**
 * An import panel: template download, file choice, upload to `path`, then the `summary` of the
 * report and a table of the rejected rows.
 */
export function CsvImport<R extends ImportErrors>({
  id,
  title,
  path,
  template,
  hint,
  summary,
  onImported,
  children,
}: {
  /** Prefix of element ids, unique on the page. */
  id: string;
  title: string;
  /** Endpoint with its query, e.g. `/api/schools/import?province=10`. */
  path: string;
  /** Template file: name and header line. */
  template: { name: string; header: string };
  hint?: string;
  summary(report: R): string;
  onImported?(report: R): void;
  /** Extra fields before the file, e.g. the province to import into. */
  children?: ReactNode;
}) {
  const [report, setReport] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A BOM so that Excel opens the UTF-8 template with Turkish letters intact.
  const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${template.header}\n`)}`;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError("Bir CSV dosyası seçin.");
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const result = await postCsv<R>(path, await readText(file));
      setReport(result);
      onImported?.(result);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <p className="hint">
          UTF-8 CSV, ilk satır başlık: <code>{template.header}</code>. {hint}{" "}
          <a href={templateHref} download={template.name}>
            Şablonu indir
          </a>
        </p>
        {children}
        <div className="field">
          <label htmlFor={`${id}-file`}>CSV dosyası</label>
          <FileInput id={`${id}-file`} name="file" accept=".csv,text/csv" required />
        </div>
        <Alert text={error} />
        <button type="submit" disabled={busy}>
          {busy ? "Aktarılıyor…" : "İçe aktar"}
        </button>
      </form>
      {report && (
        <>
          <p className="notice" role="status">
            {summary(report)}
            {report.errors.length > 0 ? ` ${report.errors.length} satır aktarılamadı.` : ""}
          </p>
          {report.errors.length > 0 && (
            <div className="table-wrap">
              <table aria-label="Aktarılamayan satırlar">
                <thead>
                  <tr>
                    <th scope="col">Satır</th>
                    <th scope="col">Hata</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((row) => (
                    <tr key={`${row.line}-${row.code}`}>
                      <td className="mono">{row.line}</td>
                      <td>{row.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
