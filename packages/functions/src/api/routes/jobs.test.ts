import { withActor } from "@bigep/core/actor";
import { Job, type Message, useQueue } from "@bigep/core/job";
import { workerJobTypes } from "@bigep/core/system/job";
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

  it("cancels a queued job once, for who may run jobs there; the worker then leaves it alone", async () => {
    // Prepare: a queue that holds its message, so the job stays queued.
    const admin = await userWith([{ role: "admin", scope: { type: "national", id: "" } }]);
    const officer = await userWith([{ role: "province_officer", scope: { type: "province", id: "10" } }]);
    const held: Message[] = [];
    const restore = useQueue({ send: async (message) => void held.push(message) });
    const started = await post(admin.headers, { type: "sweep-uploads", key: `iptal-${Date.now()}` });
    restore();
    const { id } = (await started.json()) as { id: string };
    const cancel = (headers: Record<string, string>) =>
      app.request(`/api/jobs/${id}/cancel`, { method: "POST", headers });

    // Act
    const anonymous = await cancel({});
    const outsider = await cancel(officer.headers);
    const first = await cancel(admin.headers);
    const second = await cancel(admin.headers);
    const delivered = await withActor({ actor: { type: "system", reason: "test" }, requestId: "t" }, () =>
      Job.system.process(held[0] as Message, workerJobTypes),
    );
    const read = await app.request(`/api/jobs/${id}`, { headers: admin.headers });
    const audit = await app.request("/api/audit?scope=national", { headers: admin.headers });

    // Assess: the officer may read province jobs but not run national ones; the job was never run.
    expect([anonymous.status, outsider.status, first.status, second.status]).toEqual([401, 404, 200, 409]);
    expect(delivered.status).toBe("skipped");
    expect(await read.json()).toMatchObject({ id, status: "canceled", attempts: 0 });
    const events = ((await audit.json()) as { items: { action: string; entity: { id: string } }[] }).items;
    expect(events.filter((e) => e.action === "job.cancel" && e.entity.id === id)).toHaveLength(1);
  });

  it("a restarted local stack delivers again the jobs its previous run left queued", async () => {
    // Prepare: a job whose message is lost with the process that held it.
    const admin = await userWith([{ role: "admin", scope: { type: "national", id: "" } }]);
    const restore = useQueue({ send: async () => {} });
    const started = await post(admin.headers, { type: "sweep-uploads", key: `yeniden-${Date.now()}` });
    restore();
    const { id } = (await started.json()) as { id: string };

    // Act: a new pool, as `npm start` creates, resumes what is unfinished.
    const restarted = startJobPool({ retryDelayMs: 10 });
    const resumed = await restarted.resume();
    await restarted.idle();
    restarted.stop();
    const read = await app.request(`/api/jobs/${id}`, { headers: admin.headers });

    // Assess
    expect(resumed).toBeGreaterThanOrEqual(1);
    expect(await read.json()).toMatchObject({ id, status: "succeeded", attempts: 1 });
    // The status index follows the job: a finished job is no longer delivered on the next start
    expect(await Job.system.unfinished()).not.toContain(id);
  });
});
