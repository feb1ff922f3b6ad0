import { send } from "@bigep/core/mail";
import { resetConfig } from "@bigep/core/util/config";
import { afterEach, describe, expect, it } from "vitest";
import { app } from "../app";

describe("dev routes", () => {
  afterEach(() => {
    process.env.BIGEP_STAGE = "test";
    delete process.env.BIGEP_AUTH_SECRET;
    resetConfig();
  });

  it("list the outbox newest first, filtered by recipient", async () => {
    // Prepare
    await send({ to: "mudur@okul.k12.tr", subject: "Eski", text: "1" });
    await send({ to: "mudur@okul.k12.tr", subject: "Yeni", text: "2" });
    await send({ to: "ogretmen@okul.k12.tr", subject: "Başka", text: "3" });

    // Act
    const res = await app.request("/api/dev/outbox?to=MUDUR@okul.k12.tr");

    // Assess
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { subject: string }[]; cursor: string | null };
    expect(body.items.map((m) => m.subject)).toEqual(["Yeni", "Eski"]);
    expect(body.cursor).toBeNull();
  });

  it("start any job now as the system, read it back, and answer 404 for an unknown job type", async () => {
    // Act
    const ran = await app.request("/api/dev/jobs/sweep-uploads", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ asOf: "2026-03-10" }),
    });
    const job = (await ran.json()) as { id: string; type: string; asOf: string; status: string };
    const read = await app.request(`/api/dev/job-status/${job.id}`);
    const unknown = await app.request("/api/dev/jobs/no-such-job", { method: "POST" });

    // Assess
    expect(ran.status).toBe(202);
    expect(job).toMatchObject({ type: "sweep-uploads", asOf: "2026-03-10", status: "queued" });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: job.id, type: "sweep-uploads" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "job_not_found" });
  });

  it("are documented under the dev tag", async () => {
    // Act
    const doc = (await (await app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };

    // Assess
    expect(doc.paths["/api/dev/outbox"]?.get?.tags).toEqual(["dev"]);
    expect(doc.paths["/api/dev/jobs/{name}"]?.post?.tags).toEqual(["dev"]);
  });

  it("answer 404 outside the local and test stages", async () => {
    // Prepare
    process.env.BIGEP_STAGE = "prod";
    process.env.BIGEP_AUTH_SECRET = "a-production-secret-that-is-long-enough-0123456789";
    resetConfig();

    // Act
    const list = await app.request("/api/dev/outbox");
    const run = await app.request("/api/dev/jobs/sweep-uploads", { method: "POST" });

    // Assess
    expect(list.status).toBe(404);
    expect(run.status).toBe(404);
    expect(await list.json()).toMatchObject({ code: "not_found" });
  });
});
