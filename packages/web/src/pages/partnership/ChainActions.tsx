/**
 * The workflow steps of a plan or a report that the server lets this person take now (from the
 * partnership's `may` and the record's status): agree, submit (I. grup), receive and forward
 * (province), return with a reason, and for plans an amendment (a new version). Every step asks
 * first; the server checks it again.
 */
import type { ChainStatus } from "@bigep/core/shared";
import { useState } from "react";
import { api, messageOf, request } from "../../api";
import type { PartnershipView } from "../../partnership";

type State = { status: ChainStatus; rev: number; agreements: Record<string, unknown> };
type Action = "agree" | "submit" | "receive" | "forward" | "return" | "amend";

const upTheChain: ChainStatus[] = ["submitted", "received", "forwarded"];

export function ChainActions({
  kind,
  partnership: p,
  year,
  state,
  mine,
  ask,
  onDone,
  onError,
}: {
  kind: "plan" | "report";
  partnership: PartnershipView;
  year: string;
  state: State;
  /** The member school whose coordinator is the signed-in person, if any. */
  mine: string | undefined;
  ask(text: string, yes: string): Promise<boolean>;
  onDone(notice: string): Promise<void>;
  onError(message: string | null): void;
}) {
  const [reason, setReason] = useState("");
  const may = p.may;
  const what = kind === "plan" ? "Plan" : "Rapor";
  const steps: { action: Action; label: string; question: string; done: string }[] = [];
  if (may?.editPlan && state.status === "draft" && mine && !state.agreements[mine]) {
    steps.push({
      action: "agree",
      label: kind === "plan" ? "Planı onayla" : "Raporu onayla",
      question: `${what} okulunuz adına onaylansın mı? İki koordinatör de onaylayınca gönderilebilir.`,
      done: `${what} onaylandı.`,
    });
  }
  if (may?.submit && state.status === "agreed") {
    steps.push({
      action: "submit",
      label: "İl müdürlüklerine gönder",
      question: `${what} iki okulun il millî eğitim müdürlüklerine gönderilsin mi? Gönderildikten sonra değiştirilemez.`,
      done: `${what} gönderildi.`,
    });
  }
  if (may?.receive && state.status === "submitted") {
    steps.push({
      action: "receive",
      label: "Teslim al",
      question: `${what} teslim alınsın mı?`,
      done: "Teslim alındı.",
    });
  }
  if (may?.receive && state.status === "received") {
    steps.push({
      action: "forward",
      label: "OGM'ye ilet",
      question: `${what} Ortaöğretim Genel Müdürlüğüne iletilsin mi?`,
      done: "Ortaöğretim Genel Müdürlüğüne iletildi.",
    });
  }
  if (kind === "plan" && may?.editPlan && (upTheChain.includes(state.status) || state.status === "returned")) {
    steps.push({
      action: "amend",
      label: "Değişiklik yap (yeni sürüm)",
      question: "Planın yeni bir sürümü taslak olarak açılsın mı? Gönderilmiş sürüm olduğu gibi saklanır.",
      done: "Yeni sürüm taslak olarak açıldı.",
    });
  }
  const mayReturn = !!may?.ret && upTheChain.includes(state.status);

  const take = async (action: Action, question: string, yes: string, done: string) => {
    onError(null);
    if (!(await ask(question, yes))) return;
    const body = { action, ...(action === "return" ? { reason } : {}) };
    const header = { "if-match": `"${state.rev}"` };
    try {
      if (kind === "plan") {
        await request(
          api.api.partnerships[":id"].plans[":year"].transitions.$post({
            param: { id: p.id, year },
            header,
            json: body,
          }),
        );
      } else {
        if (action === "amend") return;
        await request(
          api.api.partnerships[":id"].reports[":year"].transitions.$post({
            param: { id: p.id, year },
            header,
            json: { ...body, action },
          }),
        );
      }
      setReason("");
      await onDone(done);
    } catch (failure) {
      onError(messageOf(failure));
    }
  };

  if (!steps.length && !mayReturn) return null;
  return (
    <div className="chain-actions">
      <div className="actions">
        {steps.map((s) => (
          <button key={s.action} type="button" onClick={() => void take(s.action, s.question, s.label, s.done)}>
            {s.label}
          </button>
        ))}
      </div>
      {mayReturn && (
        <div className="field">
          <label htmlFor={`${kind}-return-reason`}>İade gerekçesi</label>
          <textarea
            id={`${kind}-return-reason`}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => void take("return", `${what} gerekçesiyle iade edilsin mi?`, "İade et", "İade edildi.")}
          >
            İade et
          </button>
        </div>
      )}
    </div>
  );
}
