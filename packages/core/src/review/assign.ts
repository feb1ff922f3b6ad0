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
 * limits. Greedy placement alone can end one above the best possible maximum load (the last
 * activities may find only busy members free of conflicts), so a second pass moves new pairs along
 * chains of members (m gives an activity to n, n gives one to o, …) until no member at the maximum
 * can hand work down to one at least two below it — at that point the maximum load is the least
 * any conflict-free assignment of these slots can reach.
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
  rebalance({ pairs, fixed: input.existing?.length ?? 0, members, eligible, load });
  return { pairs, short, load: Object.fromEntries(load) };
}

/**
 * Lowers the maximum load by moving new pairs (never the `fixed` first ones, which may already be
 * scored) along augmenting chains found breadth-first over members. Deterministic: members and
 * pairs are visited in their given order. Work is bounded so a huge panel cannot stall a job.
 */
function rebalance(input: {
  pairs: Pair[];
  fixed: number;
  members: readonly Member[];
  eligible: Map<string, Member[]>;
  load: Map<string, number>;
}): void {
  const { pairs, fixed, members, eligible, load } = input;
  const capOf = new Map(members.map((m) => [m.userId, m.cap ?? Number.POSITIVE_INFINITY]));
  const onActivity = new Map<string, Set<string>>();
  for (const p of pairs) {
    const set = onActivity.get(p.activityId) ?? new Set<string>();
    set.add(p.reviewerId);
    onActivity.set(p.activityId, set);
  }
  // Indices of each member's movable pairs, kept current as pairs move.
  const held = new Map<string, Set<number>>(members.map((m) => [m.userId, new Set<number>()]));
  for (let i = fixed; i < pairs.length; i++) held.get((pairs[i] as Pair).reviewerId)?.add(i);
  const movable = (memberId: string) => [...(held.get(memberId) ?? [])];
  let budget = 20_000;
  for (;;) {
    const max = Math.max(0, ...load.values());
    // Nothing to gain when no member could take one more without reaching the maximum.
    const room = members.some((m) => {
      const l = load.get(m.userId) ?? 0;
      return l <= max - 2 && l < (capOf.get(m.userId) as number);
    });
    if (!room) return;
    const top = members.filter((m) => (load.get(m.userId) ?? 0) === max);
    // A member reachable from a start that found no chain cannot find one either (its reach is a subset).
    const hopeless = new Set<string>();
    let moved = false;
    for (const start of top) {
      if (hopeless.has(start.userId)) continue;
      if (budget-- <= 0) return;
      // BFS: from member u, an edge to v through pair i when v may take pair i's activity.
      const via = new Map<string, { from: string; pair: number }>();
      const queue = [start.userId];
      const seen = new Set(queue);
      let goal: string | undefined;
      while (queue.length > 0 && goal === undefined) {
        const u = queue.shift() as string;
        for (const i of movable(u)) {
          const activityId = (pairs[i] as Pair).activityId;
          const taken = onActivity.get(activityId) as Set<string>;
          for (const v of eligible.get(activityId) ?? []) {
            if (seen.has(v.userId) || taken.has(v.userId)) continue;
            seen.add(v.userId);
            via.set(v.userId, { from: u, pair: i });
            const vLoad = load.get(v.userId) ?? 0;
            if (vLoad <= max - 2 && vLoad < (capOf.get(v.userId) as number)) {
              goal = v.userId;
              break;
            }
            queue.push(v.userId);
          }
          if (goal !== undefined) break;
        }
      }
      if (goal === undefined) {
        for (const id of seen) hopeless.add(id);
        continue;
      }
      // Apply the chain from its far end, checking each move again (an activity may recur on it).
      const steps: { from: string; to: string; pair: number }[] = [];
      for (let v = goal; v !== start.userId; ) {
        const step = via.get(v) as { from: string; pair: number };
        steps.push({ from: step.from, to: v, pair: step.pair });
        v = step.from;
      }
      const valid = steps.every((s) => {
        const p = pairs[s.pair] as Pair;
        return p.reviewerId === s.from && !(onActivity.get(p.activityId) as Set<string>).has(s.to);
      });
      if (!valid) continue;
      for (const s of steps) {
        const p = pairs[s.pair] as Pair;
        const set = onActivity.get(p.activityId) as Set<string>;
        set.delete(s.from);
        set.add(s.to);
        held.get(s.from)?.delete(s.pair);
        held.get(s.to)?.add(s.pair);
        pairs[s.pair] = { activityId: p.activityId, reviewerId: s.to };
      }
      load.set(start.userId, (load.get(start.userId) ?? 0) - 1);
      load.set(goal, (load.get(goal) ?? 0) + 1);
      moved = true;
      break;
    }
    if (!moved) return;
  }
}

function less(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) < (b[i] as number);
  }
  return false;
}
