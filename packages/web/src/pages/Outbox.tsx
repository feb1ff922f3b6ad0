import { OutboxList } from "../outbox";

/** The local e-mail outbox: every message the system "sent" while running locally. */
export function Outbox() {
  return (
    <>
      <h1>Yerel posta kutusu</h1>
      <p className="muted">Yerel çalışmada gönderilen tüm e-postalar burada görünür; gerçek e-posta gönderilmez.</p>
      <OutboxList />
    </>
  );
}
