/**
 * The pair's shared materials library: filters by subject, grade and kind (the API filters), the
 * list with files, the share form for the people of both schools (`may.materials`), removal by the
 * author or a coordinator (`may.delete`) and file uploads by the author (`may.attach`).
 */
import { materialKindLabels } from "@bigep/core/shared";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { api, messageOf, request } from "../../api";
import { formatDate } from "../../format";
import { type PartnershipView, schoolNameIn } from "../../partnership";
import { Alert, TableBox, useConfirm } from "../../ui";
import { FileList, FileUpload } from "./Files";

type Query = Parameters<(typeof api.api.partnerships)[":id"]["materials"]["$get"]>[0]["query"];
const fetchMaterials = (id: string, query: Query) =>
  request(api.api.partnerships[":id"].materials.$get({ param: { id }, query }));
type Material = Awaited<ReturnType<typeof fetchMaterials>>[number];
type Kind = Material["kind"];

const kinds = Object.keys(materialKindLabels) as Kind[];
const grades = ["9", "10", "11", "12"] as const;

export function MaterialsTab({ partnership: p }: { partnership: PartnershipView }) {
  const [materials, setMaterials] = useState<Material[] | null>(null);
  const [filter, setFilter] = useState<{ subject: string; grade: string; kind: string }>({
    subject: "",
    grade: "",
    kind: "",
  });
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, ask] = useConfirm();

  const load = useCallback(async () => {
    try {
      setMaterials(
        await fetchMaterials(p.id, {
          ...(filter.subject.trim() ? { subject: filter.subject.trim() } : {}),
          ...(filter.grade ? { grade: filter.grade } : {}),
          ...(filter.kind ? { kind: filter.kind as Kind } : {}),
        }),
      );
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [p.id, filter]);
  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (m: Material) => {
    setError(null);
    setNotice(null);
    if (!(await ask(`"${m.title}" materyali kaldırılsın mı?`, "Kaldır"))) return;
    try {
      await request(
        api.api.partnerships[":id"].materials[":materialId"].$delete({ param: { id: p.id, materialId: m.id } }),
      );
      setNotice("Materyal kaldırıldı.");
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="materials-title">
      {dialog}
      <h2 id="materials-title">Ortak materyaller</h2>
      <div className="filters">
        <div className="field short">
          <label htmlFor="material-filter-subject">Ders</label>
          <input
            id="material-filter-subject"
            maxLength={80}
            value={filter.subject}
            onChange={(e) => setFilter((f) => ({ ...f, subject: e.target.value }))}
          />
        </div>
        <div className="field short">
          <label htmlFor="material-filter-grade">Sınıf</label>
          <select
            id="material-filter-grade"
            value={filter.grade}
            onChange={(e) => setFilter((f) => ({ ...f, grade: e.target.value }))}
          >
            <option value="">Tümü</option>
            {grades.map((g) => (
              <option key={g} value={g}>
                {g}. sınıf
              </option>
            ))}
          </select>
        </div>
        <div className="field short">
          <label htmlFor="material-filter-kind">Tür</label>
          <select
            id="material-filter-kind"
            value={filter.kind}
            onChange={(e) => setFilter((f) => ({ ...f, kind: e.target.value }))}
          >
            <option value="">Tümü</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {materialKindLabels[k]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <Alert text={error} />
      {materials?.length === 0 && <p className="muted">Bu seçime uyan materyal yok.</p>}
      {(materials ?? []).length > 0 && (
        <TableBox label="Ortak materyaller">
          <table aria-label="Ortak materyaller">
            <thead>
              <tr>
                <th scope="col">Materyal</th>
                <th scope="col">Ders ve sınıf</th>
                <th scope="col">Tür</th>
                <th scope="col">Paylaşan</th>
                <th scope="col">Dosyalar</th>
              </tr>
            </thead>
            <tbody>
              {(materials ?? []).map((m) => (
                <tr key={m.id} data-material={m.id}>
                  <td>
                    {m.title}
                    {m.description && (
                      <>
                        <br />
                        <span className="muted">{m.description}</span>
                      </>
                    )}
                    {m.link && (
                      <>
                        <br />
                        <a href={m.link} target="_blank" rel="noopener noreferrer">
                          Bağlantı
                        </a>
                      </>
                    )}
                    {m.may.delete && (
                      <div className="actions">
                        <button type="button" className="link" onClick={() => void remove(m)}>
                          Kaldır
                        </button>
                      </div>
                    )}
                  </td>
                  <td>
                    {m.subject}, {m.grade}. sınıf
                  </td>
                  <td>{materialKindLabels[m.kind]}</td>
                  <td>
                    {m.ownerName} ({schoolNameIn(p.schools, m.school)}), {formatDate(m.createdAt)}
                  </td>
                  <td>
                    <FileList
                      files={m.files}
                      download={(fileId) =>
                        request(
                          api.api.partnerships[":id"].materials[":materialId"].files[":fileId"].$get({
                            param: { id: p.id, materialId: m.id, fileId },
                          }),
                        )
                      }
                    />
                    {m.may.attach && (
                      <FileUpload
                        id={`material-${m.id}`}
                        presign={(json) =>
                          request(
                            api.api.partnerships[":id"].materials[":materialId"].files.$post({
                              param: { id: p.id, materialId: m.id },
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
      {p.may?.materials && !adding && (
        <div className="actions">
          <button type="button" onClick={() => setAdding(true)}>
            Materyal paylaş
          </button>
        </div>
      )}
      {adding && (
        <MaterialForm
          partnershipId={p.id}
          onCancel={() => setAdding(false)}
          onSaved={async () => {
            setAdding(false);
            setNotice("Materyal paylaşıldı.");
            await load();
          }}
        />
      )}
    </section>
  );
}

function MaterialForm({
  partnershipId,
  onCancel,
  onSaved,
}: {
  partnershipId: string;
  onCancel(): void;
  onSaved(): Promise<void>;
}) {
  const [draft, setDraft] = useState({
    title: "",
    description: "",
    subject: "",
    grade: "9",
    kind: "lesson_plan" as Kind,
    link: "",
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await request(
        api.api.partnerships[":id"].materials.$post({
          param: { id: partnershipId },
          json: {
            title: draft.title,
            subject: draft.subject,
            grade: Number(draft.grade),
            kind: draft.kind,
            ...(draft.description.trim() ? { description: draft.description } : {}),
            ...(draft.link.trim() ? { link: draft.link.trim() } : {}),
          },
        }),
      );
      await onSaved();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-labelledby="material-form-title">
      <h3 id="material-form-title">Materyal paylaş</h3>
      <div className="field">
        <label htmlFor="material-title">Başlık</label>
        <input
          id="material-title"
          required
          maxLength={200}
          value={draft.title}
          onChange={(e) => set("title", e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="material-description">Açıklama</label>
        <textarea
          id="material-description"
          maxLength={4000}
          value={draft.description}
          onChange={(e) => set("description", e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="material-subject">Ders</label>
        <input
          id="material-subject"
          required
          maxLength={80}
          value={draft.subject}
          onChange={(e) => set("subject", e.target.value)}
        />
      </div>
      <div className="field short">
        <label htmlFor="material-grade">Sınıf</label>
        <select id="material-grade" value={draft.grade} onChange={(e) => set("grade", e.target.value)}>
          {grades.map((g) => (
            <option key={g} value={g}>
              {g}. sınıf
            </option>
          ))}
        </select>
      </div>
      <div className="field short">
        <label htmlFor="material-kind">Tür</label>
        <select id="material-kind" value={draft.kind} onChange={(e) => set("kind", e.target.value as Kind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {materialKindLabels[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="material-link">
          Bağlantı <span className="hint">(isteğe bağlı, https://…)</span>
        </label>
        <input
          id="material-link"
          type="url"
          maxLength={500}
          value={draft.link}
          onChange={(e) => set("link", e.target.value)}
        />
      </div>
      <Alert text={error} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Paylaş
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Vazgeç
        </button>
      </div>
    </form>
  );
}
