/**
 * The activity lists beyond one school: the views the server says a person works with (their
 * school's list, a district's or a province's review queue), the shared activity table, and
 * school names.
 */
import "./review.css";
import type { Scope } from "@bigep/core/shared";
import { memo, useEffect, useState } from "react";
import { areaNames, type Categories, categoryName, formatDay, type Status, statusNames } from "./activity";
import { api, request } from "./api";
import { formatDate } from "./format";
import { scopeLabel } from "./identity";
import { scopeTitle } from "./names";
import { Link } from "./router";
import type { Capabilities } from "./session";
import { TableBox } from "./ui";

/** One page of the activities list endpoint, whichever view asked. */
export const fetchActivities = (query: Record<string, string>) => request(api.api.activities.$get({ query }));
export type ActivityRow = Awaited<ReturnType<typeof fetchActivities>>["items"][number];

/** The scopes whose activity lists the person works with (`queues` of `GET /api/me`), in the order of their grants. */
export function viewsOf(capabilities: Capabilities | undefined): Scope[] {
  return capabilities?.queues ?? [];
}

/** The status a queue starts on: what was forwarded to that level and awaits its decision. */
export const awaiting = (scope: Scope): Status => (scope.type === "district" ? "district" : "province");

/**
 * "Balıkesir Fen Lisesi (710204) — etkinlik listesi", "Altıeylül ilçesi — inceleme kuyruğu" with the
 * names of `useScopeNames`; "Okul 710204 — …" without them.
 */
export const viewLabel = (scope: Scope, names: Record<string, string> = {}): string =>
  `${names[`${scope.type}:${scope.id}`] ? scopeTitle(scope, names) : scopeLabel(scope)} — ${
    scope.type === "school" ? "etkinlik listesi" : "inceleme kuyruğu"
  }`;

const schoolNames = new Map<string, Promise<string>>();

/** A school's name, asked once per page load; its code if the school cannot be read. */
function schoolName(code: string): Promise<string> {
  let name = schoolNames.get(code);
  if (!name) {
    name = request(api.api.schools[":code"].$get({ param: { code } })).then(
      (school) => school.name,
      () => {
        schoolNames.delete(code);
        return code;
      },
    );
    schoolNames.set(code, name);
  }
  return name;
}

/** Names of the schools in a list (filled in as they arrive). */
export function useSchoolNames(codes: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(codes)].sort().join(",");
  useEffect(() => {
    let live = true;
    for (const code of key.split(",").filter(Boolean)) {
      void schoolName(code).then((name) => live && setNames((shown) => ({ ...shown, [code]: name })));
    }
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}

/**
 * Activities as a table, each title linking to its page. A queue shows the school and the last
 * change; a school's list shows the activity date and who recorded it. Memoised: the list pages
 * render again as names arrive, and diffing a page of rows for nothing costs a phone's main thread.
 */
export const ActivityTable = memo(function ActivityTable({
  items,
  categories,
  queue = false,
}: {
  items: ActivityRow[];
  categories: Categories;
  queue?: boolean;
}) {
  const names = useSchoolNames(queue ? items.map((a) => a.school) : []);
  return (
    <TableBox label={queue ? "İnceleme kuyruğu" : "Etkinlikler"}>
      <table aria-label={queue ? "İnceleme kuyruğu" : "Etkinlikler"}>
        <thead>
          <tr>
            <th scope="col">Başlık</th>
            {queue && <th scope="col">Okul</th>}
            <th scope="col">Alan</th>
            <th scope="col">Kategori</th>
            {!queue && <th scope="col">Tarih</th>}
            <th scope="col">Durum</th>
            <th scope="col">Güncellendi</th>
            {!queue && <th scope="col">Kaydeden</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/etkinlikler/${a.id}`}>{a.title}</Link>
                {a.duplicateEvidence && (
                  <span className="badge-warning" title="Kanıt dosyalarından biri başka bir etkinlikte de kullanılmış">
                    Yinelenen kanıt
                  </span>
                )}
              </td>
              {queue && (
                <td>
                  {names[a.school] && names[a.school] !== a.school ? (
                    <>
                      {names[a.school]} <span className="muted">({a.school})</span>
                    </>
                  ) : (
                    a.school
                  )}
                </td>
              )}
              <td>{areaNames[a.area]}</td>
              <td>{categoryName(categories, a)}</td>
              {!queue && <td>{formatDay(a.startDate)}</td>}
              <td>
                <span className={`status status-${a.status}`}>{statusNames[a.status]}</span>
              </td>
              <td>{formatDate(a.updatedAt)}</td>
              {!queue && <td>{a.ownerName}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
});
