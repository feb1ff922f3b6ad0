/** Small pieces of markup every page repeats. */
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useRef, useState } from "react";

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

type Question = { text: string; yes: string; resolve(answer: boolean): void };

/**
 * A yes/no question in a modal dialog with Turkish buttons (the browser's `confirm` speaks the
 * browser's language): `const [dialog, ask] = useConfirm();` render `dialog`, then
 * `if (!(await ask("…silinsin mi?", "Sil"))) return;`. The native modal `<dialog>` makes the page
 * behind it inert; Tab and Shift+Tab also cycle inside it, Escape answers no, and focus returns
 * to where it was.
 */
export function useConfirm(): [ReactNode, (text: string, yes: string) => Promise<boolean>] {
  const [question, setQuestion] = useState<Question | null>(null);
  const ask = useCallback(
    (text: string, yes: string) => new Promise<boolean>((resolve) => setQuestion({ text, yes, resolve })),
    [],
  );
  const dialog = question ? (
    <ConfirmDialog
      question={question}
      onAnswer={(answer) => {
        setQuestion(null);
        question.resolve(answer);
      }}
    />
  ) : null;
  return [dialog, ask];
}

function ConfirmDialog({ question, onAnswer }: { question: Question; onAnswer(answer: boolean): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      before?.focus();
    };
  }, []);
  const trap = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab" || !ref.current) return;
    const buttons = [...ref.current.querySelectorAll<HTMLElement>("button")];
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-text"
      onKeyDown={trap}
      onCancel={(event) => {
        event.preventDefault();
        onAnswer(false);
      }}
    >
      <p id="confirm-text">{question.text}</p>
      <div className="confirm-actions">
        {/* The safe answer has the focus first. */}
        {/* biome-ignore lint/a11y/noAutofocus: a modal dialog moves focus into itself */}
        <button type="button" className="secondary" autoFocus onClick={() => onAnswer(false)}>
          Vazgeç
        </button>
        <button type="button" onClick={() => onAnswer(true)}>
          {question.yes}
        </button>
      </div>
    </dialog>
  );
}
