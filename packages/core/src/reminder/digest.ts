/**
 * One person's digest e-mail of a day, in Turkish, HTML and plain text: every pending item with
 * a link, grouped by milestone, escalations marked. Reminders before a deadline may be
 * unsubscribed from in one click (List-Unsubscribe, RFC 8058); escalations are part of the
 * recipient's duty and carry no such header.
 */
import { formatDateTr } from "../util/date";
import { unsubscribeToken } from "./token";

export type DigestLine = {
  milestoneTitle: string;
  programmeName: string;
  deadline: string;
  kind: "reminder" | "escalation";
  /** Days left (reminder) or late (escalation). */
  days: number;
  items: { title: string; link: string; who?: string }[];
};

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

function trDay(day: string): string {
  return formatDateTr(new Date(`${day}T12:00:00+03:00`));
}

function heading(line: DigestLine): string {
  const when =
    line.kind === "reminder"
      ? `son gün ${trDay(line.deadline)} (${line.days} gün kaldı)`
      : `son gün ${trDay(line.deadline)} idi (${line.days} gün gecikti)`;
  return `${line.programmeName} – ${line.milestoneTitle}: ${when}`;
}

/** Renders a digest. `unsubscribable` when it holds only pre-deadline reminders. */
export function renderDigest(input: {
  personId: string;
  name?: string;
  day: string;
  lines: DigestLine[];
  appUrl: string;
  unsubscribable: boolean;
}): { subject: string; text: string; html: string; headers?: Record<string, string> } {
  const { lines, appUrl } = input;
  const items = lines.reduce((n, l) => n + l.items.length, 0);
  const late = lines.some((l) => l.kind === "escalation");
  const subject = late
    ? `BİGEP: süresi geçmiş ${items} iş (${trDay(input.day)})`
    : `BİGEP: yaklaşan son tarihler – ${items} iş (${trDay(input.day)})`;
  const greeting = input.name ? `Sayın ${input.name},` : "Merhaba,";
  const intro = "Aşağıdaki işlerde sizin payınız henüz tamamlanmadı:";
  const text: string[] = [greeting, "", intro, ""];
  const html: string[] = [`<p>${esc(greeting)}</p>`, `<p>${esc(intro)}</p>`];
  for (const line of lines) {
    text.push(heading(line));
    html.push(`<h3>${esc(heading(line))}</h3><ul>`);
    for (const item of line.items) {
      const url = `${appUrl}${item.link}`;
      const who = item.who ? ` (${item.who})` : "";
      text.push(`  - ${item.title}${who}: ${url}`);
      html.push(`<li><a href="${esc(url)}">${esc(item.title)}</a>${esc(who)}</li>`);
    }
    text.push("");
    html.push("</ul>");
  }
  const prefs = `${appUrl}/bildirimler`;
  text.push(`Bildirim tercihleriniz: ${prefs}`);
  html.push(`<p><a href="${esc(prefs)}">Bildirim tercihleriniz</a></p>`);
  if (!input.unsubscribable) {
    return { subject, text: text.join("\n"), html: html.join("\n") };
  }
  const token = unsubscribeToken(input.personId);
  const page = `${appUrl}/abonelik?t=${encodeURIComponent(token)}`;
  const oneClick = `${appUrl}/api/reminders/unsubscribe?t=${encodeURIComponent(token)}`;
  text.push(`Hatırlatma e-postalarını almak istemiyorsanız: ${page}`);
  html.push(`<p><a href="${esc(page)}">Hatırlatma e-postalarından çık</a></p>`);
  return {
    subject,
    text: text.join("\n"),
    html: html.join("\n"),
    headers: { "List-Unsubscribe": `<${oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
