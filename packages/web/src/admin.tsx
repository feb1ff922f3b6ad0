/**
 * Shared pieces of the administration pages: the places a person may administer (from the
 * scopes the server's capabilities name for an action; the web keeps no copy of the rules), and
 * one CSV import panel (template link, file upload, report with line numbers).
 */
import type { Scope } from "@bigep/core/shared";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { ApiError, api, apiFetch, messageOf, request, toError } from "./api";
import { PROGRAMME_PROVINCE } from "./format";
import { FileInput } from "./inputs";
import { isActive, JobState, useJob } from "./jobs";
import { Alert, TableBox } from "./ui";
import "./admin.css";

export type Province = { code: string; name: string };

/**
 * Provinces of the scopes in which the person may do an action (`session.scopesFor(action)`):
 * all of them for a national scope, else the province scopes (and, with `districts`, the
 * provinces of district scopes). Null while the list loads.
 */
export function useProvincesFor(scopes: readonly Scope[], options: { districts?: boolean } = {}): Province[] | null {
  const national = scopes.some((s) => s.type === "national");
  const codes = scopes.flatMap((s) =>
    s.type === "province" ? [s.id] : s.type === "district" && options.districts ? [s.id.slice(0, 2)] : [],
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
 * The province a page opens on among `provinces`: the person's own (of a province or district
 * scope in `scopes`), else Balıkesir for a national role, else the first one; "" while loading.
 */
export function defaultProvince(provinces: readonly Province[] | null, scopes: readonly Scope[]): string {
  if (!provinces || provinces.length === 0) return "";
  const own = scopes.flatMap((s) => (s.type === "province" ? [s.id] : s.type === "district" ? [s.id.slice(0, 2)] : []));
  const wanted = [...own, PROGRAMME_PROVINCE].find((code) => provinces.some((p) => p.code === code));
  return wanted ?? provinces[0]?.code ?? "";
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

/** A CSV template: its file name, header, an example row and the allowed values of some columns. */
export type CsvTemplate = {
  name: string;
  header: string;
  example?: string;
  /** Column → the values it accepts (as people write them). */
  values?: [string, string[]][];
};

/**
 * The template file's text: a BOM (so Excel opens the UTF-8 file with Turkish letters intact),
 * `#` lines naming the allowed values, the header, and the example row behind `#` (the importers
 * skip `#` lines, so a template uploaded unchanged imports nothing by mistake).
 */
export function templateText(template: CsvTemplate): string {
  const notes = [
    "# # ile başlayan satırlar okunmaz. Örnek satırı silip kendi satırlarınızı ekleyin.",
    ...(template.values ?? []).map(([column, values]) => `# ${column}: ${values.join(" | ")}`),
  ];
  return `\ufeff${[...notes, template.header, ...(template.example ? [`#${template.example}`] : [])].join("\n")}\n`;
}

/** What both import endpoints report: rows that did not land, by file line (the header is line 1). */
export type ImportErrors = { errors: { line: number; code: string; message: string }[] };

/**
 * An import panel: template download, file choice, upload to `path`. A file with bad rows comes
 * back at once with the rows by line; a valid file starts a job, whose progress is shown until it
 * ends, then the `summary` of its report (and any rows it could not write).
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
  /**
   * Template file: name, header line, and optionally an example row and the allowed values
   * (both written as `#` lines, which the importers skip, and the values also listed here).
   */
  template: CsvTemplate;
  hint?: string;
  summary(report: R): string;
  onImported?(report: R): void;
  /** Extra fields before the file, e.g. the province to import into. */
  children?: ReactNode;
}) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [rejected, setRejected] = useState<ImportErrors["errors"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { job, error: jobError } = useJob(jobId);
  const report = job?.status === "succeeded" ? (job.result as R) : null;
  const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(templateText(template))}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per finished job, not per render
  useEffect(() => {
    if (report) onImported?.(report);
  }, [report !== null, job?.id]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError("Bir CSV dosyası seçin.");
      return;
    }
    setBusy(true);
    setError(null);
    setRejected(null);
    setJobId(null);
    try {
      const started = await postCsv<{ id: string }>(path, await readText(file));
      setJobId(started.id);
    } catch (failure) {
      setError(messageOf(failure));
      const details = failure instanceof ApiError ? (failure.details as Partial<ImportErrors> | undefined) : undefined;
      if (details?.errors) setRejected(details.errors);
    } finally {
      setBusy(false);
    }
  };

  const rows = rejected ?? report?.errors ?? [];
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <p className="hint">
          UTF-8 CSV, ilk satır başlık: <code>{template.header}</code>. {hint} Hatalı satır içeren dosya hiç aktarılmaz;
          hatalar satır numarasıyla gösterilir.{" "}
          <a href={templateHref} download={template.name}>
            Şablonu indir
          </a>
        </p>
        {template.values && (
          <details className="hint">
            <summary>İzin verilen değerler ve örnek satır</summary>
            <ul>
              {template.values.map(([column, values]) => (
                <li key={column}>
                  <code>{column}</code>: {values.join(", ")}
                </li>
              ))}
            </ul>
            {template.example && (
              <p>
                Örnek: <code>{template.example}</code>
              </p>
            )}
          </details>
        )}
        {children}
        <div className="field">
          <label htmlFor={`${id}-file`}>CSV dosyası</label>
          <FileInput id={`${id}-file`} name="file" accept=".csv,text/csv" required />
        </div>
        <Alert text={error ?? jobError} />
        <button type="submit" disabled={busy || (job !== null && isActive(job))}>
          {busy ? "Denetleniyor…" : job && isActive(job) ? "Aktarılıyor…" : "İçe aktar"}
        </button>
      </form>
      {job && <JobState job={job} />}
      {report && (
        <p className="notice" role="status">
          {summary(report)}
          {report.errors.length > 0 ? ` ${report.errors.length} satır aktarılamadı.` : ""}
        </p>
      )}
      {rows.length > 0 && (
        <TableBox label="Aktarılamayan satırlar">
          <table aria-label="Aktarılamayan satırlar">
            <thead>
              <tr>
                <th scope="col">Satır</th>
                <th scope="col">Hata</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.line}-${row.code}`}>
                  <td className="mono">{row.line}</td>
                  <td>{row.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </section>
  );
}
