/**
 * Reviewer assignment as a pure function: the same input and seed give the same assignment.
 *
 * Conflicts of interest (never relaxed, whatever the load):
 * - a member never reviews an activity of a school where they hold any role;
 * - at province level, never one of their own district (a district role, or a role at one of its
 *   schools) unless the round explicitly allows it;
 * - never an activity of a school or a person the member declared a conflict with, nor one they
 *   took part in (creator or named teacher).
 *
 * Balance: activities are placed most-constrained first (fewest eligible members), and each slot
 * goes to the eligible member with the least load, then the fewest activities of that area, then
 * of that school (spread), then a seeded hash (deterministic tie-break). Per-member caps are hard
 * limits. Greedy least-load placement keeps the maximum load within one of the ideal
 * `ceil(k × activities / members)` whenever conflicts and caps leave room.
 */

/** What the assignment needs to know about an activity. */
export type Item = {
  activityId: string;
  school: string;
  district: string;
  area: string;
  /** People who took part (creator, named teachers): members who are among them are conflicted. */
  people?: readonly string[];
};

/** What the assignment needs to know about a panel member. */
export type Member = {
  userId: string;
  /** Schools where the member holds any role (any year). */
  schools: readonly string[];
  /** Districts where the member holds a role, or where one of their schools lies. */
  districts: readonly string[];
  /** Most activities this member takes in the round. */
  cap?: number;
  /** Declared conflicts. */
  conflictSchools?: readonly string[];
  conflictPeople?: readonly string[];
};

export type Level = "school" | "district" | "province";

export type Rules = { level: Level; allowOwnDistrict?: boolean };

/** Why a member may not review an activity (or null when they may). */
export type Conflict = "own_school" | "own_district" | "declared_school" | "declared_person" | "participant";

/** The conflict, if any, between a member and an activity under the round's rules. */
export function conflictOf(member: Member, item: Item, rules: Rules): Conflict | null {
  if (member.schools.includes(item.school)) return "own_school";
  if (rules.level === "province" && !rules.allowOwnDistrict && member.districts.includes(item.district)) {
    return "own_district";
  }
  if (member.conflictSchools?.includes(item.school)) return "declared_school";
  if (item.people?.includes(member.userId)) return "participant";
  if (item.people?.some((p) => member.conflictPeople?.includes(p))) return "declared_person";
  return null;
}

/** FNV-1a, 32 bit: a small stable hash for seeded, deterministic tie-breaks. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Pair = { activityId: string; reviewerId: string };

export type Plan = {
  pairs: Pair[];
  /** Activities that got fewer than k reviewers (conflicts or caps left too few members). */
  short: { activityId: string; missing: number }[];
  /** Activities per member (every member listed, also those with none). */
  load: Record<string, number>;
};

/**
 * Assigns `k` distinct, conflict-free reviewers to every item. `existing` pairs are kept (and
 * count towards loads), so re-running after new activities arrive only fills the gaps.
 */
export function assign(input: {
  items: readonly Item[];
  members: readonly Member[];
  k: number;
  rules: Rules;
  seed: string;
  existing?: readonly Pair[];
}): Plan {
  const { items, members, k, rules, seed } = input;
  const load = new Map(members.map((m) => [m.userId, 0]));
  const byArea = new Map<string, number>();
  const bySchool = new Map<string, number>();
  const taken = new Map<string, Set<string>>();
  const pairs: Pair[] = [];
  const itemById = new Map(items.map((i) => [i.activityId, i]));
  const bump = (memberId: string, item: Item) => {
    load.set(memberId, (load.get(memberId) ?? 0) + 1);
    byArea.set(`${memberId}|${item.area}`, (byArea.get(`${memberId}|${item.area}`) ?? 0) + 1);
    bySchool.set(`${memberId}|${item.school}`, (bySchool.get(`${memberId}|${item.school}`) ?? 0) + 1);
  };
  for (const pair of input.existing ?? []) {
    const item = itemById.get(pair.activityId);
    if (!item) continue;
    const set = taken.get(pair.activityId) ?? new Set<string>();
    if (set.has(pair.reviewerId)) continue;
    set.add(pair.reviewerId);
    taken.set(pair.activityId, set);
    pairs.push(pair);
    if (load.has(pair.reviewerId)) bump(pair.reviewerId, item);
  }

  // Eligibility ignores load, so it is computed once; most-constrained first, seeded order within.
  const eligible = new Map<string, Member[]>();
  for (const item of items) {
    eligible.set(
      item.activityId,
      members.filter((m) => conflictOf(m, item, rules) === null),
    );
  }
  const order = [...items].sort(
    (a, b) =>
      (eligible.get(a.activityId)?.length ?? 0) - (eligible.get(b.activityId)?.length ?? 0) ||
      hash(`${seed}|${a.activityId}`) - hash(`${seed}|${b.activityId}`) ||
      (a.activityId < b.activityId ? -1 : 1),
  );

  const memberHash = new Map(members.map((m) => [m.userId, hash(m.userId)]));
  const short: Plan["short"] = [];
  for (const item of order) {
    const set = taken.get(item.activityId) ?? new Set<string>();
    taken.set(item.activityId, set);
    let missing = k - set.size;
    if (missing <= 0) continue;
    const candidates = (eligible.get(item.activityId) ?? []).filter(
      (m) => !set.has(m.userId) && (m.cap === undefined || (load.get(m.userId) ?? 0) < m.cap),
    );
    const itemHash = hash(`${seed}|${item.activityId}`);
    const key = (m: Member) => [
      load.get(m.userId) ?? 0,
      byArea.get(`${m.userId}|${item.area}`) ?? 0,
      bySchool.get(`${m.userId}|${item.school}`) ?? 0,
      Math.imul(itemHash ^ (memberHash.get(m.userId) ?? 0), 0x9e3779b1) >>> 0,
    ];
    while (missing > 0 && candidates.length > 0) {
      let best = 0;
      let bestKey = key(candidates[0] as Member);
      for (let i = 1; i < candidates.length; i++) {
        const candidateKey = key(candidates[i] as Member);
        if (less(candidateKey, bestKey)) {
          best = i;
          bestKey = candidateKey;
        }
      }
      const [chosen] = candidates.splice(best, 1) as [Member];
      set.add(chosen.userId);
      pairs.push({ activityId: item.activityId, reviewerId: chosen.userId });
      bump(chosen.userId, item);
      missing--;
    }
    if (missing > 0) short.push({ activityId: item.activityId, missing });
  }
  short.sort((a, b) => (a.activityId < b.activityId ? -1 : 1));
  return { pairs, short, load: Object.fromEntries(load) };
}

function less(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) < (b[i] as number);
  }
  return false;
}
