/** One segment of a stacked bar. */
export interface Segment {
  readonly value: number;
  readonly className: string;
  readonly label: string;
}

/** A progress bar split by outcome (succeeded, failed, skipped, in flight). */
export function StackedProgress({
  segments,
  total,
  label,
}: {
  readonly segments: readonly Segment[];
  readonly total: number;
  readonly label: string;
}): React.JSX.Element {
  const done = segments.reduce((a, s) => a + s.value, 0);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
    >
      {segments.map((s) => (
        <span
          key={s.label}
          className={s.className}
          title={`${s.label}: ${s.value}`}
          style={{ width: `${total > 0 ? (100 * s.value) / total : 0}%` }}
        />
      ))}
    </div>
  );
}
