import { type FormEvent, useEffect, useState } from "react";
import {
  apiFieldErrors,
  areaNames,
  areas,
  currentYear,
  fetchActivity,
  gradeName,
  grades,
  type Reach,
  reachNames,
  recentYears,
  schoolsOf,
} from "../activity";
import { CategorySelect, type Teacher, TeachersField } from "../activityFields";
import { api, messageOf, request } from "../api";
import { DateInput } from "../inputs";
import { navigate, useParams } from "../router";
import { useSession } from "../session";
import { Alert } from "../ui";

type Student = { grade: string; girls: string; boys: string; initials: string };
type Form = {
  school: string;
  year: string;
  area: string;
  category: string;
  title: string;
  description: string;
  startDate: string;
  endDate: string;
  reach: string;
  programme: string;
  result: string;
  partners: string;
  links: string;
  teachers: Teacher[];
  students: Student[];
};

const empty = (school: string): Form => ({
  school,
  year: currentYear(),
  area: "",
  category: "",
  title: "",
  description: "",
  startDate: "",
  endDate: "",
  reach: "",
  programme: "",
  result: "",
  partners: "",
  links: "",
  teachers: [],
  students: [],
});

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** The form as the API's input; empty optional fields are left out (or null when editing, to clear). */
function toInput(form: Form, editing: boolean) {
  const optional = (value: string) => (value.trim() ? value.trim() : editing ? null : undefined);
  return {
    school: form.school,
    year: form.year,
    area: form.area,
    category: form.category,
    title: form.title,
    description: optional(form.description),
    startDate: form.startDate,
    endDate: optional(form.endDate),
    reach: form.reach,
    programme: optional(form.programme),
    result: optional(form.result),
    partners: lines(form.partners),
    links: lines(form.links),
    teachers: form.teachers,
    students: form.students.map((s) => ({
      grade: s.grade,
      girls: Number(s.girls || 0),
      boys: Number(s.boys || 0),
      ...(s.initials.trim()
        ? {
            initials: s.initials
              .split(",")
              .map((i) => i.trim())
              .filter(Boolean),
          }
        : {}),
    })),
  };
}

type Checker = typeof import("../activityCheck");
let checker: Checker | undefined;

/**
 * The check (zod and the shared schemas) loads on the first edit or submit, not with the page:
 * the empty form paints without it, and it is there by the time the person sends.
 */
const loadChecker = async (): Promise<Checker> => {
  checker ??= await import("../activityCheck");
  return checker;
};

/** The form's field errors by the API's own rules (empty when it may be sent). */
const check = (checks: Checker, form: Form, editing: boolean): Record<string, string> =>
  checks.checkInput(toInput(form, editing));

