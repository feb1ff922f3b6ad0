/**
 * The review chain in the browser: a teacher's submitted activity is approved and forwarded by
 * the school commission, shows up in the district board's queue, and is returned with a reason;
 * the school's dashboard counts it.
 */
import { schoolYearOf } from "@bigep/core/util/date";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { userWith } from "../../../test/helpers/auth";
import { flagDuplicateEvidence } from "../../core/src/activity/system";
import { type Harness, startBrowser } from "./browser";

const school = "710204";
const year = schoolYearOf(new Date());
const title = "TÜBİTAK 4006 bilim fuarı";
const shots = process.env.BIGEP_SCREENSHOTS;
/** A decision is a transaction and three reads; on a busy shared machine that can take seconds. */
const slow = { timeout: 10_000 };

/** Saves a screenshot when BIGEP_SCREENSHOTS names a folder (for a person to look at). */
const shot = (page: Page, name: string) =>
  shots ? page.screenshot({ path: `${shots}/${name}.png`, fullPage: true }) : Promise.resolve();

describe("review queues", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startBrowser();
  });

  afterAll(async () => {
    await h?.close();
  });

  test("commission forwards to the district, the district board returns it from its queue, the dashboard counts it", async () => {
    // Prepare: the teacher records and submits through the API with the page's session
    const teacher = await h.newPage();
    await h.signIn(teacher, `ogretmen.${school}@bigep.local`);
    const created = await teacher.request.post("/api/activities", {
      data: {
        school,
        year,
        area: "projects",
        category: "tubitak",
        title,
        startDate: `${year.slice(0, 4)}-11-20`,
        reach: "district",
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const submitted = await teacher.request.post(`/api/activities/${id}/transitions`, { data: { action: "submit" } });
    expect(submitted.ok()).toBe(true);
    // As the upload verifier does when one of its files is also another activity's.
    await flagDuplicateEvidence(id);

    // Act: the commission approves and forwards on the detail page, reached from the school list
    const commission = await h.newPage();
    await h.signIn(commission, `komisyon.${school}@bigep.local`);
    await commission.goto("/etkinlikler?durum=submitted");
    await commission.getByRole("link", { name: title }).click();
    await commission.getByRole("button", { name: "Onayla" }).click();
    await expect.poll(() => commission.locator("#activity-status").textContent(), slow).toBe("Okulda onaylandı");
    await commission.getByRole("button", { name: "İlçeye ilet" }).click();

    // Assess
    await expect.poll(() => commission.locator("#activity-status").textContent(), slow).toBe("İlçeye iletildi");

    // Act: the district board opens /etkinlikler and lands on its queue of forwarded activities
    const board = await h.newPage();
    await h.signIn(board, "ilce.altieylul@bigep.local");
    await board.goto("/etkinlikler");

    // Assess
    const queue = board.getByRole("table", { name: "İnceleme kuyruğu" });
    await queue.waitFor();
    expect(await board.locator("#status").inputValue()).toBe("district");
    const row = queue.locator("tr", { hasText: title });
    await expect.poll(() => row.locator("td").nth(1).textContent()).toBe("Balıkesir Fen Lisesi (710204)");
    expect(await row.locator("td").nth(3).textContent()).toBe("TÜBİTAK projeleri");
    expect(await row.locator("td").nth(4).textContent()).toBe("İlçeye iletildi");
    expect(await row.locator("td").nth(5).textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(await row.locator(".badge-warning").textContent()).toBe("Yinelenen kanıt");
    await shot(board, "district-queue");

    // Act: open it and return it with a reason (the button asks for the reason first)
    await row.getByRole("link", { name: title }).click();
    await board.getByRole("button", { name: "İade et" }).click();
    await board.fill("#reason", "Kanıt olarak fuar fotoğrafı eklenmeli.");
    await board.getByRole("button", { name: "İade et" }).click();

    // Assess
    await expect.poll(() => board.locator("#activity-status").textContent(), slow).toBe("İade edildi");
    expect(await board.locator("p.error").first().textContent()).toBe(
      "İade nedeni: Kanıt olarak fuar fotoğrafı eklenmeli.",
    );
    await board.goto("/etkinlikler");
    await expect.poll(() => board.getByText("Bu durumda etkinlik yok.").count()).toBe(1);

    // Act: the commission's school view shows the dashboard
    await commission.goto("/etkinlikler");

    // Assess
    const projects = commission.locator(".stats tr[data-area=projects]");
    await expect.poll(() => projects.locator("td[data-status=returned]").textContent()).toBe("1");
    expect(await projects.locator("td[data-status=total]").textContent()).toBe("1");
    await shot(commission, "school-dashboard");
    expect(h.pageErrors).toEqual([]);
  });

  test("the commission member who created an activity is not offered approve or return; the principal is", async () => {
    // Prepare: a commission member records and submits an activity of their own
    const creator = await h.newPage();
    await h.signIn(creator, `komisyon.${school}@bigep.local`);
    const ownTitle = "Komisyonun kendi eTwinning projesi";
    const created = await creator.request.post("/api/activities", {
      data: {
        school,
        year,
        area: "projects",
        category: "etwinning",
        title: ownTitle,
        startDate: `${year.slice(0, 4)}-10-05`,
        reach: "international",
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const submitted = await creator.request.post(`/api/activities/${id}/transitions`, { data: { action: "submit" } });
    expect(submitted.ok()).toBe(true);

    // Act
    await creator.goto(`/etkinlikler/${id}`);
    await expect.poll(() => creator.locator("#activity-status").textContent()).toBe("Gönderildi");
    const principal = await h.newPage();
    await h.signIn(principal, `mudur.${school}@bigep.local`);
    await principal.goto(`/etkinlikler/${id}`);
    await principal.getByRole("button", { name: "Onayla" }).waitFor();

    // Assess
    expect(await creator.locator(".actions button").count()).toBe(0);
    expect(await principal.locator(".actions button").allTextContents()).toEqual(["İade et", "Onayla"]);
    expect(h.pageErrors).toEqual([]);
  });

  test("a teacher sees only their own records on request; a person with several grants picks the view", async () => {
    // Prepare: a draft of the teacher's, and someone on both a school commission and a district board
    const teacher = await h.newPage();
    await h.signIn(teacher, `ogretmen.${school}@bigep.local`);
    const draft = "Okul bahçesi tasarım atölyesi";
    const created = await teacher.request.post("/api/activities", {
      data: {
        school,
        year,
        area: "innovative_environments",
        category: "atolye_kurulumu",
        title: draft,
        startDate: `${year.slice(0, 4)}-12-01`,
        reach: "school",
      },
    });
    expect(created.status()).toBe(201);
    const both = await userWith([
      { role: "school_commission", scope: { type: "school", id: school } },
      { role: "district_board", scope: { type: "district", id: "10-altieylul" } },
    ]);
    const person = await h.newPage();
    await h.signIn(person, both.email);

    // Act
    await teacher.goto("/etkinlikler");
    await teacher.locator("#mine").check();

    // Assess
    await expect.poll(() => teacher.locator("tbody tr td:first-child").allTextContents()).toContain(draft);
    expect(new URL(teacher.url()).searchParams.get("benim")).toBe("1");
    expect(await teacher.locator("#view").count()).toBe(0);

    // Act
    await person.goto("/etkinlikler");
    await person.selectOption("#view", `school:${school}`);
    await person.getByRole("table", { name: "Etkinlikler" }).waitFor();
    await person.selectOption("#view", "district:10-altieylul");

    // Assess
    await person
      .getByRole("table", { name: "İnceleme kuyruğu" })
      .or(person.getByText("Bu durumda etkinlik yok."))
      .waitFor();
    expect(new URL(person.url()).searchParams.get("kapsam")).toBe("district:10-altieylul");
    expect(await person.locator("#status").inputValue()).toBe("district");
    await shot(person, "chooser");
    expect(h.pageErrors).toEqual([]);
  });
});
