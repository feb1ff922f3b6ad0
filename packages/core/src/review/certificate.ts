/**
 * Certificates of the awards of a round: one PDF per award, carrying a short verification code
 * and a QR code to the public page `<app>/sertifika/<code>`. The PDFs are made by the
 * `review-certificates` job (work in `./certificate-system.ts`, worker-only); here are the
 * operations people call: start the job, download one (presigned GET, audited), revoke, and
 * the public verification (no sign-in; only what is printed on the certificate).
 */
import { randomBytes } from "node:crypto";
import * as z from "zod";
import { assert, can } from "../access";
import { istanbulMinute } from "../access/conditions";
import { Activity } from "../activity";
import { type Area, areaNames } from "../activity/fields";
import { useUser } from "../actor";
import { Audit } from "../audit";
import { transact, update } from "../db";
import { defineJob } from "../job/define";
import * as Job from "../job/job";
import { Province } from "../org";
import { provinces } from "../org/provinces";
import { presignGet } from "../storage";
import { now } from "../util/clock";
import { config } from "../util/config";
import { istanbulDay } from "../util/date";
import { VisibleError } from "../util/error";
import { fn } from "../util/fn";
import { entities } from "./entities";
import { RoundId } from "./round";
import { type Tier, tierNames } from "./scoring";
import { type EntryRow, type RoundRow, roundOrFail, roundPlace } from "./store";

/** Crockford's base32: no I, L, O, U (nothing to misread when typed from paper). */
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const codeLength = 10;

/** A verification code as people type it: case and surrounding spaces do not matter. */
export const Code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, { message: "Geçersiz doğrulama kodu." });

/** A new code: 50 bits from the system's CSPRNG (32 divides 256, so `byte & 31` is unbiased). */
export function newCode(): string {
  return [...randomBytes(codeLength)].map((b) => alphabet[b & 31]).join("");
}

/** The public page a certificate's QR code points at. */
export function verifyUrl(code: string): string {
  return `${config().appUrl.replace(/\/+$/, "")}/sertifika/${code}`;
}

/** Where a certificate's PDF lives: only validated ids make the key. */
export function keyOf(roundId: string, activityId: string, code: string): string {
  // The code is in the key so a re-issued certificate never finds its predecessor's PDF as "stored".
  return `certificates/${RoundId.parse(roundId)}/${Activity.Id.parse(activityId)}-${Code.parse(code)}.pdf`;
}

/** The board that issues a round's certificates. */
export const boardNames: Record<RoundRow["level"], string> = {
  school: "Okul Proje Komisyonu",
  district: "İlçe Proje Yürütme Kurulu",
  province: "Proje İzleme ve Değerlendirme Kurulu",
};

/** What a certificate says (and all the public verification shows). */
export const Printed = z
  .object({
    schoolName: z.string(),
    title: z.string(),
    area: z.string(),
    areaName: z.string(),
    tier: z.string(),
    tierName: z.string(),
    schoolYear: z.string(),
    provinceName: z.string(),
    board: z.string(),
    /** Istanbul date of issue, `YYYY-MM-DD`. */
    issuedOn: z.string(),
  })
  .meta({ id: "CertificatePrinted" });
export type Printed = z.infer<typeof Printed>;

/** The printed fields of an award's certificate. */
export function printedOf(round: RoundRow, entry: EntryRow, issuedOn: string): Printed {
  const provinceName = provinces.find((p) => p.code === round.provinceCode)?.name ?? round.provinceCode;
  const tier = entry.tier as Tier;
  return {
    schoolName: entry.schoolName,
    title: entry.title,
    area: entry.area,
    areaName: areaNames[entry.area as Area] ?? entry.area,
    tier,
    tierName: tierNames[tier] ?? tier,
    schoolYear: round.schoolYear,
    provinceName,
    board: `${provinceName} ${boardNames[round.level]}`,
    issuedOn,
  };
}

/** The certificates of a round as a job (`npm run job -- review-certificates --param …`). */
export const reviewCertificates = defineJob({
  type: "review-certificates",
  title: "Ödül sertifikaları",
  params: z.object({ province: Province.Code, roundId: RoundId }),
  action: "review.manage",
  scope: ({ province }) => ({ type: "province", id: province }),
  place: async ({ province }) => ({ province }),
  // Started by `generate` (which checks the round is awarded and in this province), not by the
  // generic jobs API.
  startable: false,
  // The PDFs need pdfkit and qrcode: the work runs only in the job worker (job/system.ts).
  run: async () => {
    throw new Error("review-certificates runs only in the job worker (workerJobTypes)");
  },
});

/**
 * Starts the certificates job of an awarded round (the board or chair who gives the awards).
 * Re-running makes only the missing PDFs; codes never change.
 */
export const generate = fn(RoundId, async (roundId): Promise<Job.Info> => {
  const round = await roundOrFail(roundId);
  assert("review.manage", { place: roundPlace(round), schoolYear: round.schoolYear });
  if (!round.awardedAt) {
    throw new VisibleError("conflict", "not_awarded", "Bu turda henüz ödül verilmedi; önce ödülleri verin.");
  }
  const { job } = await Job.start(reviewCertificates, { params: { province: round.provinceCode, roundId } });
  return job;
});

