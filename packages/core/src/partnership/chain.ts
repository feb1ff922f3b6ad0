/**
 * The way up shared by plans and reports: both coordinators agree → the I. grup school's
 * coordinator submits → the province directorate of each school receives → a province officer
 * forwards to OGM; a province officer or OGM returns with a reason. Pure: decides the next state
 * (and which policy action the step needs); the callers write it in one transaction.
 */
import * as z from "zod";
import { type Action, assert } from "../access";
import type { Actor } from "../actor";
import { VisibleError } from "../util/error";
import type { ChainStatus } from "./fields";
import { coordinatedSchool, resourceOf, type Stored } from "./store";

export const ChainAction = z.enum(["agree", "submit", "receive", "forward", "return"]);
export type ChainAction = z.infer<typeof ChainAction>;

export type Agreement = { userId: string; name: string; at: string };
export type ChainState = {
  status: ChainStatus;
  agreements: Record<string, Agreement>;
  receipts: Record<string, string>;
  returnReason?: string;
};

const from: Record<ChainAction, readonly ChainStatus[]> = {
  agree: ["draft"],
  submit: ["agreed"],
  receive: ["submitted"],
  forward: ["received"],
  return: ["submitted", "received", "forwarded"],
};

const wrongState = () =>
  new VisibleError("conflict", "invalid_transition", "Bu işlem kaydın şu anki durumunda yapılamaz.");

/**
 * Checks the step (policy and status) and returns the next state. `agreeAction` is the policy
 * action of agreeing (`partnership.plan.agree` for plans, `partnership.report.edit` for reports).
 */
export function step(
  p: Stored,
  state: ChainState,
  action: ChainAction,
  user: Extract<Actor, { type: "user" }>,
  at: string,
  agreeAction: Action,
  reason?: string,
): ChainState {
  const provinces = [...new Set(p.schools.map((s) => s.province))];
  switch (action) {
    case "agree":
      assert(agreeAction, resourceOf(p));
      break;
    case "submit":
      assert("partnership.plan.submit", resourceOf(p, "lead"));
      break;
    case "receive":
    case "forward":
      assert("partnership.chain.receive", resourceOf(p));
      break;
    case "return":
      assert("partnership.chain.return", resourceOf(p));
      break;
  }
  if (!from[action].includes(state.status)) throw wrongState();
  switch (action) {
    case "agree": {
      const school = coordinatedSchool(p, user.userId) as string;
      const agreements = { ...state.agreements, [school]: { userId: user.userId, name: user.name, at } };
      const all = p.schools.every((s) => agreements[s.code]);
      return { ...state, agreements, status: all ? "agreed" : "draft" };
    }
    case "submit":
      return { ...state, status: "submitted", receipts: {} };
    case "receive": {
      const mine = provinces.filter((code) =>
        user.grants.some((g) => g.role === "province_officer" && g.scope.type === "province" && g.scope.id === code),
      );
      const receipts = { ...state.receipts };
      for (const code of mine) receipts[code] ??= at;
      const all = provinces.every((code) => receipts[code]);
      return { ...state, receipts, status: all ? "received" : "submitted" };
    }
    case "forward":
      return { ...state, status: "forwarded" };
    case "return": {
      if (!reason?.trim()) {
        throw new VisibleError("input", "reason_required", "İade için bir gerekçe yazılmalı.", [
          { path: ["reason"], message: "İade için bir gerekçe yazılmalı." },
        ]);
      }
      return { ...state, status: "returned", returnReason: reason.trim(), agreements: {} };
    }
  }
}
