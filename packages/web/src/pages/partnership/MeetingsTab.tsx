/**
 * Meetings of the pair in a school year: the list (newest first, as the API sorts), each with its
 * participants, agenda, minutes, decisions and files; coordinators record, edit (If-Match the
 * read revision) and delete them. Participants are picked by name from the two schools' staff
 * when the server lists them to the caller; otherwise its refusal is shown.
 */
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { api, messageOf, request } from "../../api";
import { type PartnershipView, schoolNameIn } from "../../partnership";
import { MinuteInput } from "../../reviewInputs";
import { Alert, TableBox, useConfirm } from "../../ui";
import { FileList, FileUpload } from "./Files";

const fetchMeetings = (id: string, year: string) =>
  request(api.api.partnerships[":id"].meetings.$get({ param: { id }, query: { year } }));
type Meeting = Awaited<ReturnType<typeof fetchMeetings>>[number];
type Mode = Meeting["mode"];

const modeNames: Record<Mode, string> = { online: "Çevrim içi", in_person: "Yüz yüze" };

type Draft = {
  mode: Mode;
  title: string;
  startsAt: string;
  place: string;
  participants: string[];
  agenda: string;
  minutes: string;
  decisions: string;
  /** User ids typed by hand (one a line), for a school whose staff the server does not list. */
  others: string;
};
const empty: Draft = {
  mode: "online",
  title: "",
  startsAt: "",
  place: "",
  participants: [],
  agenda: "",
  minutes: "",
  decisions: "",
  others: "",
};

/** "2026-10-14T15:30" (Istanbul wall clock) as "14.10.2026 15:30". */
const formatLocal = (value: string) => {
  const [day = "", time = ""] = value.split("T");
  const [y, m, d] = day.split("-");
  return `${d}.${m}.${y} ${time}`;
};

