/**
 * The daily reminder job (scheduled 07:00 Istanbul; `npm run job -- reminders --as-of
 * YYYY-MM-DD` replays any day). Declared here without its work, which lives in the system entry
 * (reminder/system.ts) so the API bundle never loads the run.
 */
import * as z from "zod";
import { defineJob } from "../job/define";

export const remindersJob = defineJob({
  type: "reminders",
  title: "Takvim hatırlatmaları ve gecikme bildirimleri",
  params: z.object({
    provinces: z
      .array(z.string().regex(/^\d{1,2}$/))
      .max(81)
      .optional(),
  }),
  action: "job.run",
  scope: () => ({ type: "national", id: "" }),
  place: async () => ({}),
  // Exactly once per person, milestone, offset and day whatever the number of runs (ledger).
  maxAttempts: 5,
  run: async () => {
    throw new Error("reminders runs only in the job worker (workerJobTypes)");
  },
});
