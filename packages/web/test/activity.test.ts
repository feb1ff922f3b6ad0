/**
 * A teacher records an activity, uploads a photo straight to S3 with visible progress, sees it
 * verified with a thumbnail, and submits; a large video goes up in parts; participating teachers
 * are picked or typed. This file runs its own s3rver whose upload events call the
 * verify-evidence job (the global one lives in another process).
 */
// First: the API extends zod before any core schema exists (other routes call `.openapi()` on them).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Evidence } from "@bigep/core/evidence";
import { bucket } from "@bigep/core/storage";
import { resetConfig } from "@bigep/core/util/config";
import { app } from "@bigep/functions/api/app";
import { handler as verifyEvidence } from "@bigep/functions/jobs/verify-evidence";
import { wireBucketEvents } from "@bigep/functions/local/events";
import type { Handler } from "@bigep/functions/local/lambda";
import { ensureBucket, type S3Handle, startS3 } from "@bigep/functions/local/services";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { userWith } from "../../../test/helpers/auth";
import { mp4 as sampleMp4 } from "../../../test/helpers/media";
import { type Harness, startBrowser } from "./browser";

const school = "710104";

describe("activity pages", () => {
  let h: Harness;
  let s3rver: S3Handle;
  let dir: string;
  let events: ReturnType<typeof wireBucketEvents>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "bigep-web-s3-"));
    s3rver = await startS3({ directory: dir });
    process.env.AWS_ENDPOINT_URL_S3 = s3rver.endpoint;
    resetConfig();
    await ensureBucket();
    events = wireBucketEvents(s3rver.server, { bucket: bucket(), load: async () => verifyEvidence as Handler });
    h = await startBrowser();
  });

  afterAll(async () => {
    await h?.close();
    events?.stop();
    await s3rver?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("create with Turkish validation, upload a photo with progress, see it ready, submit", async () => {
    // Prepare
    const teacher = await userWith([{ role: "teacher", scope: { type: "school", id: school } }], {
      name: "Elif Öğretmen",
    });
    const { page } = h;
    await h.signIn(page, teacher.email);
    const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "teal" } })
      .jpeg({ quality: 95 })
      .toBuffer();

    // Act: an empty form shows the rules in Turkish
    await page.goto("/etkinlikler/yeni");
    await page.locator("#school").waitFor();
    expect(await page.locator("#school").inputValue()).toBe(school);
    await page.getByRole("button", { name: "Kaydet" }).click();

    // Assess
    await expect.poll(() => page.locator("#title-error").textContent()).toBe("Başlık en az 3 karakter olmalı.");
    expect(await page.locator("#area-error").textContent()).toBe("Ödül alanını seçin.");
    expect(await page.locator("#reach-error").textContent()).toBe("Etki alanını seçin.");

    // Act: fill it in and save
    await page.selectOption("#area", "projects");
    await expect.poll(() => page.locator("#category option").count()).toBeGreaterThan(1);
    await page.selectOption("#category", "etwinning");
    await page.fill("#title", "eTwinning: Kardeş okullarla iklim projesi");
    await page.fill("#startDate", "2026-10-05");
    await page.selectOption("#reach", "international");
    await page.fill("#programme", "eTwinning");
    await page.getByRole("button", { name: "Kaydet" }).click();

    // Assess
    await page.waitForURL(/\/etkinlikler\/act_[0-9A-Z]{26}$/);
    expect(await page.locator("#activity-status").textContent()).toBe("Taslak");

    // Act: upload a photo
    await page.setInputFiles("#evidence-file", { name: "tören.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByRole("button", { name: "Yükle" }).click();

    // Assess: the progress bar appears and reaches 100, then the verified thumbnail shows
    await page.locator("#upload-progress").waitFor();
    await expect.poll(() => page.locator("#upload-progress").getAttribute("value")).toBe("100");
    await expect
      .poll(() => page.locator(".evidence li .evidence-status").first().textContent(), { timeout: 20_000 })
      .toBe("Hazır");
    const thumbnail = page.locator(".evidence li img").first();
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);

    // Act: submit
    await page.getByRole("button", { name: "Gönder" }).click();

    // Assess
    await expect.poll(() => page.locator("#activity-status").textContent()).toBe("Gönderildi");
    await expect.poll(() => page.locator(".history li").count()).toBe(2);
    expect(await page.locator("#evidence-file").count()).toBe(0);
    await events.drain();
    expect(h.pageErrors).toEqual([]);
  });

  test("a video above the multipart threshold goes up in parts (ETags read through CORS) and is verified", async () => {
    // Prepare: a real MP4 (with a location atom) padded by a second mdat to just over the threshold
    const teacher = await userWith([{ role: "teacher", scope: { type: "school", id: school } }]);
    const page = await h.newPage();
    await h.signIn(page, teacher.email);
    const small = sampleMp4(true);
    const mdat = Buffer.alloc(Evidence.MULTIPART_THRESHOLD + 1024 - small.length, 0x42);
    mdat.writeUInt32BE(mdat.length, 0);
    mdat.write("mdat", 4, "latin1");
    const video = Buffer.concat([small, mdat]);
    // Playwright passes buffers over 50 MB only as files.
    const videoPath = join(dir, "gösteri.mp4");
    writeFileSync(videoPath, video);
    const response = await app.request("/api/activities", {
      method: "POST",
      headers: { ...teacher.headers, "content-type": "application/json" },
      body: JSON.stringify({
        school,
        year: "2026-2027",
        area: "arts_sports_culture",
        category: "sportif",
        title: "Okul halk oyunları gösterisi",
        startDate: "2026-11-10",
        reach: "school",
      }),
    });
    const created = (await response.json()) as { id: string };
    const parts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "PUT" && r.url().includes("uploadId=")) parts.push(r.url());
    });

    // Act
    await page.goto(`/etkinlikler/${created.id}`);
    await page.setInputFiles("#evidence-file", videoPath);
    await page.getByRole("button", { name: "Yükle" }).click();

    // Assess
    await expect.poll(() => page.locator("#upload-progress").getAttribute("value"), { timeout: 60_000 }).toBe("100");
    await expect
      .poll(() => page.locator(".evidence li .evidence-status").first().textContent(), { timeout: 60_000 })
      .toBe("Hazır");
    expect(parts.length).toBe(Math.ceil(video.length / (10 * 1024 * 1024)));
    expect(h.pageErrors).toEqual([]);
  }, 120_000);

  test("participating teachers: picked from the school's staff (linked to their account) or typed by name", async () => {
    // Prepare: a principal may read the staff list; a colleague holds a teacher role there
    const principal = await userWith([{ role: "principal", scope: { type: "school", id: school } }]);
    const colleague = await userWith([{ role: "teacher", scope: { type: "school", id: school } }], {
      name: "Kemal Işık",
    });
    const page = await h.newPage();
    await h.signIn(page, principal.email);

    // Act
    await page.goto("/etkinlikler/yeni");
    await expect.poll(() => page.locator("#school-teachers option").count()).toBeGreaterThan(0);
    await page.selectOption("#area", "academic");
    await expect.poll(() => page.locator("#category option").count()).toBeGreaterThan(1);
    await page.selectOption("#category", "dyk");
    await page.fill("#title", "DYK fizik kursu");
    await page.fill("#startDate", "2026-10-12");
    await page.selectOption("#reach", "school");
    await page.fill("#teacher-name", "kemal ışık");
    await page.getByRole("button", { name: "Öğretmen ekle" }).click();
    await page.fill("#teacher-name", "Zehra Konuk");
    await page.locator("#teacher-name").press("Enter");
    await page.getByRole("button", { name: "Kaydet" }).click();

    // Assess
    await page.waitForURL(/\/etkinlikler\/act_[0-9A-Z]{26}$/);
    expect(await page.locator("#activity-teachers").textContent()).toBe("Kemal Işık, Zehra Konuk");
    const id = page.url().split("/").pop() as string;
    const saved = (await (await app.request(`/api/activities/${id}`, { headers: principal.headers })).json()) as {
      teachers: unknown[];
    };
    expect(saved.teachers).toEqual([{ userId: colleague.userId, name: "Kemal Işık" }, { name: "Zehra Konuk" }]);
    expect(h.pageErrors).toEqual([]);
  });

  test("the school's list shows the activity and filters by area and status", async () => {
    // Prepare
    const teacher = await userWith([{ role: "teacher", scope: { type: "school", id: school } }]);
    const page = await h.newPage();
    await h.signIn(page, teacher.email);

    // Act
    await page.goto("/etkinlikler?alan=projects&durum=submitted");

    // Assess
    await expect
      .poll(() => page.locator("tbody tr td:first-child").allTextContents())
      .toContain("eTwinning: Kardeş okullarla iklim projesi");
    await page.selectOption("#area", "academic");
    // The empty state names the situation, then what to do next (a link for people who may create).
    await expect
      .poll(async () =>
        (await page.locator(".muted").allTextContents()).some((t) => t.startsWith("Bu seçimle kayıtlı etkinlik yok.")),
      )
      .toBe(true);
    expect(await page.getByRole("link", { name: "Yeni bir etkinlik kaydedin" }).count()).toBe(1);
  });
});
