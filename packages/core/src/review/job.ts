/** The assignment of a large round as a job (registered in job/registry.ts). */
import * as z from "zod";
import { defineJob } from "../job/define";
import { writeAssignment } from "./round";
import { roundOrFail } from "./store";

/** The assignment of a round as a job (large rounds: thousands of activities). */
export const reviewAssign = defineJob({
  type: "review-assign",
  title: "Değerlendirici ataması",
  params: z.object({
    province: z.string().regex(/^\d{2}$/),
    roundId: z.string().regex(/^rnd_[0-9A-HJKMNP-TV-Z]{26}$/),
    seed: z.string().max(64).default("bigep"),
  }),
  action: "review.manage",
  scope: ({ province }) => ({ type: "province", id: province }),
  place: async ({ province }) => ({ province }),
  run: async ({ params, progress }) => {
    const round = await roundOrFail(params.roundId);
    if (round.provinceCode !== params.province) throw new Error("round is not in the province of the job");
    const result = await writeAssignment(round, params.seed);
    await progress(100);
    return { pairs: result.newPairs, short: result.short.length, maxLoad: result.maxLoad };
  },
});
