/**
 * Names instead of codes: a school, district or province by its name, looked up once per page
 * load from the public directory endpoints. `<ScopeName>` shows the name with the code on a
 * smaller second line for officials; while the name loads (or when it cannot be read) the code
 * stands alone, so nothing is ever blank.
 */
import type { Scope } from "@bigep/core/shared";
import { useEffect, useState } from "react";
import { api, request } from "./api";

/** Where a school sits, as its directory entry says. */
export type SchoolPlace = { code: string; name: string; districtId: string; provinceCode: string };

const cache = new Map<string, Promise<string | undefined>>();
const schools = new Map<string, Promise<SchoolPlace | undefined>>();

/** A school's directory entry (name, district, province), asked once per page load. */
export function schoolPlace(code: string): Promise<SchoolPlace | undefined> {
  let found = schools.get(code);
  if (!found) {
    found = request(api.api.schools[":code"].$get({ param: { code } })).then(
      (s) => ({ code: s.code, name: s.name, districtId: s.districtId, provinceCode: s.provinceCode }),
      () => {
        schools.delete(code);
        return undefined;
      },
    );
    schools.set(code, found);
  }
  return found;
}

function remember(key: string, ask: () => Promise<string>): Promise<string | undefined> {
  let name = cache.get(key);
  if (!name) {
    name = ask().catch(() => {
      cache.delete(key);
      return undefined;
    });
    cache.set(key, name);
  }
  return name;
}

/** The name of a scope ("Balıkesir Fen Lisesi", "Altıeylül", "Balıkesir", "Ulusal"); undefined if unknown. */
export function scopeName(scope: Scope): Promise<string | undefined> {
  switch (scope.type) {
    case "national":
      return Promise.resolve("Ulusal");
    case "school":
      return schoolPlace(scope.id).then((s) => s?.name);
    case "district":
      return remember(`district:${scope.id}`, () =>
        request(api.api.districts[":id"].$get({ param: { id: scope.id } })).then((d) => d.name),
      );
    case "province":
      return remember(`province:${scope.id}`, () =>
        request(api.api.provinces[":code"].$get({ param: { code: scope.id } })).then((p) => p.name),
      );
    default:
      return Promise.resolve(undefined);
  }
}

/** Names of several scopes, keyed `type:id`, filled in as they arrive. */
export function useScopeNames(scopes: readonly Scope[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(scopes.map((s) => `${s.type}:${s.id}`))].sort().join("|");
  useEffect(() => {
    let live = true;
    for (const text of key.split("|").filter(Boolean)) {
      const [type, ...rest] = text.split(":");
      void scopeName({ type: type as Scope["type"], id: rest.join(":") }).then(
        (name) => live && name && setNames((shown) => ({ ...shown, [text]: name })),
      );
    }
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}

const kindNames: Record<Scope["type"], string> = {
  national: "Ulusal",
  province: "İl",
  district: "İlçe",
  school: "Okul",
  partnership: "Ortaklık",
};

/**
 * A scope by name, its kind and code on a smaller second line ("Balıkesir Fen Lisesi" /
 * "Okul · 710204"); `code={false}` leaves the second line out.
 */
export function ScopeName({ scope, code = true }: { scope: Scope; code?: boolean }) {
  const name = useScopeNames([scope])[`${scope.type}:${scope.id}`];
  if (scope.type === "national") return <>Ulusal</>;
  if (!name) return <span className="mono">{scope.id}</span>;
  return (
    <>
      {name}
      {code && (
        <small className="code-line">
          {kindNames[scope.type]} · {scope.id}
        </small>
      )}
    </>
  );
}

/** The person's own place (province, district, school) from their narrowest grant, to preselect filters. */
export type HomePlace = { province?: string; district?: string; school?: string };

const rank: Record<Scope["type"], number> = { school: 0, partnership: 1, district: 2, province: 3, national: 4 };

/** Resolves the narrowest of `scopes` to a place (a school's district and province from the directory). */
export async function placeOfScopes(scopes: readonly Scope[]): Promise<HomePlace> {
  const [first] = [...scopes].filter((s) => s.type !== "partnership").sort((a, b) => rank[a.type] - rank[b.type]);
  if (!first || first.type === "national") return {};
  if (first.type === "province") return { province: first.id };
  if (first.type === "district") return { province: first.id.slice(0, 2), district: first.id };
  const school = await schoolPlace(first.id);
  return school
    ? { province: school.provinceCode, district: school.districtId, school: school.code }
    : { school: first.id };
}

/**
 * The signed-in person's own place, for the filters of the directory pages; `undefined` while it
 * is being resolved (a page waits for it rather than showing another province first).
 */
export function useHomePlace(scopes: readonly Scope[] | undefined): HomePlace | undefined {
  const [place, setPlace] = useState<HomePlace | undefined>(scopes && scopes.length === 0 ? {} : undefined);
  const key = (scopes ?? []).map((s) => `${s.type}:${s.id}`).join("|");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the scopes
  useEffect(() => {
    if (!scopes) return;
    let live = true;
    void placeOfScopes(scopes).then((p) => live && setPlace(p));
    return () => {
      live = false;
    };
  }, [key, scopes === undefined]);
  return place;
}

/**
 * A scope as one line of text, for places that cannot hold markup (a select's options):
 * "Balıkesir Fen Lisesi (710204)", "Altıeylül ilçesi", "10 — Balıkesir"; the code alone until the
 * name is known. `names` comes from `useScopeNames`.
 */
export function scopeTitle(scope: Scope, names: Record<string, string>): string {
  const name = names[`${scope.type}:${scope.id}`];
  if (scope.type === "national") return "Ulusal";
  if (!name) return `${kindNames[scope.type]} ${scope.id}`;
  if (scope.type === "school") return `${name} (${scope.id})`;
  if (scope.type === "district") return `${name} ilçesi`;
  if (scope.type === "province") return `${scope.id} — ${name}`;
  return name;
}
