/** Human words for states. */
const LABELS: Readonly<Record<string, string>> = {
  pre_check: 'pre-check',
  post_check: 'post-check',
};

/** A coloured badge for a job or device state. */
export function StatusBadge({ state }: { readonly state: string }): React.JSX.Element {
  return (
    <span className={`badge s-${state}`} data-state={state}>
      <span className="dot" aria-hidden="true" />
      {LABELS[state] ?? state}
    </span>
  );
}
