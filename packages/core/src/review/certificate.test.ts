/**
 * Award certificates: the job issues one per award of a round (codes, PDFs in S3), the PDF shows
 * the Turkish letters (text layer read back with pdftotext, the page rendered to PNG with
 * pdftoppm), the code verifies publicly, a forged one does not, a revoked one says so, a rerun
 * makes only what is missing and keeps every code; downloads are audited and a school sees its
 * certificate only after publication.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { userWith } from "../../../../test/helpers/auth";
import { areaNames } from "../activity/fields";
import { type Grant, withActor } from "../actor";
import { Audit } from "../audit";
import { Job } from "../job";
import { workerJobTypes } from "../job/system";
import { bucket, s3 } from "../storage/system";
import { VisibleError } from "../util/error";
import { createId } from "../util/id";
import { Certificate } from ".";
import { entities } from "./entities";
import { roundRecord } from "./test-data";

const province = "10";
const year = "2026-2027";
const asOf = "2027-05-20";
const turkish = "ğüşıöçİĞÜŞÖÇ";
type Who = { userId: string; grants: Grant[] };

const as = <T>(who: Who, run: () => Promise<T>) =>
  withActor({ actor: { type: "user", email: `${who.userId}@t.tr`, name: "Kişi", ...who }, requestId: "t" }, async () =>
    run(),
  );
const system = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, run);
// Operations validate synchronously: `async` turns a refusal into a rejected promise for `failure`.
const anonymous = <T>(run: () => Promise<T>) =>
  withActor({ actor: { type: "public" }, requestId: "t" }, async () => run());
async function who(grants: Grant[]): Promise<Who> {
  return { userId: (await userWith(grants)).userId, grants };
}
async function failure(promise: Promise<unknown>): Promise<VisibleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VisibleError);
  return error as VisibleError;
}

const roundId = createId("round");
/** Three awards (school 1: two, school 2: one) and one activity without an award. */
const awards = [
  {
    activityId: createId("activity"),
    school: "710001",
    schoolName: `İstiklal Şehit Gökhan Ünlü Çağdaş Işık Ortaokulu ${turkish}`,
    title: `Harflerle Çığır Açan Okuma Şenliği ${turkish}`,
    area: "academic" as const,
    tier: "birincilik",
    tierName: "Birincilik",
  },
  {
    activityId: createId("activity"),
    school: "710001",
    schoolName: `İstiklal Şehit Gökhan Ünlü Çağdaş Işık Ortaokulu ${turkish}`,
    title: "Güneş Enerjili Sulama Düzeneği",
    area: "projects" as const,
    tier: "ikincilik",
    tierName: "İkincilik",
  },
  {
    activityId: createId("activity"),
    school: "710002",
    schoolName: "Çiğdem Öğüt Anadolu Lisesi",
    title: "Ödünç Kitap Şöleni",
    area: "arts_sports_culture" as const,
    tier: "mansiyon",
    tierName: "Mansiyon",
  },
];
const unawarded = { activityId: createId("activity"), school: "710002" };

let board: Who;
let otherBoard: Who;
let principal: Who;
let otherPrincipal: Who;
let admin: Who;
let jobRuns = 0;

async function runJob(by: Who) {
  const job = await as(by, () => Certificate.generate(roundId));
  expect(job.type).toBe("review-certificates");
  expect(job.status).toBe("queued");
  const outcome = await system(() => Job.system.execute(job.id, workerJobTypes));
  expect(outcome.status).toBe("succeeded");
  jobRuns++;
  return (await system(() => Job.get(job.id))).result as Record<string, number>;
}

