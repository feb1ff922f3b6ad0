/** Small pieces of markup every page repeats. */

/** A failure to show the user (announced by screen readers); nothing when there is none. */
export function Alert({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
