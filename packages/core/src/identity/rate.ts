/**
 * Fixed-window rate limits: one counter item per (bucket, window) with TTL, incremented with
 * `ADD` under a condition so concurrent requests can never pass the limit together. Windows of a
 * day or longer start at Istanbul midnight (every calendar day is an Istanbul day).
 */

import { isConditionFailure } from "../db";
import { now } from "../util/clock";
import { VisibleError } from "../util/error";
import { entities } from "./entities";
import { digest } from "./token";

export type Limit = { name: string; max: number; windowSeconds: number };

/** Istanbul is UTC+3 all year (no DST since 2016), so its midnight is 21:00 UTC. */
const istanbulOffsetSeconds = 3 * 3600;

/** The counter of `subject` in the current window of `limit`. */
function slot(limit: Limit, subject: string) {
  const seconds = Math.floor(now().getTime() / 1000);
  const offset = limit.windowSeconds >= 86_400 ? istanbulOffsetSeconds : 0;
  const start = seconds - ((seconds + offset) % limit.windowSeconds);
  const key = { bucket: `${limit.name}:${digest(subject, true).slice(0, 32)}`, window: String(start) };
  return { key, seconds, end: start + limit.windowSeconds };
}

/** Counts one hit on `subject` under `limit`; a 429 with Retry-After when the window is full. */
export async function hit(limit: Limit, subject: string): Promise<void> {
  const { key, seconds, end } = slot(limit, subject);
  try {
    await entities()
      .Counter.update(key)
      .add({ count: 1 })
      .set({ expiresAt: end + 60 })
      .where((c, { notExists, lt }) => `${notExists(c.count)} OR ${lt(c.count, limit.max)}`)
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw new VisibleError(
      "limit",
      "rate_limited",
      "Çok fazla deneme yaptınız; lütfen biraz sonra tekrar deneyin.",
      undefined,
      Math.max(1, end - seconds),
    );
  }
}

/**
 * Gives back a hit of the current window, for limits that count failures: count the attempt
 * first (so concurrent ones cannot pass the limit together), give it back when it succeeded.
 */
export async function release(limit: Limit, subject: string): Promise<void> {
  try {
    await entities()
      .Counter.update(slot(limit, subject).key)
      .subtract({ count: 1 })
      .where((c, { gt }) => gt(c.count, 0))
      .go();
  } catch (error) {
    // The window turned since the hit: nothing of this one to give back.
    if (!isConditionFailure(error)) throw error;
  }
}
