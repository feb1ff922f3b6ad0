/**
 * Evidence's personal data (privacy/hooks.ts): the uploader's name on files they uploaded (found
 * through the audit trail: every upload is audited against its evidence id). The files stay with
 * their activity; their retention is the periodic destruction run's (privacy/retention-job.ts).
 */
import type { PersonalData } from "../privacy/hooks";
import { ERASED_NAME } from "../privacy/hooks";
import { evidence } from "./entities";

async function uploadsOf(person: { userId: string; touched: { type: string; id: string }[] }) {
  const rows = [];
  for (const t of person.touched.filter((x) => x.type === "evidence")) {
    const row = (await evidence().get({ evidenceId: t.id }).go()).data;
    if (row?.uploadedBy === person.userId) rows.push(row);
  }
  return rows;
}

export const evidenceData: PersonalData = {
  domain: "evidence",
  async export(person) {
    return (await uploadsOf(person)).map((e) => ({
      id: e.evidenceId,
      activityId: e.activityId,
      fileName: e.fileName,
      createdAt: e.createdAt,
    }));
  },
  async erase(person) {
    let changed = 0;
    for (const e of await uploadsOf(person)) {
      if (e.uploadedByName === ERASED_NAME) continue;
      await evidence().patch({ evidenceId: e.evidenceId }).set({ uploadedByName: ERASED_NAME }).go();
      changed++;
    }
    return changed;
  },
};
