/**
 * Demo people for the local runtime: one per kind of role, in the demo organisation (org/demo.ts).
 * Sign in with any of these addresses; the code lands in the outbox.
 */
import type { Actor, Grant } from "../actor";
import { withActor } from "../actor";
import { grantsOf, load } from "./account";
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

/**
 * Creates the demo people who are missing, with their roles (no invitation mail). A demo account
 * that exists is left as people made it: deactivated, renamed or with roles changed, it stays so
 * on every later start. The only repair is an active account without any role (a start that
 * stopped between creating the user and granting the roles). Runs as the system actor.
 */
export async function seedDemoUsers(): Promise<void> {
  await withActor(
    { actor: { type: "system", reason: "örnek kullanıcılar (npm start)" }, requestId: "seed" },
    async () => {
      for (const person of demoUsers) {
        const existing = await User.byEmail(person.email);
        if (existing) {
          const account = await load(existing.userId);
          if (!account || account.user.status !== "active" || account.assignments.length > 0) continue;
        }
        const userId = existing?.userId ?? (await User.create({ name: person.name, email: person.email })).id;
        for (const grant of person.grants) await Assignment.grant({ userId, grant });
      }
    },
  );
}

/**
 * A demo person as a signed-in actor with their current roles, for seeding their work; undefined
 * when the account is missing or deactivated (the seed then leaves that person's work out).
 */
export async function demoActor(email: string): Promise<Extract<Actor, { type: "user" }> | undefined> {
  const existing = await User.byEmail(email);
  const account = existing && (await load(existing.userId));
  if (!account || account.user.status !== "active") return undefined;
  return {
    type: "user",
    userId: account.user.userId,
    email: account.user.email,
    name: account.user.name,
    grants: grantsOf(account.assignments),
  };
}