async function pdfOf(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

beforeAll(async () => {
  board = await who([{ role: "province_board", scope: { type: "province", id: province } }]);
  otherBoard = await who([{ role: "province_board", scope: { type: "province", id: "61" } }]);
  principal = await who([{ role: "principal", scope: { type: "school", id: "710001" } }]);
  otherPrincipal = await who([{ role: "principal", scope: { type: "school", id: "710002" } }]);
  admin = await who([{ role: "admin", scope: { type: "national", id: "" } }]);
  const { Round, Entry } = entities();
  await Round.put(
    roundRecord({ roundId, provinceCode: province, schoolYear: year, mentions: 2, createdBy: board.userId }),
  ).go();
  const entry = (a: { activityId: string; school: string }, extra: Record<string, unknown>) => ({
    roundId,
    activityId: a.activityId,
    schoolCode: a.school,
    schoolName: "Okul",
    schoolLevel: "ortaokul",
    districtId: "10-altieylul",
    provinceCode: province,
    schoolYear: year,
    area: "academic",
    title: "Etkinlik",
    people: [],
    ...extra,
  });
  for (const [i, a] of awards.entries()) {
    await Entry.put(
      entry(a, { schoolName: a.schoolName, title: a.title, area: a.area, tier: a.tier, fair: true, rank: i + 1 }),
    ).go();
  }
  await Entry.put(entry(unawarded, { rank: 9 })).go();
});

describe("award certificates", () => {
  it("is refused before the awards are given", async () => {
    const error = await failure(as(board, () => Certificate.generate(roundId)));
    expect(error.code).toBe("not_awarded");
    await entities().Round.patch({ roundId }).set({ awardedAt: "2027-05-15T10:00:00.000Z" }).go();
  });

  it("only the round's board starts the job", async () => {
    expect((await failure(as(otherBoard, () => Certificate.generate(roundId)))).kind).toMatch(/forbidden|not_found/);
    expect((await failure(as(principal, () => Certificate.generate(roundId)))).kind).toMatch(/forbidden|not_found/);
  });

  let codes: string[] = [];

  it("issues one certificate per award and stores its PDF", async () => {
    const { useClock } = await import("../util/clock");
    const restore = useClock({ now: () => new Date(`${asOf}T10:00:00+03:00`) });
    try {
      const result = await runJob(board);
      expect(result).toEqual({ awards: 3, issued: 3, rendered: 3, kept: 0, revoked: 0, withdrawn: 0 });
    } finally {
      restore();
    }
    codes = [];
    for (const a of awards) {
      const { url, code } = await as(board, () => Certificate.download({ roundId, activityId: a.activityId }));
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(url).toContain(`certificates/${roundId}/${a.activityId}-${code}.pdf`);
      codes.push(code);
    }
    expect(new Set(codes).size).toBe(3);
    const none = await failure(as(board, () => Certificate.download({ roundId, activityId: unawarded.activityId })));
    expect([none.kind, none.code]).toEqual(["not_found", "certificate_missing"]);
  });

  it("prints the Turkish letters: the text layer reads back exactly, the page renders to a landscape PNG", async () => {
    const a = awards[0]!;
    const { url, code } = await as(board, () => Certificate.download({ roundId, activityId: a.activityId }));
    const pdf = await pdfOf(url);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const dir = mkdtempSync(join(tmpdir(), "bigep-cert-"));
    writeFileSync(join(dir, "c.pdf"), pdf);
    const info = execFileSync("pdfinfo", [join(dir, "c.pdf")]).toString();
    expect(info).toMatch(/Pages:\s+1\n/);
    // A4 landscape: 841.89 × 595.28 points.
    expect(info).toMatch(/Page size:\s+841\.8\d* x 595\.2\d* pts \(A4\)/);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", join(dir, "c.pdf"), "-"]).toString();
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(a.schoolName);
    expect(flat).toContain(a.title);
    expect(flat).toContain(areaNames[a.area]);
    expect(flat).toContain("BİRİNCİLİK ÖDÜLÜ");
    expect(flat).toContain(`${year} eğitim öğretim yılı`);
    expect(flat).toContain("Balıkesir Proje İzleme ve Değerlendirme Kurulu");
    expect(flat).toContain("Tarih: 20.05.2027");
    expect(flat).toContain(`Doğrulama kodu: ${code}`);
    // The QR code's payload (no maintained decoder is installed): the same link is printed under it.
    expect(flat).toContain(Certificate.verifyUrl(code));
    expect(Certificate.verifyUrl(code)).toBe(`http://localhost:3000/sertifika/${code}`);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-singlefile", join(dir, "c.pdf"), join(dir, "c")]);
    const png = readFileSync(join(dir, "c.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    // 60 dpi, pdftoppm rounds up: 841.89 pt → 702 px, 595.28 pt → 497 px (landscape).
    expect([width, height]).toEqual([Math.ceil((841.89 * 60) / 72), Math.ceil((595.28 * 60) / 72)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("the code verifies publicly with only what is printed; a forged code does not", async () => {
    for (const [i, a] of awards.entries()) {
      const result = await anonymous(() => Certificate.verify(codes[i]!));
      expect(result).toEqual({
        status: "valid",
        code: codes[i],
        certificate: {
          schoolName: a.schoolName,
          title: a.title,
          area: a.area,
          areaName: areaNames[a.area],
          tier: a.tier,
          tierName: a.tierName,
          schoolYear: year,
          provinceName: "Balıkesir",
          board: "Balıkesir Proje İzleme ve Değerlendirme Kurulu",
          issuedOn: asOf,
        },
      });
    }
    // Typed in lower case from paper: the same certificate.
    expect((await anonymous(() => Certificate.verify(` ${codes[0]!.toLowerCase()} `))).status).toBe("valid");
    const forged = codes[0]!.startsWith("Z") ? `Y${codes[0]!.slice(1)}` : `Z${codes[0]!.slice(1)}`;
    const notFound = await failure(anonymous(() => Certificate.verify(forged)));
    expect([notFound.kind, notFound.code]).toEqual(["not_found", "certificate_not_found"]);
    expect(notFound.message).toMatch(/sahte/);
    for (const bad of ["ABC", "ILOU123456", `${codes[0]}#x`, "../../etc"]) {
      expect((await failure(anonymous(() => Certificate.verify(bad)))).kind).toBe("input");
    }
  });

  it("the activity's own school downloads it only after publication; others never; each link is audited", async () => {
    const [first, , third] = awards;
    const early = await failure(as(principal, () => Certificate.download({ roundId, activityId: first!.activityId })));
    expect(early.code).toBe("certificate_missing");
    await entities().Round.patch({ roundId }).set({ publishAt: "2026-06-01T10:00" }).go();
    const { url, code } = await as(principal, () => Certificate.download({ roundId, activityId: first!.activityId }));
    expect(code).toBe(codes[0]);
    expect((await pdfOf(url)).length).toBeGreaterThan(1000);
    const other = await failure(
      as(otherPrincipal, () => Certificate.download({ roundId, activityId: first!.activityId })),
    );
    expect(other.kind).toMatch(/forbidden|not_found/);
    expect(
      (await failure(as(principal, () => Certificate.download({ roundId, activityId: third!.activityId })))).kind,
    ).toMatch(/forbidden|not_found/);
    expect(
      (await failure(as(otherBoard, () => Certificate.download({ roundId, activityId: first!.activityId })))).kind,
    ).toMatch(/forbidden|not_found/);
    const events = await as(admin, () => Audit.list({ scope: "national", entity: `certificate:${codes[0]}` }));
    const actions = events.items.map((e) => e.action);
    // Two board downloads and one by the principal above, and the issue.
    expect(actions.filter((a) => a === "review.certificate.download")).toHaveLength(3);
    expect(actions.filter((a) => a === "review.certificate.issue")).toHaveLength(1);
    const byPrincipal = events.items.find(
      (e) => e.action === "review.certificate.download" && e.actor.id === principal.userId,
    );
    expect(byPrincipal?.data).toEqual({ roundId, activityId: first!.activityId });
  });

  it("re-running makes only the missing PDF and keeps every code", async () => {
    const lost = awards[1]!;
    await s3().send(
      new DeleteObjectCommand({ Bucket: bucket(), Key: `certificates/${roundId}/${lost.activityId}-${codes[1]}.pdf` }),
    );
    const result = await runJob(board);
    expect(result).toEqual({ awards: 3, issued: 0, rendered: 1, kept: 2, revoked: 0, withdrawn: 0 });
    for (const [i, a] of awards.entries()) {
      const { code } = await as(board, () => Certificate.download({ roundId, activityId: a.activityId }));
      expect(code).toBe(codes[i]);
    }
  });

  it("the board revokes with a reason; verification then says revoked and the rerun leaves it", async () => {
    const code = codes[2]!;
    expect((await failure(as(otherBoard, () => Certificate.revoke({ code, reason: "Hatalı." })))).kind).toMatch(
      /forbidden|not_found/,
    );
    expect((await failure(as(otherPrincipal, () => Certificate.revoke({ code, reason: "Hatalı." })))).kind).toMatch(
      /forbidden|not_found/,
    );
    expect((await failure(as(board, () => Certificate.revoke({ code, reason: "" })))).kind).toBe("input");
    const revoked = await as(board, () => Certificate.revoke({ code, reason: "Etkinlik başka okula ait çıktı." }));
    expect(revoked.status).toBe("revoked");
    const result = await anonymous(() => Certificate.verify(code));
    expect(result.status).toBe("revoked");
    expect(result).not.toHaveProperty("certificate");
    expect((await failure(as(board, () => Certificate.revoke({ code, reason: "Yine." })))).code).toBe(
      "already_revoked",
    );
    const download = await failure(
      as(board, () => Certificate.download({ roundId, activityId: awards[2]!.activityId })),
    );
    expect(download.code).toBe("certificate_revoked");
    expect(await runJob(board)).toEqual({ awards: 3, issued: 0, rendered: 0, kept: 2, revoked: 1, withdrawn: 0 });
    const events = await as(admin, () => Audit.list({ scope: "national", entity: `certificate:${code}` }));
    const revoke = events.items.find((e) => e.action === "review.certificate.revoke");
    expect(revoke?.data).toMatchObject({ reason: "Etkinlik başka okula ait çıktı." });
    expect(jobRuns).toBe(3);
  });

  it("when the board changes an award, the rerun revokes the old certificate and issues a new one; a withdrawn award's is revoked", async () => {
    // Prepare: the first award moves from its tier to mansiyon; the second award is withdrawn.
    const [changed, withdrawn] = [awards[0]!, awards[1]!];
    await entities().Entry.patch({ roundId, activityId: changed.activityId }).set({ tier: "mansiyon" }).go();
    await entities().Entry.patch({ roundId, activityId: withdrawn.activityId }).remove(["tier", "fair"]).go();

    // Act
    const result = await runJob(board);

    // Assess: one new certificate (the changed award), the withdrawn one revoked, the revoked third left.
    expect(result).toEqual({ awards: 2, issued: 1, rendered: 1, kept: 0, revoked: 1, withdrawn: 1 });
    const now = await as(board, () => Certificate.download({ roundId, activityId: changed.activityId }));
    expect(now.code).not.toBe(codes[0]);
    expect(now.url).toContain(`-${now.code}.pdf`);
    const fresh = await anonymous(() => Certificate.verify(now.code));
    expect(fresh).toMatchObject({ status: "valid", certificate: { tier: "mansiyon", tierName: "Mansiyon" } });
    expect((await anonymous(() => Certificate.verify(codes[0]!))).status).toBe("revoked");
    expect((await anonymous(() => Certificate.verify(codes[1]!))).status).toBe("revoked");
    // A second rerun changes nothing.
    expect(await runJob(board)).toEqual({ awards: 2, issued: 0, rendered: 0, kept: 1, revoked: 1, withdrawn: 0 });
  });
});