export function MeetingsTab({ partnership: p, year }: { partnership: PartnershipView; year: string }) {
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [editing, setEditing] = useState<Meeting | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, ask] = useConfirm();

  const load = useCallback(async () => {
    try {
      setMeetings(await fetchMeetings(p.id, year));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [p.id, year]);
  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (m: Meeting) => {
    setError(null);
    setNotice(null);
    if (!(await ask(`"${m.title}" toplantısı silinsin mi?`, "Sil"))) return;
    try {
      await request(
        api.api.partnerships[":id"].meetings[":meetingId"].$delete({ param: { id: p.id, meetingId: m.id } }),
      );
      setNotice("Toplantı silindi.");
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="meetings-title">
      {dialog}
      <h2 id="meetings-title">Toplantılar {year}</h2>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Alert text={error} />
      {meetings?.length === 0 && <p className="muted">Bu yıl kaydedilmiş toplantı yok.</p>}
      {(meetings ?? []).length > 0 && (
        <TableBox label="Toplantılar">
          <table aria-label="Toplantılar">
            <thead>
              <tr>
                <th scope="col">Tarih</th>
                <th scope="col">Toplantı</th>
                <th scope="col">Katılımcılar</th>
                <th scope="col">Gündem, tutanak ve kararlar</th>
                <th scope="col">Dosyalar</th>
              </tr>
            </thead>
            <tbody>
              {(meetings ?? []).map((m) => (
                <tr key={m.id} data-meeting={m.id}>
                  <td>{formatLocal(m.startsAt)}</td>
                  <td>
                    {m.title}
                    <br />
                    <span className="muted">
                      {modeNames[m.mode]}
                      {m.place ? ` · ${m.place}` : ""}
                    </span>
                    {m.may.edit && (
                      <div className="actions">
                        <button type="button" className="link" onClick={() => setEditing(m)}>
                          Düzenle
                        </button>
                        <button type="button" className="link" onClick={() => void remove(m)}>
                          Sil
                        </button>
                      </div>
                    )}
                  </td>
                  <td>
                    {m.participants.length
                      ? m.participants.map((x) => `${x.name} (${schoolNameIn(p.schools, x.school)})`).join(", ")
                      : "—"}
                  </td>
                  <td>
                    {m.agenda && <p>Gündem: {m.agenda}</p>}
                    {m.minutes && <p>Tutanak: {m.minutes}</p>}
                    {m.decisions.length > 0 && (
                      <ul>
                        {m.decisions.map((d) => (
                          <li key={d}>{d}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <FileList
                      files={m.files}
                      download={(fileId) =>
                        request(
                          api.api.partnerships[":id"].meetings[":meetingId"].files[":fileId"].$get({
                            param: { id: p.id, meetingId: m.id, fileId },
                          }),
                        )
                      }
                    />
                    {m.may.edit && (
                      <FileUpload
                        id={`meeting-${m.id}`}
                        presign={(json) =>
                          request(
                            api.api.partnerships[":id"].meetings[":meetingId"].files.$post({
                              param: { id: p.id, meetingId: m.id },
                              json,
                            }),
                          )
                        }
                        onUploaded={load}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {p.may?.meetings && editing === null && (
        <div className="actions">
          <button type="button" onClick={() => setEditing("new")}>
            Toplantı kaydet
          </button>
        </div>
      )}
      {editing !== null && (
        <MeetingForm
          key={editing === "new" ? "new" : editing.id}
          partnership={p}
          meeting={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={async (text) => {
            setEditing(null);
            setNotice(text);
            await load();
          }}
        />
      )}
    </section>
  );
}

type Person = { id: string; name: string; school: string };

/**
 * The staff of each school the caller may list, and for each school the server does not list to
 * the caller, its refusal message (keyed by school code).
 */
function useStaff(schools: readonly { code: string }[]): { people: Person[]; refusals: [string, string][] } {
  const [state, setState] = useState<{ people: Person[]; refusals: [string, string][] }>({ people: [], refusals: [] });
  const codes = schools.map((s) => s.code).join(",");
  useEffect(() => {
    let live = true;
    const list = codes.split(",");
    void Promise.allSettled(
      list.map((school) =>
        request(api.api.users.$get({ query: { school, limit: "100" } })).then((page) =>
          page.items.map((u) => ({ id: u.id, name: u.name, school })),
        ),
      ),
    ).then((results) => {
      if (!live) return;
      const people: Person[] = [];
      const refusals: [string, string][] = [];
      results.forEach((r, i) => {
        if (r.status === "fulfilled") people.push(...r.value);
        else refusals.push([list[i] ?? "", messageOf(r.reason)]);
      });
      setState({ people: people.sort((a, b) => a.name.localeCompare(b.name, "tr")), refusals });
    });
    return () => {
      live = false;
    };
  }, [codes]);
  return state;
}

function MeetingForm({
  partnership: p,
  meeting,
  onCancel,
  onSaved,
}: {
  partnership: PartnershipView;
  meeting: Meeting | null;
  onCancel(): void;
  onSaved(text: string): Promise<void>;
}) {
  const [draft, setDraft] = useState<Draft>(
    meeting
      ? {
          mode: meeting.mode,
          title: meeting.title,
          startsAt: meeting.startsAt,
          place: meeting.place ?? "",
          participants: meeting.participants.map((x) => x.userId),
          agenda: meeting.agenda ?? "",
          minutes: meeting.minutes ?? "",
          decisions: meeting.decisions.join("\n"),
          others: "",
        }
      : empty,
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const staff = useStaff(p.schools);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // People already on the meeting stay listed even when the staff list is not shown to the caller.
  const known: Person[] = [
    ...staff.people,
    ...(meeting?.participants ?? [])
      .filter((x) => !staff.people.some((s) => s.id === x.userId))
      .map((x) => ({ id: x.userId, name: x.name, school: x.school })),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    const json = {
      mode: draft.mode,
      title: draft.title,
      startsAt: draft.startsAt,
      ...(draft.place.trim() ? { place: draft.place } : {}),
      participants: [
        ...new Set([
          ...draft.participants,
          ...draft.others
            .split(/\s+/)
            .map((x) => x.trim())
            .filter(Boolean),
        ]),
      ],
      ...(draft.agenda.trim() ? { agenda: draft.agenda } : {}),
      ...(draft.minutes.trim() ? { minutes: draft.minutes } : {}),
      decisions: draft.decisions
        .split("\n")
        .map((d) => d.trim())
        .filter(Boolean),
    };
    try {
      if (meeting)
        await request(
          api.api.partnerships[":id"].meetings[":meetingId"].$put({
            param: { id: p.id, meetingId: meeting.id },
            header: { "if-match": `"${meeting.rev}"` },
            json,
          }),
        );
      else await request(api.api.partnerships[":id"].meetings.$post({ param: { id: p.id }, json }));
      await onSaved(meeting ? "Toplantı güncellendi." : "Toplantı kaydedildi.");
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby="meeting-form-title">
      <h3 id="meeting-form-title">{meeting ? "Toplantıyı düzenle" : "Yeni toplantı"}</h3>
      <div className="field">
        <label htmlFor="meeting-title">Başlık</label>
        <input
          id="meeting-title"
          required
          maxLength={200}
          value={draft.title}
          onChange={(e) => set("title", e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="meeting-mode">Biçim</label>
        <select id="meeting-mode" value={draft.mode} onChange={(e) => set("mode", e.target.value as Mode)}>
          {(Object.keys(modeNames) as Mode[]).map((m) => (
            <option key={m} value={m}>
              {modeNames[m]}
            </option>
          ))}
        </select>
      </div>
      <MinuteInput
        id="meeting-starts"
        legend="Tarih ve saat"
        value={draft.startsAt}
        onChange={(v) => set("startsAt", v)}
      />
      <div className="field">
        <label htmlFor="meeting-place">{draft.mode === "online" ? "Bağlantı ya da platform" : "Yer"}</label>
        <input id="meeting-place" maxLength={500} value={draft.place} onChange={(e) => set("place", e.target.value)} />
      </div>
      <fieldset>
        <legend>Katılımcılar</legend>
        {known.map((person) => (
          <label className="check" key={person.id}>
            <input
              type="checkbox"
              checked={draft.participants.includes(person.id)}
              onChange={(e) =>
                set(
                  "participants",
                  e.target.checked
                    ? [...draft.participants, person.id]
                    : draft.participants.filter((x) => x !== person.id),
                )
              }
            />
            {person.name} ({schoolNameIn(p.schools, person.school)})
          </label>
        ))}
        {staff.refusals.map(([school, message]) => (
          <p className="muted" key={school}>
            {schoolNameIn(p.schools, school)}: {message}
          </p>
        ))}
        {staff.refusals.length > 0 && (
          <div className="field">
            <label htmlFor="meeting-others">
              Diğer katılımcılar <span className="hint">(kullanıcı kimlikleri, usr_…, her satıra bir)</span>
            </label>
            <textarea id="meeting-others" value={draft.others} onChange={(e) => set("others", e.target.value)} />
          </div>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="meeting-agenda">Gündem</label>
        <textarea
          id="meeting-agenda"
          maxLength={8000}
          value={draft.agenda}
          onChange={(e) => set("agenda", e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="meeting-minutes">Tutanak</label>
        <textarea
          id="meeting-minutes"
          maxLength={20000}
          value={draft.minutes}
          onChange={(e) => set("minutes", e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="meeting-decisions">
          Kararlar <span className="hint">(her satıra bir karar)</span>
        </label>
        <textarea id="meeting-decisions" value={draft.decisions} onChange={(e) => set("decisions", e.target.value)} />
      </div>
      <Alert text={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Kaydet
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Vazgeç
        </button>
      </div>
    </form>
  );
}
