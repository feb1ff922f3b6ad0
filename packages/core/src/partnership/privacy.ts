/**
 * Partnerships' personal data (privacy/hooks.ts): the person as a coordinator or zümre head of a
 * pair, on the workflow history of plans and reports, as the author of joint activities, on
 * plans' agreements and reports, named in joint activities' people or notes, as a meeting's
 * participant (or named in its agenda, minutes or decisions) and as a shared material's author. Partnerships are
 * found through the schools where the person holds roles (`bySchool`) and the audit trail.
 * Erasure keeps the pairs, plans, reports and works and replaces the person's name and address
 * (privacy/hooks.ts `scrub`).
 */
import { ERASED_NAME, type Person, type PersonalData, scrubbed } from "../privacy/hooks";
import { entities } from "./entities";

type Named = { userId?: string; name?: string };

async function partnershipsOf(person: Person) {
  const { Partnership, Member } = entities();
  const ids = new Set(person.touched.filter((t) => t.type === "partnership").map((t) => t.id));
  const schools = new Set(person.roles.filter((r) => r.scopeType === "school").map((r) => r.scopeId));
  for (const schoolCode of schools) {
    const members = await Member.query.bySchool({ schoolCode }).go({ pages: "all", attributes: ["partnershipId"] });
    for (const m of members.data) ids.add(m.partnershipId);
  }
  const rows = [];
  for (const partnershipId of ids) {
    const row = (await Partnership.get({ partnershipId }).go()).data;
    if (row) rows.push(row);
  }
  return rows;
}

/** The school years a pair's plans and reports may cover (a term of a few years from its start). */
function yearsOf(startYear: string): string[] {
  const first = Number(startYear.slice(0, 4));
  return Array.from({ length: 5 }, (_, i) => `${first + i}-${first + i + 1}`);
}

export const partnershipData: PersonalData = {
  domain: "partnership",
  async export(person) {
    const { Work, Meeting, Material } = entities();
    const out = [];
    for (const p of await partnershipsOf(person)) {
      const coordinator = Object.entries((p.coordinators ?? {}) as Record<string, Named>)
        .filter(([, c]) => c.userId === person.userId)
        .map(([school]) => school);
      const heads = ((p.zumres ?? []) as { subject: string; head: Named }[])
        .filter((z) => z.head.userId === person.userId)
        .map((z) => z.subject);
      const works = (await Work.query.byYear({ partnershipId: p.partnershipId }).go({ pages: "all" })).data
        .filter((w) => w.ownerId === person.userId)
        .map((w) => ({ id: w.workId, title: w.title, date: w.date }));
      const meetings = (await Meeting.query.byPartnership({ partnershipId: p.partnershipId }).go({ pages: "all" })).data
        .filter((m) => (m.participants as Named[]).some((x) => x.userId === person.userId))
        .map((m) => ({ id: m.meetingId, title: m.title, startsAt: m.startsAt }));
      const materials = (
        await Material.query.byPartnership({ partnershipId: p.partnershipId }).go({ pages: "all" })
      ).data
        .filter((m) => m.ownerId === person.userId)
        .map((m) => ({ id: m.materialId, title: m.title, createdAt: m.createdAt }));
      if (coordinator.length || heads.length || works.length || meetings.length || materials.length)
        out.push({ id: p.partnershipId, coordinatorOf: coordinator, zumreHeadOf: heads, works, meetings, materials });
    }
    return out;
  },
  async erase(person) {
    const { Partnership, History, Work, Actual, Post, Plan, Report, Meeting, Material } = entities();
    let changed = 0;
    for (const p of await partnershipsOf(person)) {
      const partnershipId = p.partnershipId;
      const pair = scrubbed(p, ["coordinators", "zumres"], person);
      if (pair) {
        await Partnership.patch({ partnershipId }).set(pair).go();
        changed++;
      }
      for (const h of (await History.query.byPartnership({ partnershipId }).go({ pages: "all" })).data) {
        const set = {
          ...(h.actorId === person.userId && h.actorName !== ERASED_NAME ? { actorName: ERASED_NAME } : {}),
          ...scrubbed(h, ["actorName", "reason"], person),
        };
        if (Object.keys(set).length === 0) continue;
        await History.patch({ partnershipId, kind: h.kind, schoolYear: h.schoolYear, seq: h.seq }).set(set).go();
        changed++;
      }
      for (const w of (await Work.query.byYear({ partnershipId }).go({ pages: "all" })).data) {
        const set = {
          ...(w.ownerId === person.userId && w.ownerName !== ERASED_NAME ? { ownerName: ERASED_NAME } : {}),
          ...scrubbed(w, ["ownerName", "people", "title", "description", "schools"], person),
        };
        if (Object.keys(set).length === 0) continue;
        await Work.patch({ partnershipId, schoolYear: w.schoolYear, workId: w.workId }).set(set).go();
        changed++;
      }
      for (const a of (await Actual.query.byYear({ partnershipId }).go({ pages: "all" })).data) {
        const set = scrubbed(a, ["note"], person);
        if (!set) continue;
        await Actual.patch({
          partnershipId,
          schoolYear: a.schoolYear,
          indicatorId: a.indicatorId,
          date: a.date,
          actualId: a.actualId,
        })
          .set(set)
          .go();
        changed++;
      }
      for (const post of (await Post.query.byWork({ partnershipId }).go({ pages: "all" })).data) {
        const set = scrubbed(post, ["confirmedBy", "decidedBy", "title", "summary", "reason"], person);
        if (!set) continue;
        await Post.patch({ partnershipId, workId: post.workId }).set(set).go();
        changed++;
      }
      for (const m of (await Meeting.query.byPartnership({ partnershipId }).go({ pages: "all" })).data) {
        const set = scrubbed(m, ["participants", "title", "agenda", "minutes", "decisions", "place"], person);
        if (!set) continue;
        await Meeting.patch({ partnershipId, meetingId: m.meetingId }).set(set).go();
        changed++;
      }
      for (const m of (await Material.query.byPartnership({ partnershipId }).go({ pages: "all" })).data) {
        const set = {
          ...(m.ownerId === person.userId && m.ownerName !== ERASED_NAME ? { ownerName: ERASED_NAME } : {}),
          ...scrubbed(m, ["ownerName", "title", "description"], person),
        };
        if (Object.keys(set).length === 0) continue;
        await Material.patch({ partnershipId, materialId: m.materialId }).set(set).go();
        changed++;
      }
      for (const schoolYear of yearsOf(p.startYear)) {
        for (const plan of (await Plan.query.byYear({ partnershipId, schoolYear }).go({ pages: "all" })).data) {
          const set = scrubbed(plan, ["items", "agreements", "receipts", "returnReason"], person);
          if (!set) continue;
          await Plan.patch({ partnershipId, schoolYear, planVersion: plan.planVersion }).set(set).go();
          changed++;
        }
        const report = (await Report.get({ partnershipId, schoolYear }).go()).data;
        const set =
          report && scrubbed(report, ["compiled", "narrative", "agreements", "receipts", "returnReason"], person);
        if (set) {
          await Report.patch({ partnershipId, schoolYear }).set(set).go();
          changed++;
        }
      }
    }
    return changed;
  },
};
