/**
 * Demo data for the local runtime: each domain's idempotent seed, run once per start.
 * Domains add their seed here (org: provinces, districts, schools; identity: demo users).
 */
import { withActor } from "@bigep/core/actor";
import { seedDemoUsers } from "@bigep/core/identity";
import { seedDemo as seedOrg } from "@bigep/core/org";

/** Seed every domain's demo data; safe to run on every start. */
export async function seedAll(): Promise<void> {
  await withActor({ actor: { type: "system", reason: "demo seed" }, requestId: "seed" }, async () => {
    await seedOrg();
    await seedDemoUsers();
  });
}
