/**
 * Demo data of the Okul Ortaklığı Programı for the local runtime: an OGM officer, a Trabzon
 * province officer, coordinators, and three pairs across Balıkesir and Trabzon in different
 * states (a plan submitted up the chain, a draft plan, a pair in its third year without a plan
 * yet). Idempotent: a school that already has a partnership is left alone.
 */
import type { Grant } from "../actor";
import { withActor } from "../actor";
import { Assignment, demoActor, User } from "../identity";
import { entities } from "./entities";
import * as Partnership from "./partnership";
import * as Plan from "./plan";

const people: { email: string; name: string; grants: Grant[] }[] = [
  {
    email: "ogm@bigep.local",
    name: "Selin Bakanlık (OGM)",
    grants: [{ role: "ministry_officer", scope: { type: "national", id: "" } }],
  },
  {
    email: "il.trabzon@bigep.local",
    name: "Kemal Trabzon İl",
    grants: [{ role: "province_officer", scope: { type: "province", id: "61" } }],
  },
  // People by name, not by school code (a name with a code in it also fooled the sign-in mail reader).
  ...(
    [
      ["716101", "Zeynep Karadeniz"],
      ["716102", "Murat Uzungöl"],
      ["716201", "Ayten Şahin"],
      ["710105", "Hakan Yıldız"],
    ] as const
  ).map(([code, name]) => ({
    email: `ogretmen.${code}@bigep.local`,
    name,
    grants: [{ role: "teacher" as const, scope: { type: "school" as const, id: code } }],
  })),
];

const pairs = [
  { schools: ["710204", "716101"] as [string, string], startYear: "2026-2027", plan: "submitted" as const },
  { schools: ["710104", "716102"] as [string, string], startYear: "2026-2027", plan: "draft" as const },
  { schools: ["710105", "716201"] as [string, string], startYear: "2024-2025", plan: "none" as const },
];

const demoItems = (a: string, b: string) => [
  {
    topic: "academic_success" as const,
    activityType: "joint_exam" as const,
    title: "Ortak deneme sınavları",
    schools: [a, b],
    from: "2026-10-01",
    to: "2027-05-31",
    indicators: [{ name: "Yapılan ortak sınav", unit: "adet", baseline: 0, target: 4, owner: a }],
  },
  {
    topic: "community_service" as const,
    activityType: "social_responsibility" as const,
    title: "Ortak sosyal sorumluluk projesi",
    schools: [b],
    from: "2026-11-01",
    to: "2027-04-30",
    indicators: [{ name: "Katılan öğrenci", unit: "kişi", baseline: 0, target: 60, owner: b }],
  },
];

/** Seeds the demo pairs (after the org and identity seeds). Returns how many pairs it created. */
export async function seedDemoPartnerships(): Promise<number> {
  await withActor(
    { actor: { type: "system", reason: "örnek ortaklıklar (npm start)" }, requestId: "seed" },
    async () => {
      for (const person of people) {
        if (await User.byEmail(person.email)) continue;
        const user = await User.create({ name: person.name, email: person.email });
        for (const grant of person.grants) await Assignment.grant({ userId: user.id, grant });
      }
    },
  );
  const ogm = await demoActor("ogm@bigep.local");
  if (!ogm) return 0;
  let created = 0;
  for (const pair of pairs) {
    const [a, b] = pair.schools;
    const { data } = await entities().Member.query.bySchool({ schoolCode: a }).go({ limit: 1 });
    if (data.length) continue;
    const [coordA, coordB] = await Promise.all([
      demoActor(`ogretmen.${a}@bigep.local`),
      demoActor(`ogretmen.${b}@bigep.local`),
    ]);
    if (!coordA || !coordB) continue;
    const p = await withActor({ actor: ogm, requestId: "seed" }, () =>
      Partnership.create({
        schools: [a, b],
        leadSchool: a,
        startYear: pair.startYear,
        coordinators: { [a]: coordA.userId, [b]: coordB.userId },
        zumres: [{ subject: "Matematik", head: { name: coordA.name, school: a, userId: coordA.userId } }],
      }),
    );
    created += 1;
    if (pair.plan === "none") continue;
    const year = "2026-2027";
    let plan = await withActor({ actor: coordA, requestId: "seed" }, () =>
      Plan.save({ id: p.id, year, rev: 0, items: demoItems(a, b) }),
    );
    if (pair.plan !== "submitted") continue;
    for (const who of [coordA, coordB]) {
      plan = await withActor({ actor: who, requestId: "seed" }, () =>
        Plan.transition({ id: p.id, year, rev: plan.rev, action: "agree" }),
      );
    }
    await withActor({ actor: coordA, requestId: "seed" }, () =>
      Plan.transition({ id: p.id, year, rev: plan.rev, action: "submit" }),
    );
  }
  return created;
}
