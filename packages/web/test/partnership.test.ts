/**
 * The Okul Ortaklığı Programı in the browser, on a phone (390 px): a coordinator edits, agrees
 * and submits the joint action plan, records an indicator actual and sees the attainment the API
 * computes, compiles the evaluation report, approves and submits it; a province moderator
 * approves one showcase item and refuses another, and the public page shows only the approved
 * one; a coordinator records a meeting and shares a material; an OGM officer's pairing of two schools of one province is refused with the API's message.
 */

import { createRequire } from "node:module";
import { withActor } from "@bigep/core/actor";
import { demoActor } from "@bigep/core/identity";
import { JointWork, Partnership, Plan, Report, Showcase } from "@bigep/core/partnership";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startBrowser } from "./browser";

const year = "2026-2027";
/** A step is a transaction and a few reads; on a busy shared machine that can take seconds. */
const slow = { timeout: 15_000 };

/** The demo pair of a school (partnership/demo.ts), looked up as the OGM officer. */
async function pairOf(school: string): Promise<string> {
  const ogm = await demoActor("ogm@bigep.local");
  if (!ogm) throw new Error("demo OGM officer missing");
  const page = await withActor({ actor: ogm, requestId: "test" }, () => Partnership.listBySchool({ school, limit: 5 }));
  const id = page.items[0]?.id;
  if (!id) throw new Error(`no demo partnership for ${school}`);
  return id;
}

/**
 * The partner school's coordinator agrees to the plan or approves the report, through the core
 * (their demo name carries their school code, which the harness's sign-in would read as the code).
 */
async function partnerAgrees(kind: "plan" | "report", id: string) {
  const partner = await demoActor("ogretmen.716102@bigep.local");
  if (!partner) throw new Error("demo partner coordinator missing");
  await withActor({ actor: partner, requestId: "test" }, async () => {
    if (kind === "plan") {
      const plan = await Plan.get({ id, year });
      await Plan.transition({ id, year, rev: plan.rev, action: "agree" });
    } else {
      const report = await Report.get({ id, year });
      await Report.transition({ id, year, rev: report.rev, action: "agree" });
    }
  });
}

