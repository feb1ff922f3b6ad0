/**
 * ElectroDB entities of the identity domain (private to this folder).
 *
 * Keys, one per access pattern (DESIGN.md):
 * - account collection, base `pk = user id`: the user item, their role assignments and their
 *   sessions share one partition, so resolving a request's actor is ONE Query (status, session
 *   still open, current grants) — revocation and deactivation take effect at once.
 * - role assignment: gsi2 `scope / role#user#year` → holders of a role in a scope, users of a school.
 * - e-mail claim: base `pk = folded e-mail` → user by e-mail, and the uniqueness invariant
 *   (created in the same transaction as the user, `attribute_not_exists`).
 * - sign-in code: base `pk = folded e-mail` (TTL) — one live code per address.
 * - rate counter: base `pk = bucket key`, `sk = window start` (TTL), fixed-window counters.
 */
import { Entity, Service } from "electrodb";
import { Role } from "../actor";
import { bound, type electro } from "../db";

const service = "bigep";

function build(config: ReturnType<typeof electro>) {
  const User = new Entity(
    {
      model: { service, entity: "user", version: "1" },
      attributes: {
        userId: { type: "string", required: true },
        name: { type: "string", required: true },
        email: { type: "string", required: true },
        emailKey: { type: "string", required: true },
        phone: { type: "string" },
        status: { type: ["active", "inactive"] as const, required: true },
        version: { type: "number", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        account: {
          collection: "account",
          pk: { field: "pk", composite: ["userId"] },
          sk: { field: "sk", composite: [] },
        },
      },
    },
    config,
  );

  const Assignment = new Entity(
    {
      model: { service, entity: "role", version: "1" },
      attributes: {
        userId: { type: "string", required: true },
        role: { type: Role.options, required: true },
        scopeType: { type: "string", required: true },
        /** Scope id; national is stored as "-" (key segments cannot be empty). */
        scopeId: { type: "string", required: true },
        /** A school year, or "*" for every year. */
        schoolYear: { type: "string", required: true },
        grantedBy: { type: "string", required: true },
        createdAt: { type: "string", required: true, readOnly: true },
      },
      indexes: {
        account: {
          collection: "account",
          pk: { field: "pk", composite: ["userId"] },
          sk: { field: "sk", composite: ["scopeType", "scopeId", "role", "schoolYear"] },
        },
        byScope: {
          index: "gsi2",
          pk: { field: "gsi2pk", composite: ["scopeType", "scopeId"] },
          sk: { field: "gsi2sk", composite: ["role", "userId", "schoolYear"] },
        },
      },
    },
    config,
  );

  const Session = new Entity(
    {
      model: { service, entity: "session", version: "1" },
      attributes: {
        userId: { type: "string", required: true },
        sessionId: { type: "string", required: true },
        /** SHA-256 of the current refresh secret; rotated on every refresh. */
        secretHash: { type: "string", required: true },
        provider: { type: "string", required: true },
        userAgent: { type: "string" },
        ip: { type: "string" },
        createdAt: { type: "string", required: true, readOnly: true },
        lastUsedAt: { type: "string", required: true },
        /** Epoch seconds; the table's TTL attribute. */
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        account: {
          collection: "account",
          pk: { field: "pk", composite: ["userId"] },
          sk: { field: "sk", composite: ["sessionId"] },
        },
      },
    },
    config,
  );

  const EmailClaim = new Entity(
    {
      model: { service, entity: "emailclaim", version: "1" },
      attributes: {
        emailKey: { type: "string", required: true },
        userId: { type: "string", required: true },
      },
      indexes: {
        byEmail: { pk: { field: "pk", composite: ["emailKey"] }, sk: { field: "sk", composite: [] } },
      },
    },
    config,
  );

  const SignInCode = new Entity(
    {
      // v2: one item per issued code (challenge), each with its own attempts; v1 had one per address.
      model: { service, entity: "signincode", version: "2" },
      attributes: {
        emailKey: { type: "string", required: true },
        /** Random id of this code's request, held by the browser that asked for it (cookie). */
        challenge: { type: "string", required: true },
        userId: { type: "string", required: true },
        codeHash: { type: "string", required: true },
        attempts: { type: "number", required: true },
        createdAt: { type: "string", required: true },
        /** Epoch seconds; TTL deletion is lazy, so code always compares it too. */
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byEmail: { pk: { field: "pk", composite: ["emailKey"] }, sk: { field: "sk", composite: ["challenge"] } },
      },
    },
    config,
  );

  const Counter = new Entity(
    {
      model: { service, entity: "ratecounter", version: "1" },
      attributes: {
        bucket: { type: "string", required: true },
        window: { type: "string", required: true },
        count: { type: "number", required: true },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byBucket: { pk: { field: "pk", composite: ["bucket"] }, sk: { field: "sk", composite: ["window"] } },
      },
    },
    config,
  );

  const identity = new Service({ User, Assignment, Session, EmailClaim }, config);
  return { User, Assignment, Session, EmailClaim, SignInCode, Counter, identity };
}

/** Entities bound to the current table and client. */
export const entities = bound(build);