const missing = () => new VisibleError("not_found", "certificate_missing", "Bu etkinlik için sertifika yok.");

async function byCode(code: string) {
  const { data } = await entities().Certificate.get({ code }).go();
  return data ?? undefined;
}

/** The certificate of an activity in a round, if one was issued. */
async function ofActivity(roundId: string, activityId: string) {
  const { data: slot } = await entities().CertificateSlot.get({ roundId, activityId }).go();
  return slot ? byCode(slot.code) : undefined;
}

export const DownloadInput = z.object({ roundId: RoundId, activityId: Activity.Id });

/**
 * A presigned GET of an activity's certificate: for the board (who reads the round) and, after
 * the round is published, for the activity's own school. Each link handed out is audited. The
 * code comes along (the board revokes by code).
 */
export const download = fn(DownloadInput, async ({ roundId, activityId }): Promise<{ url: string; code: string }> => {
  const round = await roundOrFail(roundId);
  const { data: entry } = await entities().Entry.get({ roundId, activityId }).go();
  const board = can("review.read", { place: roundPlace(round), schoolYear: round.schoolYear });
  if (!entry) {
    assert("review.read", { place: roundPlace(round), schoolYear: round.schoolYear }, { hide: true });
    throw missing();
  }
  if (!board) {
    const place = { province: entry.provinceCode, district: entry.districtId, school: entry.schoolCode };
    assert("review.certificate", { place, schoolYear: round.schoolYear }, { hide: true });
    // Before publication a school learns nothing, not even that a certificate exists.
    if (!round.publishAt || round.publishAt > istanbulMinute()) throw missing();
  }
  const cert = await ofActivity(roundId, activityId);
  if (!cert?.renderedAt) throw missing();
  if (cert.status === "revoked") {
    throw new VisibleError("conflict", "certificate_revoked", "Bu sertifika iptal edildi.");
  }
  await Audit.record({
    action: "review.certificate.download",
    entity: { type: "certificate", id: cert.code },
    scope: { type: "school", id: cert.schoolCode },
    data: { roundId, activityId },
  });
  const { url } = await presignGet(cert.key, { fileName: `sertifika-${cert.code}.pdf` });
  return { url, code: cert.code };
});

export const RevokeInput = z.object({ code: Code, reason: z.string().trim().min(3).max(500) });

export const RevokeResult = z
  .object({ code: z.string(), status: z.literal("revoked"), revokedAt: z.string() })
  .meta({ id: "CertificateRevoked" });

/** The board revokes a certificate (with a reason); its public page then says so. */
export const revoke = fn(RevokeInput, async ({ code, reason }): Promise<z.infer<typeof RevokeResult>> => {
  const cert = await byCode(code);
  if (!cert) throw new VisibleError("not_found", "not_found", "Sertifika bulunamadı.");
  const round = await roundOrFail(cert.roundId);
  assert("review.manage", { place: roundPlace(round), schoolYear: round.schoolYear }, { hide: true });
  if (cert.status === "revoked") {
    throw new VisibleError("conflict", "already_revoked", "Bu sertifika zaten iptal edilmiş.");
  }
  const user = useUser();
  const at = now().toISOString();
  await transact([
    update(
      entities()
        .Certificate.patch({ code })
        .set({ status: "revoked", revokedAt: at, revokedBy: user.userId, reason })
        .where((a, op) => op.eq(a.status, "valid")),
    ),
    await Audit.entry({
      action: "review.certificate.revoke",
      entity: { type: "certificate", id: code },
      scope: { type: "school", id: cert.schoolCode },
      data: { roundId: cert.roundId, activityId: cert.activityId, reason },
    }),
  ]);
  return { code, status: "revoked", revokedAt: at };
});

export const Verification = z
  .discriminatedUnion("status", [
    z.object({ status: z.literal("valid"), code: z.string(), certificate: Printed }),
    z.object({ status: z.literal("revoked"), code: z.string(), revokedOn: z.string() }),
  ])
  .meta({ id: "CertificateVerification" });
export type Verification = z.infer<typeof Verification>;

/**
 * The public verification of a code (no sign-in): one GetItem by the validated code. A valid
 * certificate shows only what is printed on it; a revoked one says so; anything else is 404.
 */
export const verify = fn(Code, async (code): Promise<Verification> => {
  const cert = await byCode(code);
  if (!cert) {
    throw new VisibleError(
      "not_found",
      "certificate_not_found",
      "Bu doğrulama koduyla verilmiş bir sertifika yok. Kod hatalı yazılmış ya da belge sahte olabilir.",
    );
  }
  if (cert.status === "revoked") {
    return { status: "revoked", code, revokedOn: istanbulDay(new Date(cert.revokedAt ?? 0)) };
  }
  return { status: "valid", code, certificate: Printed.parse(cert.printed) };
});
