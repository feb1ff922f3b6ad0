/**
 * School and district writes commit their audit event in the same transaction: a write that
 * lands has exactly one event, a write refused by its condition leaves none.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type Grant, withActor } from "../actor";
import { entities as audit } from "../audit/entities";
import { VisibleError } from "../util/error";
import { District, School, seedDemo } from ".";

const officer: Grant = { role: "province_officer", scope: { type: "province", id: "10" } };
const asOfficer = <T>(run: () => Promise<T>) =>
  withActor(
    {
      actor: {
        type: "user",
        userId: "usr_01JD0000000000000000000001",
        email: "il@b.tr",
        name: "İl",
        grants: [officer],
      },
      requestId: "req-org-audit",
    },
    async () => run(),
  );

async function eventsOf(type: string, id: string) {
  const { data } = await audit().Event.query.byEntity({ entityType: type, entityId: id }).go({ pages: "all" });
  return data;
}

const school = {
  code: "9900101",
  name: "Denetim Ortaokulu",
  level: "ortaokul" as const,
  type: "ortaokul" as const,
  districtId: "10-karesi",
  email: "9900101@meb.k12.tr",
};

beforeAll(async () => {
  await seedDemo();
});

describe("school writes and their audit events", () => {
  it("a created school has exactly one school.create event, filed at its place; a second create (409) adds none", async () => {
    // Act
    await asOfficer(() => School.create(school));
    const again = await asOfficer(() => School.create(school)).catch((e: unknown) => e);

    // Assess
    expect(again).toBeInstanceOf(VisibleError);
    expect((again as VisibleError).code).toBe("school_exists");
    const events = await eventsOf("school", school.code);
    expect(events.map((e) => e.action)).toEqual(["school.create"]);
    expect(events[0]).toMatchObject({
      requestId: "req-org-audit",
      actorId: "usr_01JD0000000000000000000001",
      place: { province: "10", district: "10-karesi", school: school.code },
    });
  });

  it("an update has exactly one school.update event naming the changed fields", async () => {
    // Prepare
    const current = await School.get("710104");
    const before = (await eventsOf("school", "710104")).length;

    // Act
    await asOfficer(() => School.update({ code: "710104", version: current!.version, name: "Karesi AL (yeni)" }));

    // Assess
    const events = await eventsOf("school", "710104");
    expect(events).toHaveLength(before + 1);
    const last = events.sort((a, b) => a.at.localeCompare(b.at)).at(-1);
    expect(last).toMatchObject({ action: "school.update", data: { fields: ["name"], version: current!.version + 1 } });
  });

  it("of racing updates from the same version, each that lands has one event and each refused (409) none", async () => {
    // Prepare
    const current = await School.get("710204");
    const before = (await eventsOf("school", "710204")).length;

    // Act: five editors save over the same version at once
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((i) =>
        asOfficer(() => School.update({ code: "710204", version: current!.version, name: `Balıkesir FL ${i}` })),
      ),
    );

    // Assess: one winner; the others are stale; events = winners; the version moved by one
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((r) => ((r as PromiseRejectedResult).reason as VisibleError).code)).toEqual(
      Array(4).fill("stale_version"),
    );
    expect(await eventsOf("school", "710204")).toHaveLength(before + 1);
    expect((await School.get("710204"))?.version).toBe(current!.version + 1);
  });

  it("an update that changes nothing writes nothing and records nothing", async () => {
    const current = await School.get("710104");
    const before = (await eventsOf("school", "710104")).length;

    await asOfficer(() => School.update({ code: "710104", version: current!.version, name: current!.name }));

    expect(await eventsOf("school", "710104")).toHaveLength(before);
    expect((await School.get("710104"))?.version).toBe(current!.version);
  });
});

describe("district create and its audit event", () => {
  it("has exactly one district.create event; a duplicate (409) adds none", async () => {
    await asOfficer(() => District.create({ province: "10", name: "Denetimli" }));
    const again = await asOfficer(() => District.create({ province: "10", name: "DENETİMLİ" })).catch(
      (e: unknown) => e,
    );

    expect((again as VisibleError).code).toBe("district_exists");
    expect((await eventsOf("district", "10-denetimli")).map((e) => e.action)).toEqual(["district.create"]);
  });
});
