/**
 * The work of the `review-certificates` job (worker-only: wired in job/system.ts, so the API
 * bundle carries neither pdfkit nor qrcode). For every award of the round: issue the
 * certificate (code, printed fields, slot and audit event in one transaction), then render and
 * store its PDF unless the object is already there. Re-running issues nothing twice and keeps
 * every code; a revoked certificate is never rendered again. When the board changed an award
 * after its certificate was issued (another tier, title or school name), the old certificate is
 * revoked and a new one with a new code takes its slot; a certificate whose award was withdrawn
 * is revoked. The public page then tells the truth about every code ever printed.
 */
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { EntityItem } from "electrodb";
import { Audit } from "../audit";
import { isConditionFailure, put, TransactionCanceled, transact, update } from "../db";
import type { Json, RunContext } from "../job/define";
import { fonts } from "../render";
import { bucket, s3 } from "../storage/system";
import { now } from "../util/clock";
import { log } from "../util/log";
import { keyOf, newCode, type Printed, printedOf, verifyUrl } from "./certificate";
import { entities } from "./entities";
import { type EntryRow, entriesOf, type RoundRow, roundOrFail } from "./store";

type Params = { province: string; roundId: string };
type CertRow = EntityItem<ReturnType<typeof entities>["Certificate"]>;

const dateTr = (day: string) => day.split("-").reverse().join(".");

/**
 * One A4 landscape page: the programme, the tier, school, activity, area, year, board, date, the
 * verification code and a QR code to `url`. DejaVu Sans (embedded, with a text layer) renders
 * the Turkish letters.
 */
export async function renderCertificate(printed: Printed, code: string, url: string): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const QRCode = await import("qrcode");
  const pdf = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 48,
    info: {
      Title: `BİGEP ${printed.tierName} Sertifikası — ${printed.schoolName}`,
      Author: "BİGEP Platformu",
      CreationDate: new Date(`${printed.issuedOn}T00:00:00Z`),
    },
  });
  pdf.registerFont("regular", fonts.regular);
  pdf.registerFont("bold", fonts.bold);
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => pdf.on("end", resolve));

  const { width, height } = pdf.page;
  const inner = width - 2 * 72;
  pdf
    .lineWidth(3)
    .rect(24, 24, width - 48, height - 48)
    .stroke("#1d4e89");
  pdf
    .lineWidth(1)
    .rect(32, 32, width - 64, height - 64)
    .stroke("#1d4e89");
  pdf.fillColor("#1d4e89").font("bold").fontSize(16);
  pdf.text("BİGEP — Başarıyı İzleme ve Geliştirme Projesi", 72, 60, { width: inner, align: "center" });
  pdf.fillColor("#000000").font("bold").fontSize(34);
  pdf.text("SERTİFİKA", 72, 100, { width: inner, align: "center" });
  pdf.font("regular").fontSize(15);
  pdf.text(`${printed.schoolYear} eğitim öğretim yılı`, { width: inner, align: "center" });
  pdf.moveDown(1.2).font("bold").fontSize(24).text(printed.schoolName, { width: inner, align: "center" });
  pdf.moveDown(0.4).font("regular").fontSize(15);
  pdf.text(`“${printed.title}” çalışmasıyla`, { width: inner, align: "center" });
  pdf.text(`${printed.areaName} alanında`, { width: inner, align: "center" });
  pdf.moveDown(0.4).font("bold").fontSize(22).fillColor("#1d4e89");
  pdf.text(`${printed.tierName.toLocaleUpperCase("tr")} ÖDÜLÜ`, { width: inner, align: "center" });
  pdf.fillColor("#000000").font("regular").fontSize(15).moveDown(0.2);
  pdf.text("almaya hak kazanmıştır.", { width: inner, align: "center" });

  // Footer: the issuing board and date on the left, the QR code and the code on the right.
  const qrSize = 96;
  const footY = height - 72 - qrSize;
  pdf
    .font("bold")
    .fontSize(13)
    .text(printed.board, 72, footY + 20, { width: inner - qrSize - 160 });
  pdf
    .font("regular")
    .fontSize(12)
    .text(`Tarih: ${dateTr(printed.issuedOn)}`, { width: inner - qrSize - 160 });
  const qr = await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 288 });
  pdf.image(qr, width - 72 - qrSize, footY, { width: qrSize, height: qrSize });
  pdf.font("regular").fontSize(10);
  pdf.text(`Doğrulama kodu: ${code}`, width - 72 - qrSize - 180, footY + qrSize - 30, { width: 170, align: "right" });
  pdf.fontSize(8).text(url, width - 72 - qrSize - 260, footY + qrSize - 14, { width: 250, align: "right" });
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

async function stored(key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as Error).name === "NotFound") return false;
    throw error;
  }
}

async function byCode(code: string): Promise<CertRow | undefined> {
  const { data } = await entities().Certificate.get({ code }).go();
  return data ?? undefined;
}

/** What an award's certificate prints that can change with the board's decisions. */
const sameAward = (a: Printed, b: Printed) =>
  a.tier === b.tier && a.title === b.title && a.area === b.area && a.schoolName === b.schoolName;

