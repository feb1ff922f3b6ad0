/**
 * Demo reviews for the local runtime: the default rubric of every area for Balıkesir's current
 * school year, and one open school round (opened yesterday, closing in a month) whose panel is
 * the two demo school commission members, with the approved demo activities loaded and
 * assigned — so `komisyon.*@bigep.local` find a review queue and `il@bigep.local` a chair panel.
 * Runs as the demo province officer through the same operations as the API; fills in only what
 * is missing.
 */

import { istanbulMinute } from "../access/conditions";
import { areas } from "../activity/fields";
import { withActor } from "../actor";
import { demoActor } from "../identity";
import { now } from "../util/clock";
import { schoolYearOf } from "../util/date";
import { log } from "../util/log";
import { defaultRubrics } from "./defaults";
import { entities } from "./entities";
import * as Round from "./round";
import * as Rubric from "./rubric";

const province = "10";

/** Seeds the demo rubrics and school round when missing. */
export async function seedDemoReviews(): Promise<void> {
  const chair = await demoActor("il@bigep.local");
  if (!chair) return;
  const year = schoolYearOf(now());
  await withActor({ actor: chair, requestId: "demo-reviews" }, async () => {
    for (const area of areas) {
      if (!(await Rubric.latest(province, year, area))) {
        await Rubric.save({ province, year, area, criteria: defaultRubrics[area] });
      }
    }
    const { data: rounds } = await entities().Round.query.byYear({ provinceCode: province, schoolYear: year }).go();
    if (rounds.length > 0) return;
    const panel = [];
    for (const email of ["komisyon.710204@bigep.local", "komisyon.710104@bigep.local"]) {
      const member = await demoActor(email);
      if (member) panel.push({ userId: member.userId });
    }
    if (panel.length === 0) return;
    const day = 24 * 60 * 60 * 1000;
    const round = await Round.create({
      province,
      year,
      level: "school",
      name: "Okul turu (demo)",
      opensAt: istanbulMinute(new Date(now().getTime() - day)),
      closesAt: istanbulMinute(new Date(now().getTime() + 30 * day)),
      k: 1,
      promotion: { topN: 2 },
      panel,
    });
    await Round.loadEntries(round.id);
    await Round.runAssignment({ roundId: round.id, seed: "demo" });
    log().info("demo review round seeded", { roundId: round.id });
  });
}
