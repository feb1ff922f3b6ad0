/**
 * Certificates over HTTP: the board starts the job (the local pool runs it), downloads a
 * certificate, revokes it; anyone verifies a code without signing in (forged → 404 with a
 * Turkish message, malformed → 400, revoked → says so). The round and its awards are written
 * directly: the full review cycle is packages/core/src/review/cycle.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userWith } from "../../../../../test/helpers/auth";
import { entities } from "../../../../core/src/review/entities";
import { roundRecord } from "../../../../core/src/review/test-data";
import { createId } from "../../../../core/src/util/id";
import { startJobPool } from "../../local/jobs";
import { app } from "../app";

const pool = startJobPool({ retryDelayMs: 10 });
afterAll(() => pool.stop());

const call = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
  const res = await app.request(path, {
    method,
    headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
};

const roundId = createId("round");
const activityId = createId("activity");
let board: Awaited<ReturnType<typeof userWith>>;

beforeAll(async () => {
  board = await userWith([{ role: "province_board", scope: { type: "province", id: "10" } }]);
  await entities()
    .Round.put(roundRecord({ roundId, awardedAt: "2027-05-15T10:00:00.000Z", createdBy: board.userId }))
    .go();
  await entities()
    .Entry.put({
      roundId,
      activityId,
      schoolCode: "710001",
      schoolName: "Çağdaş Işık Ortaokulu",
      schoolLevel: "ortaokul",
      districtId: "10-altieylul",
      provinceCode: "10",
      schoolYear: "2026-2027",
      area: "projects",
      title: "Güneş Enerjili Sulama Düzeneği",
      people: [],
      rank: 1,
      tier: "birincilik",
      fair: true,
    })
    .go();
});

describe("certificates API", () => {
  it("generates, downloads, verifies publicly and revokes", async () => {
    // Act: the board starts the job, the pool runs it.
    const anonymousStart = await call("POST", `/api/reviews/rounds/${roundId}/certificates`);
    const job = await call("POST", `/api/reviews/rounds/${roundId}/certificates`, board.headers);
    let status = "";
    for (let i = 0; i < 150 && status !== "succeeded" && status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await call("GET", `/api/jobs/${job.json.id as string}`, board.headers)).json.status as string;
    }
    const download = await call(
      "GET",
      `/api/reviews/rounds/${roundId}/activities/${activityId}/certificate`,
      board.headers,
    );
    const code = download.json.code as string;
    const verified = await call("GET", `/api/public/certificates/${code}`);
    const forged = await call("GET", `/api/public/certificates/${code.startsWith("Z") ? "Y" : "Z"}${code.slice(1)}`);
    const malformed = await call("GET", "/api/public/certificates/abc");
    const anonymousRevoke = await call("POST", `/api/reviews/certificates/${code}/revoke`, {}, { reason: "Hata." });
    const revoked = await call("POST", `/api/reviews/certificates/${code}/revoke`, board.headers, {
      reason: "Yanlış okula verilmiş.",
    });
    const afterRevoke = await call("GET", `/api/public/certificates/${code}`);

    // Assess
    expect(anonymousStart.status).toBe(401);
    expect(job.status).toBe(202);
    expect(job.json.type).toBe("review-certificates");
    expect(status).toBe("succeeded");
    expect(download.status).toBe(200);
    expect(download.json.url).toContain(`certificates/${roundId}/${activityId}-${download.json.code}.pdf`);
    expect(verified.status).toBe(200);
    expect(verified.headers.get("cache-control")).toBe("no-store");
    expect(verified.json).toMatchObject({
      status: "valid",
      code,
      certificate: {
        schoolName: "Çağdaş Işık Ortaokulu",
        title: "Güneş Enerjili Sulama Düzeneği",
        areaName: "Proje çalışmaları",
        tierName: "Birincilik",
        board: "Balıkesir Proje İzleme ve Değerlendirme Kurulu",
      },
    });
    expect(forged.status).toBe(404);
    expect(forged.json.code).toBe("certificate_not_found");
    expect(forged.json.message).toMatch(/sertifika yok/);
    expect(malformed.status).toBe(400);
    expect(anonymousRevoke.status).toBe(401);
    expect(revoked.status).toBe(200);
    expect(afterRevoke.json).toMatchObject({ status: "revoked", code });
    expect(afterRevoke.json).not.toHaveProperty("certificate");
  });
});
