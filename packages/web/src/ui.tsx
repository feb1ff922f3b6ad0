/** Small pieces of markup every page repeats. */
import type { ReactNode } from "react";

/** A failure to show the user (announced by screen readers); nothing when there is none. */
export function Alert({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

/**
 * The box a wide table scrolls in sideways (the page itself never does). It is a labelled,
 * focusable region, so a keyboard user can scroll it with the arrow keys and a screen reader
 * names it.
 */
export function TableBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