/** Create or edit an activity; validates with the same Turkish rules as the API before sending. */
export function ActivityForm() {
  const session = useSession();
  const { id } = useParams<"id">();
  const editing = !!id;
  const mySchools = schoolsOf(session);
  const [form, setForm] = useState<Form>(() => empty(mySchools[0] ?? ""));
  const [version, setVersion] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!id) return;
    fetchActivity(id).then(
      ({ activity: a, etag }) => {
        setVersion(etag);
        setForm({
          school: a.school,
          year: a.year,
          area: a.area,
          category: a.category,
          title: a.title,
          description: a.description ?? "",
          startDate: a.startDate,
          endDate: a.endDate ?? "",
          reach: a.reach,
          programme: a.programme ?? "",
          result: a.result ?? "",
          partners: a.partners.join("\n"),
          links: a.links.join("\n"),
          teachers: a.teachers,
          students: a.students.map((s) => ({
            grade: s.grade,
            girls: String(s.girls),
            boys: String(s.boys),
            initials: (s.initials ?? []).join(", "),
          })),
        });
      },
      (failure) => setError(messageOf(failure)),
    );
  }, [id]);

  /**
   * An edit clears the marks of the fields it made valid at once (not only on the next submit);
   * it never adds new marks while the person is still typing.
   */
  const change = (patch: Partial<Form>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (!checker) void loadChecker();
    const touched = Object.keys(patch).filter((k) => errors[k] || (k === "startDate" && errors.endDate));
    // Marks come from a submit, which loaded the check first.
    if (touched.length === 0 || !checker) return;
    const local = check(checker, next, editing);
    const remaining = Object.fromEntries(
      Object.entries(errors)
        .filter(([k]) => !(touched.includes(k) || (k === "endDate" && touched.includes("startDate"))) || local[k])
        .map(([k, v]) => [k, local[k] ?? v]),
    );
    setErrors(remaining);
    if (Object.keys(remaining).length === 0) setError(null);
  };

  const setStudent = (i: number, patch: Partial<Student>) =>
    change({ students: form.students.map((s, j) => (i === j ? { ...s, ...patch } : s)) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const input = toInput(form, editing);
    let checks: Checker;
    try {
      checks = await loadChecker();
    } catch (failure) {
      setError(messageOf(failure));
      return;
    }
    const local = check(checks, form, editing);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setError("Lütfen işaretli alanları düzeltin.");
      return;
    }
    setBusy(true);
    try {
      if (id) {
        const { school: _s, year: _y, ...changes } = input;
        const saved = await request(
          api.api.activities[":id"].$patch({
            param: { id },
            header: { "if-match": version ?? "" },
            json: changes as never,
          }),
        );
        navigate(`/etkinlikler/${saved.id}`);
      } else {
        const saved = await request(
          api.api.activities.$post({
            header: { "idempotency-key": idempotencyKey },
            json: input as never,
          }),
        );
        navigate(`/etkinlikler/${saved.id}`);
      }
    } catch (failure) {
      setErrors(apiFieldErrors(failure));
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const invalid = (name: keyof Form) =>
    errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {};
  const message = (name: keyof Form) =>
    errors[name] ? (
      <span id={`${name}-error`} className="error field-error">
        {errors[name]}
      </span>
    ) : null;

  return (
    <>
      <h1>{editing ? "Etkinliği düzenle" : "Yeni etkinlik"}</h1>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="row">
          <div className="field short">
            <label htmlFor="school">Okul (kurum kodu)</label>
            <input
              id="school"
              list="my-schools"
              inputMode="numeric"
              value={form.school}
              disabled={editing}
              onChange={(e) => change({ school: e.target.value.trim() })}
              {...invalid("school")}
            />
            <datalist id="my-schools">
              {mySchools.map((code) => (
                <option key={code} value={code} />
              ))}
            </datalist>
            {message("school")}
          </div>
          <div className="field short">
            <label htmlFor="year">Eğitim öğretim yılı</label>
            <select id="year" value={form.year} disabled={editing} onChange={(e) => change({ year: e.target.value })}>
              {recentYears().map((y) => (
                <option key={y}>{y}</option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor="area">Ödül alanı</label>
          <select
            id="area"
            value={form.area}
            onChange={(e) => change({ area: e.target.value, category: "" })}
            {...invalid("area")}
          >
            <option value="">Seçin</option>
            {areas.map((a) => (
              <option key={a} value={a}>
                {areaNames[a]}
              </option>
            ))}
          </select>
          {message("area")}
        </div>
        <div className="field">
          <label htmlFor="category">Kategori</label>
          <CategorySelect
            school={form.school}
            year={form.year}
            area={form.area}
            value={form.category}
            onChange={(category) => change({ category })}
            invalid={invalid("category")}
          />
          {message("category")}
        </div>
        <div className="field">
          <label htmlFor="title">Başlık</label>
          <input
            id="title"
            value={form.title}
            onChange={(e) => change({ title: e.target.value })}
            {...invalid("title")}
          />
          {message("title")}
        </div>
        <div className="field">
          <label htmlFor="description">Açıklama</label>
          <textarea
            id="description"
            rows={4}
            value={form.description}
            onChange={(e) => change({ description: e.target.value })}
            {...invalid("description")}
          />
          {message("description")}
        </div>
        <div className="row">
          <div className="field short">
            <label htmlFor="startDate">Başlangıç tarihi</label>
            <DateInput
              id="startDate"
              value={form.startDate}
              onChange={(value) => change({ startDate: value })}
              {...invalid("startDate")}
            />
            {message("startDate")}
          </div>
          <div className="field short">
            <label htmlFor="endDate">
              Bitiş tarihi <span className="hint">(isteğe bağlı)</span>
            </label>
            <DateInput
              id="endDate"
              value={form.endDate}
              onChange={(value) => change({ endDate: value })}
              {...invalid("endDate")}
            />
            {message("endDate")}
          </div>
        </div>
        <div className="field short">
          <label htmlFor="reach">Etki alanı</label>
          <select
            id="reach"
            value={form.reach}
            onChange={(e) => change({ reach: e.target.value })}
            {...invalid("reach")}
          >
            <option value="">Seçin</option>
            {Object.entries(reachNames).map(([value, label]) => (
              <option key={value} value={value as Reach}>
                {label}
              </option>
            ))}
          </select>
          {message("reach")}
        </div>
        <div className="field">
          <label htmlFor="programme">
            Program <span className="hint">(ör. TÜBİTAK 2204, eTwinning)</span>
          </label>
          <input
            id="programme"
            value={form.programme}
            onChange={(e) => change({ programme: e.target.value })}
            {...invalid("programme")}
          />
          {message("programme")}
        </div>
        <div className="field">
          <label htmlFor="result">
            Sonuç / derece <span className="hint">(ör. il birincisi)</span>
          </label>
          <input
            id="result"
            value={form.result}
            onChange={(e) => change({ result: e.target.value })}
            {...invalid("result")}
          />
          {message("result")}
        </div>

        <TeachersField
          school={form.school}
          teachers={form.teachers}
          onChange={(teachers) => change({ teachers })}
          message={message("teachers")}
        />

        <fieldset>
          <legend>
            Katılan öğrenciler <span className="hint">(ad yazmayın; sayı ve isterseniz baş harfler)</span>
          </legend>
          {form.students.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position
            <div className="student-row" key={i}>
              <select aria-label="Sınıf" value={s.grade} onChange={(e) => setStudent(i, { grade: e.target.value })}>
                {grades.map((g) => (
                  <option key={g} value={g}>
                    {gradeName(g)}
                  </option>
                ))}
              </select>
              <input
                aria-label="Kız"
                type="number"
                min={0}
                value={s.girls}
                placeholder="Kız"
                onChange={(e) => setStudent(i, { girls: e.target.value })}
              />
              <input
                aria-label="Erkek"
                type="number"
                min={0}
                value={s.boys}
                placeholder="Erkek"
                onChange={(e) => setStudent(i, { boys: e.target.value })}
              />
              <input
                aria-label="Baş harfler"
                value={s.initials}
                placeholder="A.Y., M.K."
                onChange={(e) => setStudent(i, { initials: e.target.value })}
              />
              <button
                type="button"
                className="secondary small"
                onClick={() => change({ students: form.students.filter((_, j) => j !== i) })}
              >
                Kaldır
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary small"
            onClick={() => change({ students: [...form.students, { grade: "9", girls: "", boys: "", initials: "" }] })}
          >
            Sınıf ekle
          </button>
          {message("students")}
        </fieldset>

        <div className="field">
          <label htmlFor="partners">
            Paydaş kurumlar <span className="hint">(her satıra bir kurum)</span>
          </label>
          <textarea
            id="partners"
            rows={2}
            value={form.partners}
            onChange={(e) => change({ partners: e.target.value })}
          />
          {message("partners")}
        </div>
        <div className="field">
          <label htmlFor="links">
            Bağlantılar <span className="hint">(her satıra bir adres)</span>
          </label>
          <textarea id="links" rows={2} value={form.links} onChange={(e) => change({ links: e.target.value })} />
          {message("links")}
        </div>

        <Alert text={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Kaydediliyor…" : "Kaydet"}
          </button>
        </div>
      </form>
    </>
  );
}