/** Nothing on the page is wider than the phone's screen (tables scroll inside their box). */
const fitsPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Sideways scrolling and serious or critical axe violations of the page as it is now (as layout.test.ts). */
async function problems(page: Page, path: string, width: number): Promise<string[]> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await page.locator("main h1").first().waitFor({ timeout: 20_000 });
  const found: string[] = [];
  if (!(await fitsPhone(page))) found.push(`${path} @${width}: scrolls sideways`);
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document);
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join("; ")}`);
  });
  return [...found, ...violations.map((v) => `${path} @${width}: ${v}`)];
}

/** Answers yes in the Turkish confirmation dialog. */
async function confirm(page: Page, yes: string) {
  await page.getByRole("dialog").getByRole("button", { name: yes }).click();
}

describe("Okul Ortaklığı Programı pages", () => {
  let h: Harness;
  /** Karesi Anadolu Lisesi (I. grup) – Trabzon Sosyal Bilimler Lisesi: a draft plan. */
  let draftPair: string;
  /** Balıkesir Fen Lisesi (I. grup) – Trabzon Fen Lisesi: two activities offered for the showcase. */
  let showPair: string;

  beforeAll(async () => {
    h = await startBrowser();
    draftPair = await pairOf("710104");
    showPair = await pairOf("710204");
    // Prepare (b): the coordinator of Balıkesir Fen Lisesi records two joint activities and offers
    // both for the showcase; they wait in Balıkesir's (10) moderation queue.
    const coordinator = await demoActor("ogretmen.710204@bigep.local");
    if (!coordinator) throw new Error("demo coordinator missing");
    await withActor({ actor: coordinator, requestId: "test" }, async () => {
      for (const [title, date] of [
        ["Ortak matematik atölyesi", "2026-11-12"],
        ["Tanıtım standı", "2026-11-19"],
      ] as const) {
        const work = await JointWork.createWork({ id: showPair, year, title, date, schools: ["710204", "716101"] });
        await Showcase.confirm({ id: showPair, year, workId: work.id, contentRule: true, consent: false });
      }
    });
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  test("workspace tabs, moderation queue and showcase: no sideways scrolling, no serious axe violation", async () => {
    // Prepare: the draft pair's coordinator (plan editor), the showcase pair's coordinator (joint
    // activities), the Balıkesir moderator (pending queue), an anonymous visitor (showcase)
    const tabs = ["genel", "plan", "gostergeler", "etkinlikler", "toplantilar", "materyaller", "rapor"];
    const visits: [string | null, string[]][] = [
      [
        "ogretmen.710104@bigep.local",
        ["/ortakliklar", ...tabs.map((t) => `/ortakliklar/${draftPair}?yil=${year}&bolum=${t}`)],
      ],
      ["ogretmen.710204@bigep.local", tabs.map((t) => `/ortakliklar/${showPair}?yil=${year}&bolum=${t}`)],
      ["il@bigep.local", ["/ortakliklar", "/vitrin-moderasyonu"]],
      [null, [`/vitrin/${showPair}`]],
    ];

    // Act
    const found: string[] = [];
    for (const [email, paths] of visits) {
      const page = await h.newPage();
      if (email) await h.signIn(page, email);
      for (const width of [390, 1280]) for (const path of paths) found.push(...(await problems(page, path, width)));
    }

    // Assess
    expect(found).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  }, 300_000);

  test("a coordinator edits, agrees and submits the plan, records an actual, compiles and submits the report", async () => {
    // Prepare: the I. grup coordinator signed in on a phone
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await h.signIn(page, "ogretmen.710104@bigep.local");
    const planPath = `/api/partnerships/${draftPair}/plans/${year}`;

    // Act: from the list into the workspace's plan
    await page.goto("/ortakliklar");
    await page.getByRole("link", { name: "Karesi Anadolu Lisesi – Trabzon Sosyal Bilimler Lisesi" }).click();
    await page.getByRole("heading", { name: "Genel bakış" }).waitFor();
    expect(await page.locator("main").textContent()).toContain("I. grup okulKaresi Anadolu Lisesi");
    await page.goto(`/ortakliklar/${draftPair}?yil=${year}&bolum=plan`);
    const target = page.locator("#ind-0-0-target");
    await target.waitFor();
    expect(await target.inputValue()).toBe("4");
    await target.fill("5");
    await page.getByRole("button", { name: "Planı kaydet" }).click();

    // Assess: saved as a draft of version 1
    await page.getByRole("status").filter({ hasText: "Plan kaydedildi (sürüm 1)" }).waitFor(slow);
    const saved = (await (await page.request.get(planPath)).json()) as {
      items: { indicators: { target: number }[] }[];
    };
    expect(saved.items[0]?.indicators[0]?.target).toBe(5);

    // Act: this coordinator agrees (asked first), the partner agrees, then the I. grup submits
    await page.getByRole("button", { name: "Planı onayla" }).click();
    await confirm(page, "Planı onayla");
    await page.getByRole("status").filter({ hasText: "Plan onaylandı." }).waitFor(slow);
    await partnerAgrees("plan", draftPair);
    await page.reload();
    await page.getByRole("button", { name: "İl müdürlüklerine gönder" }).click();
    await confirm(page, "İl müdürlüklerine gönder");

    // Assess: submitted, locked (no editor), history kept
    await page.getByRole("status").filter({ hasText: "Plan gönderildi." }).waitFor(slow);
    await expect
      .poll(() => page.locator(".plan-head .chain-badge").textContent(), slow)
      .toBe("I. grup okulca gönderildi");
    expect(await page.getByRole("button", { name: "Planı kaydet" }).count()).toBe(0);
    const history = page.getByRole("table", { name: "Plan geçmişi" });
    await expect.poll(() => history.locator("tbody tr").count()).toBe(5);
    expect(await fitsPhone(page)).toBe(true);

    // Act: the indicator board, before and after an actual
    await page.getByRole("link", { name: "Göstergeler" }).click();
    const exams = page.getByRole("table", { name: "Göstergeler" }).locator("tr", { hasText: "Yapılan ortak sınav" });
    await exams.waitFor();
    expect(await exams.locator("td").last().textContent()).toBe("%0");
    await page.locator("#actual-indicator").selectOption({ label: "Ortak deneme sınavları: Yapılan ortak sınav" });
    await page.locator("#actual-date").fill("20.11.2026");
    await page.locator("#actual-value").fill("2");
    await page.getByRole("button", { name: "Gerçekleşmeyi kaydet" }).click();

    // Assess: a `sum` indicator reaches 2 of 5 = 40 %; the plan is the mean of its two items
    // (the other item's indicator has nothing recorded, 0 %): 20 %.
    await expect.poll(() => exams.locator("td").last().textContent(), slow).toBe("%40");
    expect(await exams.locator("td").nth(5).textContent()).toBe("2 adet");
    expect(await page.locator(".plan-attainment").textContent()).toContain("%20");
    expect(await fitsPhone(page)).toBe(true);

    // Act: compile the report (a job), approve it with the partner, submit it
    await page.getByRole("link", { name: "Değerlendirme raporu" }).click();
    await page.getByRole("button", { name: "Raporu derle" }).click();

    // Assess: the job ends and the report shows the year's figures
    await page.locator(".chain-badge", { hasText: "Taslak" }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator("main").textContent(), slow).toContain("Planın gerçekleşme oranı: %20");
    expect(await page.locator("main").textContent()).toContain(
      "Yapılan ortak sınav (Karesi Anadolu Lisesi): 2 / 5 adet",
    );
    // the compile rendered the report's files: one download button per format, none stale yet
    await page.getByRole("button", { name: "PDF indir" }).waitFor(slow);
    expect(await page.getByRole("button", { name: /indir$/ }).count()).toBe(3);
    expect(await page.locator("main").textContent()).not.toContain("Rapor son derlemeden sonra değişti");

    // Act
    await page.locator("#narrative-summary").fill("İki okul dört ortak sınavın ikisini yaptı.");
    await page.getByRole("button", { name: "Anlatıyı kaydet" }).click();
    await page.getByRole("status").filter({ hasText: "Anlatı bölümleri kaydedildi" }).waitFor(slow);
    // the narrative changed after the files were rendered
    await page.getByText("Rapor son derlemeden sonra değişti; dosyalar için yeniden derleyin.").waitFor(slow);
    await page.getByRole("button", { name: "Raporu onayla" }).click();
    await confirm(page, "Raporu onayla");
    await page.getByRole("status").filter({ hasText: "Rapor onaylandı." }).waitFor(slow);
    await partnerAgrees("report", draftPair);
    await page.reload();
    await page.getByRole("button", { name: "İl müdürlüklerine gönder" }).click();
    await confirm(page, "İl müdürlüklerine gönder");

    // Assess
    await page.getByRole("status").filter({ hasText: "Rapor gönderildi." }).waitFor(slow);
    await expect
      .poll(() => page.locator("main .chain-badge").first().textContent(), slow)
      .toBe("I. grup okulca gönderildi");
    const report = (await (await page.request.get(`/api/partnerships/${draftPair}/reports/${year}`)).json()) as {
      status: string;
      narrative: { summary?: string };
    };
    expect(report).toMatchObject({
      status: "submitted",
      narrative: { summary: "İki okul dört ortak sınavın ikisini yaptı." },
    });
    expect(await fitsPhone(page)).toBe(true);
    expect(h.pageErrors).toEqual([]);
  }, 180_000);

  test("a moderator approves one item and refuses another; the public page shows only the approved one", async () => {
    // Prepare
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await h.signIn(page, "il@bigep.local");
    await page.goto("/vitrin-moderasyonu");
    const queue = page.getByRole("table", { name: "Moderasyon kuyruğu" });
    const workshop = queue.locator("tr", { hasText: "Ortak matematik atölyesi" });
    const stand = queue.locator("tr", { hasText: "Tanıtım standı" });
    await workshop.waitFor();
    await expect.poll(() => workshop.locator("td").nth(2).textContent()).toBe("Balıkesir Fen Lisesi");
    expect(await workshop.locator("td").first().textContent()).toBe("12.11.2026");
    expect(await fitsPhone(page)).toBe(true);

    // Act: approve the workshop (asked first)
    await workshop.getByRole("button", { name: "Onayla" }).click();
    await confirm(page, "Onayla");
    await page.getByRole("status").filter({ hasText: '"Ortak matematik atölyesi" onaylandı.' }).waitFor(slow);

    // Act: refusing without a reason is stopped; with one it goes through
    await stand.getByRole("button", { name: "Reddet" }).click();
    await page.getByRole("alert").filter({ hasText: "Ret için bir gerekçe yazılmalı." }).waitFor();
    await stand.getByLabel("Ret gerekçesi: Tanıtım standı").fill("Reklam içerikli görünüyor.");
    await stand.getByRole("button", { name: "Reddet" }).click();
    await confirm(page, "Reddet");

    // Assess: the queue is empty; the refused list keeps the reason
    await page.getByRole("status").filter({ hasText: '"Tanıtım standı" reddedildi.' }).waitFor(slow);
    await expect.poll(() => page.getByText("Bu durumda içerik yok.").count(), slow).toBe(1);
    await page.locator("#moderation-status").selectOption("refused");
    await expect.poll(() => stand.locator("td").last().textContent(), slow).toBe("Reklam içerikli görünüyor.");

    // Act: an anonymous visitor opens the showcase
    const visitor = await h.newPage();
    await visitor.setViewportSize({ width: 390, height: 844 });
    await visitor.goto(`/vitrin/${showPair}`);

    // Assess: only the approved item, no sign-in needed, and the embed code points at the snippet
    const items = visitor.getByRole("list", { name: "Ortak çalışmalar" });
    await items.waitFor();
    expect(await items.locator("li").allTextContents()).toEqual(["Ortak matematik atölyesi 12.11.2026"]);
    expect(await visitor.locator("#embed-code").inputValue()).toContain(`/api/partnerships/${showPair}/snippet`);
    const snippet = await visitor.request.get(`/api/partnerships/${showPair}/snippet`);
    expect(await snippet.text()).not.toContain("Tanıtım standı");
    expect(await fitsPhone(visitor)).toBe(true);
    expect(h.pageErrors).toEqual([]);
  }, 120_000);

  test("a coordinator records a meeting with the partner school's coordinator and shares a material", async () => {
    // Prepare: the Balıkesir Fen Lisesi coordinator on a phone; the partner school's coordinator
    // (Trabzon Fen Lisesi, 716101), whose staff this teacher may not list: typed by user id.
    const partner = await demoActor("ogretmen.716101@bigep.local");
    if (!partner) throw new Error("demo partner coordinator missing");
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await h.signIn(page, "ogretmen.710204@bigep.local");

    // Act: record the meeting
    await page.goto(`/ortakliklar/${showPair}?yil=${year}&bolum=toplantilar`);
    await page.getByRole("button", { name: "Toplantı kaydet" }).click();
    await page.locator("#meeting-title").fill("Ortak sınav hazırlık toplantısı");
    await page.locator("#meeting-mode").selectOption("in_person");
    await page.locator("#meeting-starts-day").fill("14.10.2026");
    await page.locator("#meeting-starts-time").fill("15:30");
    await page.locator("#meeting-place").fill("Balıkesir Fen Lisesi toplantı salonu");
    await page.locator("#meeting-others").fill(partner.userId);
    await page.locator("#meeting-decisions").fill("Deneme sınavı kasımda yapılacak.\nSorular ortak hazırlanacak.");
    await page.getByRole("button", { name: "Kaydet", exact: true }).click();

    // Assess: listed with the date as typed, the participant's name and school, both decisions
    await page.getByRole("status").filter({ hasText: "Toplantı kaydedildi." }).waitFor(slow);
    const meeting = page.getByRole("table", { name: "Toplantılar" }).locator("tr", {
      hasText: "Ortak sınav hazırlık toplantısı",
    });
    await meeting.waitFor(slow);
    const row = await meeting.textContent();
    expect(row).toContain("14.10.2026 15:30");
    expect(row).toContain(`${partner.name} (Trabzon Fen Lisesi)`);
    expect(row).toContain("Sorular ortak hazırlanacak.");
    expect(await fitsPhone(page)).toBe(true);

    // Act: share a material
    await page.getByRole("link", { name: "Materyaller" }).click();
    await page.getByRole("button", { name: "Materyal paylaş" }).click();
    await page.locator("#material-title").fill("Türev deneme soruları");
    await page.locator("#material-subject").fill("Matematik");
    await page.locator("#material-grade").selectOption("11");
    await page.locator("#material-kind").selectOption("exam_questions");
    await page.getByRole("button", { name: "Paylaş", exact: true }).click();

    // Assess: listed with subject and grade; the grade filter keeps it, another grade hides it
    await page.getByRole("status").filter({ hasText: "Materyal paylaşıldı." }).waitFor(slow);
    const materials = page.getByRole("table", { name: "Ortak materyaller" });
    const material = materials.locator("tr", { hasText: "Türev deneme soruları" });
    await material.waitFor(slow);
    expect(await material.textContent()).toContain("Matematik, 11. sınıf");
    await page.locator("#material-filter-grade").selectOption("9");
    await page.getByText("Bu seçime uyan materyal yok.").waitFor(slow);
    expect(await fitsPhone(page)).toBe(true);
    expect(h.pageErrors).toEqual([]);
  }, 120_000);

  test("an OGM officer pairing two schools of one province, or a vocational school, reads the API's reason", async () => {
    // Prepare
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await h.signIn(page, "ogm@bigep.local");
    await page.goto("/ortakliklar");
    await page.locator("#new-school-0").waitFor();

    // Act: two Balıkesir high schools
    await page.locator("#new-school-0").fill("710302");
    await page.locator("#new-school-1").fill("710401");
    await page.locator("#new-coordinator-0").fill("usr_coordinator0");
    await page.locator("#new-coordinator-1").fill("usr_coordinator1");
    await page.getByRole("button", { name: "Ortaklığı kur" }).click();

    // Assess
    await page
      .getByRole("alert")
      .filter({ hasText: "Ortak okullar farklı illerden olmalı; seçilen iki okul aynı ildedir." })
      .waitFor(slow);

    // Act: a vocational high school with a Trabzon school
    await page.locator("#new-school-0").fill("710106");
    await page.locator("#new-school-1").fill("716301");
    await page.getByRole("button", { name: "Ortaklığı kur" }).click();

    // Assess
    await page
      .getByRole("alert")
      .filter({ hasText: "Kuvâ-yi Milliye Mesleki ve Teknik Anadolu Lisesi ortaklığa katılamaz" })
      .waitFor(slow);
    expect(await fitsPhone(page)).toBe(true);
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});
