/**
 * The job that compiles a partnership's yearly evaluation report (started by a coordinator
 * through `Report.compile`, or by the system). Idempotent: a second run recompiles the same
 * draft from the same data; a report on its way up is left as it is.
 */
import * as z from "zod";
import { defineJob } from "../job/define";
import { Id, SchoolYear } from "./fields";

export const reportJob = defineJob({
  type: "partnership-report",
  title: "Okul ortaklığı değerlendirme raporunu derleme",
  params: z.object({ partnershipId: Id, year: SchoolYear }),
  // Started only through Report.compile (which checks the coordinator) or by the system.
  action: "partnership.report.edit",
  startable: false,
  scope: (p) => ({ type: "partnership", id: p.partnershipId }),
  place: async (p) => ({ partnership: p.partnershipId }),
  run: async ({ params }) => {
    // Loaded on use: the report module imports the job module, which lists this type.
    const { compileNow } = await import("./report");
    return { outcome: await compileNow(params.partnershipId, params.year) };
  },
});
