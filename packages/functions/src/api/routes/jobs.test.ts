import { afterAll, describe, expect, it } from "vitest";
import { userWith } from "../../../../../test/helpers/auth";
import { startJobPool } from "../../local/jobs";
import { app } from "../app";

const pool = startJobPool({ retryDelayMs: 10 });
afterAll(() => pool.stop());

const post = (headers: Record<string, string>, body: unknown) =>
  app.request("/api/jobs", {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("jobs API", () => {
  it("starts a job once per key as allowed by its action, lists the scope's jobs and reads one with its result", async () => {
    // Prepare
    const admin = await userWith([{ role: "admin", scope: { type: "national", id: "" } }]);
    const officer = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);

    // Act
    const first = await post(admin.headers, { type: "sweep-uploads", key: "elle-2026-03-10", asOf: "2026-03-10" });
    const again = await post(admin.headers, { type: "sweep-uploads", key: "elle-2026-03-10" });
    const denied = await post(officer.headers, { type: "sweep-uploads" });
    const anonymous = await post({}, { type: "sweep-uploads" });
    const unknown = await post(admin.headers, { type: "no-such-job" });
    const importViaGeneric = await post(officer.headers, {
      type: "school-import",
      params: { province: "10", rows: 1 },
    });
    const started = (await first.json()) as { id: string };
    await pool.idle();
    const read = await app.request(`/api/jobs/${started.id}`, { headers: admin.headers });
    const list = await app.request("/api/jobs?scope=national", { headers: admin.headers });
    const hidden = await app.request(`/api/jobs/${started.id}`, { headers: officer.headers });

    // Assess
    expect([first.status, again.status]).toEqual([202, 200]);
    expect(((await again.json()) as { id: string }).id).toBe(started.id);
    expect([denied.status, anonymous.status, unknown.status, importViaGeneric.status]).toEqual([403, 401, 404, 404]);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      id: started.id,
      type: "sweep-uploads",
      title: "Yarım kalan yüklemeleri temizleme",
      asOf: "2026-03-10",
      status: "succeeded",
      progress: 100,
      attempts: 1,
      result: { swept: 0 },
      createdBy: { id: admin.userId },
    });
    expect(((await list.json()) as { items: { id: string }[] }).items.map((j) => j.id)).toContain(started.id);
    expect(hidden.status).toBe(404);
  });
});
