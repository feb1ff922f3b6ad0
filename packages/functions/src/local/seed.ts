/**
 * Demo data for the local runtime: each domain's idempotent seed, run once per start.
 * Domains add their seed here (org: provinces, districts, schools; identity: demo users;
 * activity: demo activities in every status, with photos through the evidence pipeline).
 * Each seed fills in what is missing and leaves what people changed, so a start never fails
 * because someone deactivated a demo account or edited a demo school.
 */
import { seedDemoActivities } from "@bigep/core/activity";
import { seedDemoUsers } from "@bigep/core/identity";
import { seedDemo as seedOrg } from "@bigep/core/org";
import { seedDemoReviews } from "@bigep/core/review";
import { attachDemoPhoto } from "@bigep/core/system/evidence";
import { seedDemoPartnerships } from "@bigep/core/system/partnership";

/** Seed every domain's demo data; safe to run on every start. `activities: false` stops after people. */
export async function seedAll(options: { activities?: boolean } = {}): Promise<void> {
  await seedOrg();
  await seedDemoUsers();
  await seedDemoPartnerships(); // --- partnership ---
  if (options.activities !== false) await seedActivities();
}

/** The demo activities with their photos (the slow part: `npm start` runs it once the API answers). */
export async function seedActivities(): Promise<number> {
  const count = await seedDemoActivities(attachDemoPhoto);
  await seedDemoReviews(); // --- review --- (needs the approved demo activities)
  return count;
}