/** Revokes a valid certificate in a transaction (as part of `items`); the reason is shown to no one but the board. */
function revokeItem(code: string, reason: string, at: string) {
  return update(
    entities()
      .Certificate.patch({ code })
      .set({ status: "revoked", revokedAt: at, revokedBy: "system", reason })
      .where((a, op) => op.eq(a.status, "valid")),
  );
}

/**
 * The certificate of an award: the one already issued for the same award, or a new one (code,
 * slot, audit) — replacing, and revoking, one issued for an award the board has since changed.
 */
async function issue(
  round: RoundRow,
  entry: EntryRow,
  asOf: string,
  attempt = 1,
): Promise<{ cert: CertRow; issued: boolean }> {
  const { roundId, activityId } = entry;
  const printed = printedOf(round, entry, asOf);
  const { data: slot } = await entities().CertificateSlot.get({ roundId, activityId }).go();
  const previous = slot ? await byCode(slot.code) : undefined;
  if (slot && !previous) throw new Error(`certificate slot ${roundId}/${activityId} names a missing certificate`);
  if (previous && sameAward(previous.printed as Printed, printed)) return { cert: previous, issued: false };
  const code = newCode();
  const at = now().toISOString();
  const cert: CertRow = {
    code,
    roundId,
    activityId,
    provinceCode: entry.provinceCode,
    districtId: entry.districtId,
    schoolCode: entry.schoolCode,
    printed,
    key: keyOf(roundId, activityId, code),
    status: "valid",
    createdAt: at,
  };
  try {
    await transact([
      put(entities().Certificate.create(cert)),
      previous
        ? put(
            entities()
              .CertificateSlot.put({ roundId, activityId, code })
              .where((a, op) => op.eq(a.code, previous.code)),
          )
        : put(entities().CertificateSlot.create({ roundId, activityId, code })),
      ...(previous?.status === "valid"
        ? [revokeItem(previous.code, "Ödül bilgileri değişti; yeni sertifika verildi.", at)]
        : []),
      await Audit.entry({
        action: previous ? "review.certificate.reissue" : "review.certificate.issue",
        entity: { type: "certificate", id: code },
        scope: { type: "school", id: entry.schoolCode },
        data: { roundId, activityId, tier: entry.tier, ...(previous ? { replaces: previous.code } : {}) },
      }),
    ]);
  } catch (error) {
    // Another run issued this award's certificate first (or, once in 2^50, the code exists, or the
    // audit chain moved): read again and, if still missing, try with a new code (bounded).
    const conflict = error instanceof TransactionCanceled || isConditionFailure(error);
    if (conflict && attempt < 3) return issue(round, entry, asOf, attempt + 1);
    throw error;
  }
  return { cert, issued: true };
}

/** Revokes the valid certificates of activities of the round that no longer hold an award. */
async function revokeWithdrawn(roundId: string, awarded: Set<string>): Promise<number> {
  const { data: slots } = await entities().CertificateSlot.query.byRound({ roundId }).go({ pages: "all" });
  let revoked = 0;
  for (const slot of slots) {
    if (awarded.has(slot.activityId)) continue;
    const cert = await byCode(slot.code);
    if (cert?.status !== "valid") continue;
    await transact([
      revokeItem(cert.code, "Ödül geri alındı.", now().toISOString()),
      await Audit.entry({
        action: "review.certificate.revoke",
        entity: { type: "certificate", id: cert.code },
        scope: { type: "school", id: cert.schoolCode },
        data: { roundId, activityId: slot.activityId, reason: "award withdrawn" },
      }),
    ]);
    revoked++;
  }
  return revoked;
}

/** Runs the certificates job of a round. */
export async function runCertificates(ctx: RunContext<unknown>): Promise<Json> {
  const { province, roundId } = ctx.params as Params;
  const round = await roundOrFail(roundId);
  if (round.provinceCode !== province) throw new Error("round is not in the province of the job");
  if (!round.awardedAt) throw new Error("round has no awards yet");
  const awards = (await entriesOf(roundId)).filter((e) => e.tier);
  const counts = { awards: awards.length, issued: 0, rendered: 0, kept: 0, revoked: 0, withdrawn: 0 };
  for (const [i, entry] of awards.entries()) {
    const { cert, issued } = await issue(round, entry, ctx.asOf);
    if (issued) counts.issued++;
    if (cert.status === "revoked") {
      counts.revoked++;
    } else if (await stored(cert.key)) {
      counts.kept++;
    } else {
      const body = await renderCertificate(cert.printed as Printed, cert.code, verifyUrl(cert.code));
      await s3().send(
        new PutObjectCommand({ Bucket: bucket(), Key: cert.key, Body: body, ContentType: "application/pdf" }),
      );
      await entities().Certificate.patch({ code: cert.code }).set({ renderedAt: now().toISOString() }).go();
      counts.rendered++;
    }
    if ((i + 1) % 10 === 0) await ctx.progress(Math.floor(((i + 1) * 100) / awards.length));
  }
  const withdrawn = await revokeWithdrawn(roundId, new Set(awards.map((a) => a.activityId)));
  counts.withdrawn = withdrawn;
  log().info("certificates", { roundId, ...counts });
  return counts;
}
