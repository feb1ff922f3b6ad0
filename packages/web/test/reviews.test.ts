/**
 * Commission reviews in the browser: a reviewer scores an assigned activity (drafts autosaved,
 * then submitted) and only then sees the other reviewer's scores; the chair settles a
 * disagreement, applies promotion, previews and runs an assignment, gives the awards and
 * publishes; the school then reads its outcome and the reviewers' comments (without names).
 * The rounds, panels and most scores are seeded here through the core operations, as the people
 * themselves would; expected figures follow from the written rules (total = Σ weight × points /
 * Σ weight × 10 × 100 → every criterion at p points gives 10 × p).
 */
import { Activity } from "@bigep/core/activity";
import { type Actor, withActor } from "@bigep/core/actor";
import { demoActor } from "@bigep/core/identity";
import { Decision, defaultRubrics, Round, Rubric, Score } from "@bigep/core/review";
import { schoolYearOf } from "@bigep/core/util/date";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { userWith } from "../../../test/helpers/auth";
import { type Harness, startBrowser } from "./browser";

const year = schoolYearOf(new Date());
const province = "10";
/** A decision is a few transactions; on a busy shared machine that can take seconds. */
const slow = { timeout: 90_000 };
type User = Extract<Actor, { type: "user" }>;

function minute(offsetDays: number): string {
  const at = new Date(Date.now() + offsetDays * 86_400_000 + 3 * 3_600_000);
  return at.toISOString().slice(0, 16);
}
async function person(email: string): Promise<User> {
  const actor = await demoActor(email);
  if (!actor) throw new Error(`no user ${email}`);
  return actor;
}
const as = <T>(who: User, run: () => Promise<T>) => withActor({ actor: who, requestId: "reviews-test" }, run);
const scores = (points: number, comment: string) =>
  Object.fromEntries(defaultRubrics.academic.map((c) => [c.id, { points, comment: `${comment} (${c.id})` }]));

/** An academic activity of `school`, approved by its commission. */
async function approvedActivity(school: string, title: string): Promise<string> {
  const teacher = await person(`ogretmen.${school}@bigep.local`);
  const commission = await person(`komisyon.${school}@bigep.local`);
  const created = await as(teacher, () =>
    Activity.create({
      school,
      year,
      area: "academic",
      category: "dyk",
      title,
      startDate: `${year.slice(0, 4)}-10-15`,
      reach: "school",
      students: [],
    }),
  );
  await as(teacher, () => Activity.transition({ id: created.id, action: "submit" }));
  await as(commission, () => Activity.transition({ id: created.id, action: "approve" }));
  return created.id;
}

/** The one reviewer of `activityId` among `members` (k = 1 rounds). */
async function reviewerOf(roundId: string, activityId: string, members: User[]): Promise<User> {
  for (const m of members) {
    const { items } = await as(m, () => Score.queue({ roundId }));
    if (items.some((i) => i.activityId === activityId)) return m;
  }
  throw new Error(`no reviewer for ${activityId}`);
}

async function confirm(page: Page, yes: string) {
  await page.getByRole("dialog").getByRole("button", { name: yes }).click();
}

