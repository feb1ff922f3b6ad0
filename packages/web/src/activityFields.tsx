/**
 * Parts of the activity form (pages/ActivityForm.tsx) that load data of their own: the category
 * select and the participating teachers. Separate components, so what they fetch renders only
 * them, not the whole form (each render of the form is main-thread time on a phone, issue 9).
 */
import { type ReactNode, useEffect, useState } from "react";
import { useCategories } from "./activity";
import { api, request } from "./api";

/** A participating teacher: a platform user picked from the school's staff, or just a name. */
export type Teacher = { userId?: string; name: string };

/**
 * The category list of the school's province for the chosen area. Its own component, so the
 * school's directory entry and the lists arriving render this select, not the whole form.
 */
export function CategorySelect({
  school,
  year,
  area,
  value,
  onChange,
  invalid,
}: {
  school: string;
  year: string;
  area: string;
  value: string;
  onChange(category: string): void;
  invalid: Record<string, unknown>;
}) {
  const categories = useCategories(school, year);
  return (
    <select id="category" value={value} onChange={(e) => onChange(e.target.value)} {...invalid}>
      <option value="">{area ? "Seçin" : "Önce alan seçin"}</option>
      {(categories[area] ?? []).map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

/**
 * The participating teachers: picked from the school's staff or typed by name. Its own component,
 * so the staff list arriving and each keystroke of a name render this fieldset, not the whole form.
 */
export function TeachersField({
  school,
  teachers,
  onChange,
  message,
}: {
  school: string;
  teachers: Teacher[];
  onChange(teachers: Teacher[]): void;
  message: ReactNode;
}) {
  // The school's teachers to pick from; only staff managers may read the list, others type names.
  const [staff, setStaff] = useState<Teacher[]>([]);
  useEffect(() => {
    if (!/^\d{6,8}$/.test(school)) return;
    let live = true;
    request(api.api.users.$get({ query: { school, role: "teacher", limit: "100" } })).then(
      (page) => live && setStaff(page.items.map((u) => ({ userId: u.id, name: u.name }))),
      () => live && setStaff([]),
    );
    return () => {
      live = false;
    };
  }, [school]);
  const [teacherName, setTeacherName] = useState("");
  const addTeacher = () => {
    const name = teacherName.trim();
    if (name.length < 2) return;
    const known = staff.find((t) => t.name.localeCompare(name, "tr", { sensitivity: "base" }) === 0);
    const teacher = known ?? { name };
    if (teachers.some((t) => (teacher.userId ? t.userId === teacher.userId : t.name === teacher.name))) return;
    onChange([...teachers, teacher]);
    setTeacherName("");
  };

  return (
    <fieldset>
      <legend>Katılan öğretmenler</legend>
      <ul className="teachers">
        {teachers.map((t) => (
          <li key={t.userId ?? t.name}>
            {t.name}
            {!t.userId && <span className="muted"> (hesabı seçilmedi)</span>}{" "}
            <button
              type="button"
              className="secondary small"
              aria-label={`${t.name} adlı öğretmeni kaldır`}
              onClick={() => onChange(teachers.filter((x) => x !== t))}
            >
              Kaldır
            </button>
          </li>
        ))}
      </ul>
      <div className="inline">
        <input
          id="teacher-name"
          aria-label="Öğretmen adı"
          list="school-teachers"
          value={teacherName}
          placeholder={staff.length ? "Okulun öğretmenlerinden seçin ya da ad yazın" : "Öğretmenin adı soyadı"}
          onChange={(e) => setTeacherName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              addTeacher();
            }
          }}
        />
        <datalist id="school-teachers">
          {staff.map((t) => (
            <option key={t.userId} value={t.name} />
          ))}
        </datalist>
        <button type="button" className="secondary small" onClick={addTeacher}>
          Öğretmen ekle
        </button>
      </div>
      {message}
    </fieldset>
  );
}
