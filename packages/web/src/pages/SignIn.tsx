import type { Role } from "@bigep/core/shared";
import { type FormEvent, useRef, useState } from "react";
import { api, messageOf, request } from "../api";
import { roleNames } from "../identity";
import { OutboxList, useLocalMode } from "../outbox";
import { Link, navigate, useLocation } from "../router";
import { useSession } from "../session";
import { Alert } from "../ui";

/** Where to go after sign-in: only a path on this site, never another origin. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/giris") ? next : "/";
}

/**
 * Some of the demo people the local runtime seeds (source: `demoUsers` in
 * packages/core/src/identity/demo.ts, which the bundle cannot import: it writes to the database).
 */
const demoAccounts: { email: string; role: Role }[] = [
  { email: "admin@bigep.local", role: "admin" },
  { email: "il@bigep.local", role: "province_officer" },
  { email: "ilce.altieylul@bigep.local", role: "district_board" },
  { email: "mudur.710204@bigep.local", role: "principal" },
  { email: "komisyon.710204@bigep.local", role: "school_commission" },
  { email: "ogretmen.710204@bigep.local", role: "teacher" },
  { email: "ogretmen.710104@bigep.local", role: "teacher" },
];

/** Sign-in with a one-time code sent by e-mail. */
export function SignIn() {
  const session = useSession();
  const { search } = useLocation();
  const local = useLocalMode();
  const next = safeNext(search.get("next"));
  const [step, setStep] = useState<"email" | "code">("email");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const emailInput = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const sendCode = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await request(api.api.auth.code.$post({ json: { email: email.trim() } }));
      setStep("code");
      setCode("");
      setSent((n) => n + 1);
    });
  };

  const verify = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await request(api.api.auth.verify.$post({ json: { email: email.trim(), code } }));
      await session.signedIn();
      navigate(next, { replace: true });
    });
  };

  if (session.status === "signed-in" && session.me) {
    return (
      <>
        <h1>Oturum açık</h1>
        <p>
          {session.me.user.name} olarak oturum açtınız. <Link to={next}>Devam edin.</Link>
        </p>
      </>
    );
  }

  return (
    <div className="narrow">
      <h1>Oturum aç</h1>
      {step === "email" ? (
        <form onSubmit={sendCode} className="form">
          <p className="muted">E-posta adresinize 6 haneli bir giriş kodu göndereceğiz.</p>
          <div className="field">
            <label htmlFor="email">E-posta adresi</label>
            <input
              id="email"
              ref={emailInput}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <button type="submit" disabled={busy}>
            {busy ? "Gönderiliyor…" : "Kod gönder"}
          </button>
        </form>
      ) : (
        <form onSubmit={verify} className="form">
          <p className="muted">
            <strong>{email}</strong> adresine bir kod gönderdik. Kod birkaç dakika geçerlidir.
          </p>
          <div className="field">
            <label htmlFor="code">Giriş kodu</label>
            <input
              id="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(event) => setCode(event.target.value.replace(/\D/g, ""))}
            />
          </div>
          <button type="submit" disabled={busy || code.length !== 6}>
            {busy ? "Doğrulanıyor…" : "Oturum aç"}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => {
              setStep("email");
              setError(null);
            }}
          >
            Başka bir adres kullan
          </button>
        </form>
      )}
      <Alert text={error} />
      {local && step === "email" && (
        <section className="panel" aria-labelledby="demo-title">
          <h2 id="demo-title">Deneme hesapları</h2>
          <p className="muted">
            Yerel çalışmada bu adreslerden biriyle oturum açabilirsiniz; seçince adres alana yazılır.
          </p>
          <ul className="demo-accounts">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setEmail(account.email);
                    emailInput.current?.focus();
                  }}
                >
                  {account.email}
                </button>{" "}
                <span className="muted">— {roleNames[account.role]}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {local && step === "code" && (
        <section className="panel" aria-labelledby="outbox-title">
          <h2 id="outbox-title">Yerel posta kutusu</h2>
          <p className="muted">Yerel çalışmada e-posta gönderilmez; kodunuzu burada okuyabilirsiniz.</p>
          <OutboxList to={email.trim()} refreshKey={sent} />
        </section>
      )}
    </div>
  );
}
