/**
 * Demo people for the local runtime: one per kind of role, in the demo organisation (org/demo.ts).
 * Sign in with any of these addresses; the code lands in the outbox.
 */
import type { Grant } from "../actor";
import { withActor } from "../actor";
import * as Assignment from "./assignment";
import * as User from "./user";

/** Two demo schools in different districts of Balıkesir: Balıkesir Fen Lisesi (Altıeylül), Karesi Anadolu Lisesi. */
const schools = ["710204", "710104"];

export const demoUsers: { email: string; name: string; grants: Grant[] }[] = [
  {
    email: "admin@bigep.local",
    name: "Deniz Yönetici",
    grants: [{ role: "admin", scope: { type: "national", id: "" } }],
  },
  {
    email: "il@bigep.local",
    name: "İlker İl Müdürlüğü",
    grants: [{ role: "province_officer", scope: { type: "province", id: "10" } }],
  },
  {
    email: "ilce.altieylul@bigep.local",
    name: "Aslı Altıeylül Kurulu",
    grants: [{ role: "district_board", scope: { type: "district", id: "10-altieylul" } }],
  },
  ...schools.flatMap((code, i) => [
    {
      email: `mudur.${code}@bigep.local`,
      name: ["Murat Özkan", "Selin Aydın"][i]!,
      grants: [{ role: "principal" as const, scope: { type: "school" as const, id: code } }],
    },
    {
      email: `komisyon.${code}@bigep.local`,
      name: ["Kemal Şen", "Gül Arslan"][i]!,
      grants: [{ role: "school_commission" as const, scope: { type: "school" as const, id: code } }],
    },
    {
      email: `ogretmen.${code}@bigep.local`,
      name: ["Ayşe Yıldız", "Ömer Çelik"][i]!,
      grants: [{ role: "teacher" as const, scope: { type: "school" as const, id: code } }],
    },
  ]),
];

/** Creates the demo people and their roles (idempotent; no invitation mail). Runs as the system actor. */
export async function seedDemoUsers(): Promise<void> {
  await withActor({ actor: { type: "system", reason: "seed demo users" }, requestId: "seed" }, async () => {
    for (const person of demoUsers) {
      const existing = await User.byEmail(person.email);
      const userId = existing?.userId ?? (await User.create({ name: person.name, email: person.email })).id;
      for (const grant of person.grants) await Assignment.grant({ userId, grant });
    }
  });
}