describe("commission reviews", () => {
  let h: Harness;
  let chair: User;
  let hakem1: User;
  let hakem2: User;
  let boards: User[];
  let evaluators: User[];
  let a1 = "";
  let a2 = "";
  const ids: Record<"blind" | "school" | "district" | "province", string> = {
    blind: "",
    school: "",
    district: "",
    province: "",
  };

  beforeAll(async () => {
    h = await startBrowser();
    chair = await person("il@bigep.local");
    // Reviewers from schools other than the activities' (710204 Altıeylül, 710104 Karesi).
    await userWith([{ role: "school_commission", scope: { type: "school", id: "710302" } }], {
      email: "hakem.bir@bigep.local",
      name: "Hakan Birinci",
    });
    await userWith([{ role: "school_commission", scope: { type: "school", id: "710401" } }], {
      email: "hakem.iki@bigep.local",
      name: "Zeynep İkinci",
    });
    await userWith([{ role: "district_board", scope: { type: "district", id: "10-karesi" } }], {
      email: "ilce.karesi@bigep.local",
      name: "Kerem Karesi Kurulu",
    });
    for (const n of [1, 2]) {
      await userWith([{ role: "province_review_board", scope: { type: "province", id: province } }], {
        email: `degerlendirme.${n}@bigep.local`,
        name: `Değerlendirme Üyesi ${n}`,
      });
    }
    hakem1 = await person("hakem.bir@bigep.local");
    hakem2 = await person("hakem.iki@bigep.local");
    boards = [await person("ilce.altieylul@bigep.local"), await person("ilce.karesi@bigep.local")];
    evaluators = [await person("degerlendirme.1@bigep.local"), await person("degerlendirme.2@bigep.local")];

    await as(chair, async () => {
      for (const area of ["academic", "projects", "arts_sports_culture", "innovative_environments"] as const) {
        await Rubric.save({ province, year, area, criteria: defaultRubrics[area] });
      }
    });
    a1 = await approvedActivity("710204", "Deney atölyesi");
    a2 = await approvedActivity("710104", "Kodlama kulübü");

    const common = { province, year, opensAt: minute(-1), closesAt: minute(30) };
    const reviewers = [{ userId: hakem1.userId }, { userId: hakem2.userId }];
    await as(chair, async () => {
      // The reviewer's round: both reviewers get both activities (k = 2).
      const blind = await Round.create({ ...common, level: "school", name: "Okul turu A", k: 2, panel: reviewers });
      ids.blind = blind.id;
      await Round.loadEntries(blind.id);
      await Round.runAssignment({ roundId: blind.id, seed: "test" });
      // The chair's chain: school → district → province.
      const school = await Round.create({
        ...common,
        level: "school",
        name: "Okul turu B",
        k: 2,
        threshold: 25,
        rankBy: "raw",
        promotion: { topN: 1 },
        panel: reviewers,
      });
      ids.school = school.id;
      await Round.loadEntries(school.id);
      await Round.runAssignment({ roundId: school.id, seed: "test" });
      const district = await Round.create({
        ...common,
        level: "district",
        name: "İlçe turu",
        k: 1,
        rankBy: "raw",
        promotion: { topN: 1 },
        previousRoundId: school.id,
        panel: boards.map((b) => ({ userId: b.userId })),
      });
      ids.district = district.id;
      const top = await Round.create({
        ...common,
        level: "province",
        name: "İl turu",
        k: 1,
        rankBy: "raw",
        mentions: 2,
        previousRoundId: district.id,
        panel: evaluators.map((e) => ({ userId: e.userId })),
      });
      ids.province = top.id;
    });
    // The other reviewer has already submitted in round A; round B is scored by both, with one
    // disagreement: "Kodlama kulübü" gets 90 and 30 (spread 60 > threshold 25).
    await as(hakem2, () =>
      Score.save({ roundId: ids.blind, activityId: a1, scores: scores(6, "Öteki hakemin gerekçesi"), submit: true }),
    );
    for (const [who, p1, p2] of [
      [hakem1, 8, 9],
      [hakem2, 8, 3],
    ] as const) {
      await as(who, () =>
        Score.save({ roundId: ids.school, activityId: a1, scores: scores(p1, "Okul"), submit: true }),
      );
      await as(who, () =>
        Score.save({ roundId: ids.school, activityId: a2, scores: scores(p2, "Okul"), submit: true }),
      );
    }
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  test("a reviewer scores with autosave, submits, and only then sees the other reviewer's scores", slow, async () => {
    // Prepare
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await h.signIn(page, "hakem.bir@bigep.local");
    await page.goto("/degerlendirmeler");
    const roundA = page.getByRole("region", { name: "Okul turu A" });
    await roundA.getByText("0 / 2 gönderildi").waitFor();
    await page.getByRole("region", { name: "Okul turu B" }).getByText("2 / 2 gönderildi").waitFor();
    await roundA.getByRole("link", { name: "Deney atölyesi" }).click();
    await page.getByRole("heading", { name: "Deney atölyesi" }).waitFor();
    await page.getByText("siz kendi puanlarınızı gönderdikten sonra görünür").waitFor();
    const criteria = defaultRubrics.academic;
    const first = criteria[0] as (typeof criteria)[number];
    expect(await page.getByText(first.guidance as string).count()).toBe(1);

    // Act 1: one criterion typed, nothing clicked: a draft is saved
    await page.locator(`#points-${first.id}`).fill("7");
    await page.getByRole("status").filter({ hasText: "Taslak kaydedildi" }).waitFor();
    const draft = await as(hakem1, () => Score.forActivity({ roundId: ids.blind, activityId: a1 }));
    expect(draft.mine?.scores[first.id]?.points).toBe(7);
    expect(draft.mine?.submittedAt).toBeUndefined();
    expect(draft.others).toEqual([]);

    // Act 2: the rest filled in (one below its minimum is held back until it has a comment), then sent
    for (const c of criteria.slice(1)) await page.locator(`#points-${c.id}`).fill("7");
    const withMin = criteria.find((c) => c.min !== undefined && c.id !== first.id) as (typeof criteria)[number];
    await page.locator(`#points-${withMin.id}`).fill(String((withMin.min as number) - 1));
    await page.getByRole("button", { name: "Gönder" }).click();
    // The form holds the submission until the comment the minimum asks for is written.
    await page.locator(`#comment-${withMin.id}:invalid`).waitFor();
    await page.getByRole("status").filter({ hasText: "Taslak kaydedildi" }).waitFor();
    expect((await as(hakem1, () => Score.forActivity({ roundId: ids.blind, activityId: a1 }))).blind).toBe(true);
    await page.locator(`#comment-${withMin.id}`).fill("Ölçütün altında: izleme planı yok.");
    await page.getByRole("button", { name: "Gönder" }).click();

    // Assess: the other reviewer's scores and comments appear, under a label, never a name
    const others = page.getByRole("region", { name: "Diğer değerlendiricilerin puanları" });
    await others.waitFor();
    await others.getByRole("columnheader", { name: "Değerlendirici 1" }).waitFor();
    expect(await others.getByText("Öteki hakemin gerekçesi").count()).toBe(criteria.length);
    // Every criterion at 6 points: weighted total 60.
    expect(await others.getByRole("row", { name: /Ağırlıklı toplam/ }).textContent()).toContain("60");
    expect(await page.getByText("Zeynep İkinci").count()).toBe(0);
    const mine = await as(hakem1, () => Score.forActivity({ roundId: ids.blind, activityId: a1 }));
    expect(mine.mine?.submittedAt).toBeDefined();
    expect(mine.mine?.scores[withMin.id]?.points).toBe((withMin.min as number) - 1);
    await page.getByRole("link", { name: "← Değerlendirmelerim" }).click();
    await page.getByRole("region", { name: "Okul turu A" }).getByText("1 / 2 gönderildi").waitFor();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(390);
    expect(h.pageErrors).toEqual([]);
  });

  test("the chair reconciles, promotes, assigns, awards and publishes; the school sees its result", async () => {
    // Prepare
    const page = await h.newPage();
    await h.signIn(page, "il@bigep.local");
    await page.goto(`/kurul/${ids.school}`);
    const ranking = page.getByRole("region", { name: "Sıralama: ham ve normalleştirilmiş puan" });
    await ranking.waitFor();
    // Raw means: Deney atölyesi (80 + 80) / 2 = 80; Kodlama kulübü (90 + 30) / 2 = 60, flagged.
    const flagged = ranking.locator(`tr[data-activity="${a2}"]`);
    expect(await flagged.getByText("Ayrışma").count()).toBe(1);
    expect(await ranking.locator(`tr[data-activity="${a1}"]`).textContent()).toContain("80");
    expect(await flagged.textContent()).toContain("60");

    // Act 1: reconcile the flag; then promotion preview and apply (top 1 of each school)
    await flagged.getByRole("button", { name: "Uzlaş" }).click();
    await page.getByLabel(/Uzlaşma notu/).fill("Kurul iki değerlendirmeyi birlikte inceledi; ortalama geçerlidir.");
    await page.getByRole("button", { name: "Uzlaşma notunu kaydet" }).click();
    await page.getByRole("status").filter({ hasText: "Uzlaşma notu kaydedildi." }).waitFor();
    await flagged.getByText("Uzlaşıldı").waitFor();
    await page.getByRole("region", { name: "Üst tura yükseltme" }).getByRole("button", { name: "Önizle" }).click();
    await page.getByText("2 etkinlik üst tura çıkacak.").waitFor();
    await page.getByRole("button", { name: "Yükseltmeyi uygula" }).click();
    await confirm(page, "Yükseltmeyi uygula");
    await page.getByRole("status").filter({ hasText: "2 etkinlik üst tura yükseltildi." }).waitFor();

    // Act 2: the district round's assignment: 2 activities × k 1 over 2 members → max load 1
    await page.goto(`/kurul/${ids.district}`);
    const assign = page.getByRole("region", { name: "Atama" });
    await assign.getByRole("button", { name: "Önizle" }).click();
    await assign.getByText(/2 etkinlik · 2 yeni eşleşme · en yüksek yük 1 · eksik kalan yok/).waitFor();
    await assign.getByRole("button", { name: "Atamayı yap" }).click();
    await confirm(page, "Atamayı yap");
    await page.getByRole("status").filter({ hasText: "Atama yapıldı: 2 yeni eşleşme." }).waitFor();
    const workload = page.getByRole("region", { name: "Kurul üyelerinin iş yükü" });
    for (const b of ["Aslı Altıeylül Kurulu", "Kerem Karesi Kurulu"]) {
      expect(await workload.getByRole("row", { name: new RegExp(b) }).textContent()).toContain(`${b}1`);
    }

    // The district and province reviews happen elsewhere (their own people, through the core).
    for (const [id, points] of [
      [a1, 8],
      [a2, 7],
    ] as const) {
      const who = await reviewerOf(ids.district, id, boards);
      await as(who, () =>
        Score.save({ roundId: ids.district, activityId: id, scores: scores(points, "İlçe"), submit: true }),
      );
    }
    await as(chair, () => Decision.promote({ roundId: ids.district, nextRoundId: ids.province }));
    await as(chair, () => Round.runAssignment({ roundId: ids.province, seed: "test" }));
    for (const [id, points] of [
      [a1, 9],
      [a2, 6],
    ] as const) {
      const who = await reviewerOf(ids.province, id, evaluators);
      await as(who, () =>
        Score.save({ roundId: ids.province, activityId: id, scores: scores(points, "İl kurulu yorumu"), submit: true }),
      );
    }

    // Act 3: awards and publication of the province round
    await page.goto(`/kurul/${ids.province}`);
    await page.getByRole("button", { name: "Ödülleri ver" }).click();
    await confirm(page, "Ödülleri ver");
    await page.getByRole("status").filter({ hasText: "2 etkinliğe ödül verildi." }).waitFor();
    // Same area and school level (lise): 90 → birincilik, 60 → ikincilik.
    const final = page.getByRole("region", { name: "Sıralama: ham ve normalleştirilmiş puan" });
    await final.locator(`tr[data-activity="${a1}"]`).getByText("Birincilik").waitFor();
    await final.locator(`tr[data-activity="${a2}"]`).getByText("İkincilik").waitFor();
    await page.getByRole("button", { name: "Yayım tarihini kaydet" }).click();
    await confirm(page, "Yayımla");
    await page.getByRole("status").filter({ hasText: "tarihinde yayımlanacak." }).waitFor();

    // Assess: the school reads its outcome and the comments, not the reviewers' names
    const school = await h.newPage();
    await school.setViewportSize({ width: 390, height: 844 });
    await h.signIn(school, "mudur.710204@bigep.local");
    await school.goto("/sonuclar");
    const card = school.locator(`[data-outcome="${ids.province}.${a1}"]`);
    await card.getByText("Birincilik").waitFor();
    expect(await card.getByText(/İl kurulu yorumu/).count()).toBe(defaultRubrics.academic.length);
    expect(await school.getByText("Değerlendirme Üyesi").count()).toBe(0);
    // Only the published round is shown: not the school round B, nor the other school's activity.
    expect(await school.locator("[data-outcome]").count()).toBe(1);
    await card.getByRole("button", { name: "Sertifikayı indir" }).click();
    await card.getByRole("status").filter({ hasText: "Sertifika henüz hazırlanmadı" }).waitFor();
    expect(await school.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The chair has the certificates made (a job with progress); the school then downloads its PDF.
    await page.getByRole("button", { name: "Sertifikaları oluştur" }).click();
    await page.locator(".job-state.job-succeeded").waitFor({ timeout: 60_000 });
    const download = school.waitForEvent("download");
    await card.getByRole("button", { name: "Sertifikayı indir" }).click();
    expect((await download).suggestedFilename()).toMatch(/^sertifika-[0-9A-Z]{10}\.pdf$/);
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
