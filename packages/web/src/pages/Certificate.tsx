/**
 * `/sertifika/:code`: the public page a certificate's QR code opens (no sign-in). It shows what
 * the server confirms: a valid certificate's printed fields, a revoked one, or that no
 * certificate has this code (forged or mistyped). Nothing is decided here; the API answers.
 */
import { useEffect, useState } from "react";
import { ApiError, api, messageOf, request } from "../api";
import { useParams } from "../router";
import { Alert } from "../ui";
import "../certificate.css";

type Printed = {
  schoolName: string;
  title: string;
  areaName: string;
  tierName: string;
  schoolYear: string;
  board: string;
  issuedOn: string;
};
type Verification =
  | { status: "valid"; code: string; certificate: Printed }
  | { status: "revoked"; code: string; revokedOn: string };
type State =
  | { kind: "loading" }
  | { kind: "done"; result: Verification }
  | { kind: "missing"; message: string }
  | { kind: "error"; message: string };

/** `YYYY-MM-DD` → `dd.MM.yyyy`. */
const day = (iso: string) => iso.split("-").reverse().join(".");

export function Certificate() {
  const { code } = useParams<"code">();
  const [state, setState] = useState<State>({ kind: "loading" });
  useEffect(() => {
    let live = true;
    setState({ kind: "loading" });
    request(api.api.public.certificates[":code"].$get({ param: { code } })).then(
      (result) => live && setState({ kind: "done", result: result as Verification }),
      (e: unknown) => {
        if (!live) return;
        // A malformed code (400) is as unknown as a forged one (404): say so plainly.
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
          setState({
            kind: "missing",
            message:
              e.status === 404
                ? e.message
                : "Bu doğrulama kodu geçerli biçimde değil. Sertifikadaki 10 karakterlik kodu kontrol edin.",
          });
        } else setState({ kind: "error", message: messageOf(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [code]);

  return (
    <>
      <h1>Sertifika doğrulama</h1>
      <p>
        Doğrulama kodu: <strong>{code}</strong>
      </p>
      {state.kind === "loading" && <p aria-busy="true">Denetleniyor…</p>}
      {state.kind === "error" && <Alert text={state.message} />}
      {state.kind === "missing" && (
        <section className="certificate-check missing" aria-labelledby="certificate-result">
          <h2 id="certificate-result">Sertifika bulunamadı</h2>
          <p role="status">{state.message}</p>
        </section>
      )}
      {state.kind === "done" && state.result.status === "revoked" && (
        <section className="certificate-check revoked" aria-labelledby="certificate-result">
          <h2 id="certificate-result">İptal edilmiş sertifika</h2>
          <p role="status">
            Bu kodla verilen sertifika {day(state.result.revokedOn)} tarihinde iptal edildi; geçerli değildir.
          </p>
        </section>
      )}
      {state.kind === "done" && state.result.status === "valid" && (
        <section className="certificate-check valid" aria-labelledby="certificate-result">
          <h2 id="certificate-result">Geçerli sertifika</h2>
          <p role="status">Bu sertifika BİGEP Platformu kayıtlarıyla doğrulandı. Üzerinde yazanlar:</p>
          <dl className="certificate-fields">
            <dt>Okul</dt>
            <dd>{state.result.certificate.schoolName}</dd>
            <dt>Çalışma</dt>
            <dd>{state.result.certificate.title}</dd>
            <dt>Ödül alanı</dt>
            <dd>{state.result.certificate.areaName}</dd>
            <dt>Derece</dt>
            <dd>{state.result.certificate.tierName}</dd>
            <dt>Eğitim öğretim yılı</dt>
            <dd>{state.result.certificate.schoolYear}</dd>
            <dt>Veren kurul</dt>
            <dd>{state.result.certificate.board}</dd>
            <dt>Tarih</dt>
            <dd>{day(state.result.certificate.issuedOn)}</dd>
          </dl>
        </section>
      )}
    </>
  );
}
