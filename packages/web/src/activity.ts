/**
 * Shared pieces of the activity pages: the core's pure field rules and labels, form-error
 * mapping, the user's schools, the category lists, and the direct-to-S3 uploads with progress (one presigned POST, or
 * presigned part PUTs for large videos).
 */

import { schoolYearOf } from "@bigep/core/shared";
import { useEffect, useState } from "react";
import type { z } from "zod";
import { ApiError, api, request } from "./api";
import { schoolPlace } from "./names";
import "./activity.css";
import type { Session } from "./session";

// Plain lists and labels (no zod, so the list and the form paint without it); the zod schemas
// load only where a form is checked (./activityCheck).
export {
  Area,
  areaNames,
  areas,
  type ContentType,
  contentTypes,
  grades,
  MULTIPART_THRESHOLD,
  mb,
  type Reach,
  reachNames,
  type Status,
  statuses,
  statusNames,
  transitionNames,
  types,
} from "@bigep/core/shared";

/** The school year the page starts with. */
export const currentYear = (): string => schoolYearOf(new Date());

/** A few years around now, newest first, for the year filter. */
export function recentYears(): string[] {
  const start = Number(currentYear().slice(0, 4));
  return [start + 1, start, start - 1, start - 2].map((y) => `${y}-${y + 1}`);
}

/** Schools the server says the user may record activities for. */
export function schoolsOf(session: Session): string[] {
  return session
    .scopesFor("activity.create")
    .filter((s) => s.type === "school")
    .map((s) => s.id);
}

/** One activity with its version (ETag), which an edit or a transition sends back as If-Match. */
export async function fetchActivity(id: string) {
  const response = await api.api.activities[":id"].$get({ param: { id } });
  const activity = await request(Promise.resolve(response));
  return { activity, etag: response.headers.get("etag") };
}

/** Categories of each award area, as a school's province lists them for a year. */
export type Categories = Record<string, { id: string; name: string }[]>;

/** A category's name in the lists, or its id while they load (or if it was removed since). */
export const categoryName = (categories: Categories, activity: { area: string; category: string }): string =>
  categories[activity.area]?.find((c) => c.id === activity.category)?.name ?? activity.category;

/**
 * The category lists that apply to `school` in `year` (its province's), or none while the code
 * is not a whole kurum kodu yet or the school is unknown.
 */
export function useCategories(school: string, year: string): Categories {
  const [province, setProvince] = useState("");
  useEffect(() => {
    setProvince("");
    if (!/^\d{6,8}$/.test(school)) return;
    let live = true;
    // The directory entry the page's school names ask for too: one request, not two.
    void schoolPlace(school).then((info) => live && info && setProvince(info.provinceCode));
    return () => {
      live = false;
    };
  }, [school]);
  return useProvinceCategories(province, year);
}

/** The category lists of a province (plate code) for a year; none while `province` is empty. */
export function useProvinceCategories(province: string, year: string): Categories {
  const [categories, setCategories] = useState<Categories>({});
  useEffect(() => {
    // Only when lists are shown: a new empty object would render the whole page again for nothing.
    setCategories((shown) => (Object.keys(shown).length > 0 ? {} : shown));
    if (!province) return;
    let live = true;
    request(api.api.categories.$get({ query: { province, year } })).then(
      (info) => live && setCategories(info.lists),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [province, year]);
  return categories;
}

/** Field → first Turkish message, from zod issues (client-side) or an API 400's `details`. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message?: string }[]) {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "");
    if (key && !errors[key]) errors[key] = issue.message ?? "Geçersiz değer.";
  }
  return errors;
}

/** The field errors of a failed API call, if it was an input error with zod issues. */
export function apiFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  return fieldErrors(error.details as z.core.$ZodIssue[]);
}

/**
 * POSTs `file` to the presigned URL with the policy fields (the file must come last), reporting
 * progress in percent. XMLHttpRequest because fetch has no upload progress.
 */
export function uploadToS3(
  upload: { url: string; fields: Record<string, string> },
  file: File,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", upload.url);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve();
      } else reject(new Error(`Yükleme başarısız (${xhr.status}).`));
    });
    xhr.addEventListener("error", () => reject(new Error("Yükleme sırasında bağlantı kesildi.")));
    xhr.send(form);
  });
}

/** PUTs one part; resolves with the ETag S3 returns (the bucket's CORS rules expose it). */
function putPart(url: string, body: Blob, onLoaded: (bytes: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.addEventListener("progress", (event) => onLoaded(event.loaded));
    xhr.addEventListener("load", () => {
      const etag = xhr.getResponseHeader("ETag");
      if (xhr.status >= 200 && xhr.status < 300 && etag) resolve(etag);
      else reject(new Error(`Yükleme başarısız (${xhr.status}).`));
    });
    xhr.addEventListener("error", () => reject(new Error("Yükleme sırasında bağlantı kesildi.")));
    xhr.send(body);
  });
}

/** Part URLs live five minutes; ask for fresh ones a little before that. */
const PART_URL_MS = 240_000;

/**
 * Uploads a large video of a pending evidence in parts: starts the multipart upload, PUTs the
 * parts one after another (progress over the whole file), re-signs URLs that are about to expire,
 * and completes it — or cancels it when a part fails, so nothing half-uploaded lingers.
 */
export async function uploadInParts(evidenceId: string, file: File, onProgress: (percent: number) => void) {
  const param = { id: evidenceId };
  const multipart = api.api.evidence[":id"].multipart;
  const started = await request(multipart.$post({ param }));
  const urls = new Map(started.parts.map((p) => [p.partNumber, p.url]));
  let signedAt = Date.now();
  const count = Math.ceil(file.size / started.partSize);
  const parts: { partNumber: number; etag: string }[] = [];
  try {
    for (let partNumber = 1; partNumber <= count; partNumber++) {
      if (!urls.has(partNumber) || Date.now() - signedAt > PART_URL_MS) {
        const next = Array.from({ length: Math.min(100, count - partNumber + 1) }, (_, i) => partNumber + i);
        const fresh = await request(multipart.parts.$post({ param, json: { partNumbers: next } }));
        for (const p of fresh.parts) urls.set(p.partNumber, p.url);
        signedAt = Date.now();
      }
      const from = (partNumber - 1) * started.partSize;
      const blob = file.slice(from, from + started.partSize);
      const etag = await putPart(urls.get(partNumber) as string, blob, (loaded) =>
        onProgress(Math.min(99, Math.round(((from + loaded) / file.size) * 100))),
      );
      parts.push({ partNumber, etag });
    }
    await request(multipart.complete.$post({ param, json: { parts } }));
    onProgress(100);
  } catch (failure) {
    await multipart.$delete({ param }).catch(() => undefined);
    throw failure;
  }
}

/** "9" → "9. sınıf", "okul_oncesi" → "Okul öncesi". */
export const gradeName = (grade: string): string => (grade === "okul_oncesi" ? "Okul öncesi" : `${grade}. sınıf`);

/** "2026-10-01" → "01.10.2026", as Turkish officials write dates. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}.${m}.${y}`;
}
