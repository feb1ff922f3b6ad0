/**
 * ElectroDB entities of the organisation domain (private to this folder).
 *
 * Keys, one per access pattern (DESIGN.md):
 * - district: base `pk = province`, `sk = district id` → districts of a province (≤ 40 items)
 *   and a district by id (its plate prefix names the province).
 * - school:   base `pk = kurum kodu` → school by code;
 *             gsi1 `district / code` → schools of a district;
 *             gsi2 `province / district#code` → schools of a province. The design's advice is to
 *             shard province-wide keys; schools are the exception: a province holds ≤ ~1,500
 *             school items that change a few times a year, so one partition per province is far
 *             from any write limit, and a single key keeps the province list in one ordered query.
 */
import { Entity } from "electrodb";
import { bound, type electro } from "../db";
import { Level, SchoolType } from "./fields";

const service = "bigep";

function build(config: ReturnType<typeof electro>) {
  const District = new Entity(
    {
      model: { service, entity: "district", version: "1" },
      attributes: {
        id: { type: "string", required: true },
        provinceCode: { type: "string", required: true },
        name: { type: "string", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        byProvince: {
          pk: { field: "pk", composite: ["provinceCode"] },
          sk: { field: "sk", composite: ["id"] },
        },
      },
    },
    config,
  );

  const School = new Entity(
    {
      model: { service, entity: "school", version: "1" },
      attributes: {
        code: { type: "string", required: true },
        name: { type: "string", required: true },
        level: { type: Level.options, required: true },
        type: { type: SchoolType.options, required: true },
        districtId: { type: "string", required: true },
        provinceCode: { type: "string", required: true },
        email: { type: "string", required: true },
        phone: { type: "string" },
        address: { type: "string" },
        version: { type: "number", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byCode: {
          pk: { field: "pk", composite: ["code"] },
          sk: { field: "sk", composite: [] },
        },
        byDistrict: {
          index: "gsi1",
          pk: { field: "gsi1pk", composite: ["districtId"] },
          sk: { field: "gsi1sk", composite: ["code"] },
        },
        byProvince: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["provinceCode"] },
          sk: { field: "gsi2sk", composite: ["districtId", "code"] },
        },
      },
    },
    config,
  );
  return { District, School };
}

/** Entities bound to the current table and client. */
export const entities = bound(build);
