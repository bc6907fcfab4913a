import {
  concurrencyOf,
  MAX_LIMITS,
  newLimitRow,
  type GroupLimitFields,
  type LimitKind,
  type LimitRow,
} from '../model/group-limits';

/** Props of {@link GroupLimitsFields}. */
export interface GroupLimitsFieldsProps {
  readonly form: GroupLimitFields;
  readonly set: (patch: Partial<GroupLimitFields>) => void;
  /** The rows the form cannot send (a cap that is not a whole number ≥ 1). */
  readonly problems: readonly string[];
}

/** What each kind of rule is called in its select, and what its name input is. */
const KINDS = {
  tag: { option: 'tag', input: 'Tag', placeholder: 'core' },
  per: { option: 'per variable', input: 'Variable', placeholder: 'site' },
} as const satisfies Record<LimitKind, { option: string; input: string; placeholder: string }>;

/** `rows` with row `index` changed by `patch`. */
function withRow(rows: readonly LimitRow[], index: number, patch: Partial<LimitRow>): LimitRow[] {
  return rows.map((row, i) => (i === index ? { ...row, ...patch } : row));
}

/**
 * The job's group limits (`strategy.limits`), one row per rule: devices with a tag, or devices
 * sharing a variable's value, at most N of them at once ("never two cores at once", "one device
 * per site"). No row = no limit.
 */
export function GroupLimitsFields({
  form,
  set,
  problems,
}: GroupLimitsFieldsProps): React.JSX.Element {
  const rows = form.limits;
  return (
    <div className="stack" style={{ gap: 8 }} role="group" aria-labelledby="limits-title">
      <div className="row" style={{ gap: 6 }}>
        <span id="limits-title" style={{ fontWeight: 500 }}>
          Group limits
        </span>
        <span className="hint muted small">
          at most N devices of a tag, or with the same value of a variable, at once
        </span>
      </div>
      {rows.map((row, i) => (
        <LimitRowFields
          key={i}
          index={i}
          row={row}
          onChange={(patch) => set({ limits: withRow(rows, i, patch) })}
          onRemove={() => set({ limits: rows.filter((_, j) => j !== i) })}
        />
      ))}
      {problems.length > 0 && (
        <div className="alert error" role="alert">
          {problems.join('; ')}
        </div>
      )}
      <div className="row">
        <button
          type="button"
          className="link"
          disabled={rows.length >= MAX_LIMITS}
          onClick={() => set({ limits: [...rows, newLimitRow()] })}
        >
          + Add a group limit
        </button>
      </div>
    </div>
  );
}

/** One rule: tag or variable, its name, at most how many at once; and its removal. */
function LimitRowFields({
  index,
  row,
  onChange,
  onRemove,
}: {
  readonly index: number;
  readonly row: LimitRow;
  readonly onChange: (patch: Partial<LimitRow>) => void;
  readonly onRemove: () => void;
}): React.JSX.Element {
  const kind = KINDS[row.kind];
  const badCap = row.name.trim() !== '' && concurrencyOf(row.concurrency) === undefined;
  return (
    <div className="row" style={{ gap: 8 }} role="group" aria-label={`Group limit ${index + 1}`}>
      <select
        aria-label="Group by"
        value={row.kind}
        onChange={(e) => onChange({ kind: e.target.value as LimitKind })}
      >
        {Object.entries(KINDS).map(([value, k]) => (
          <option key={value} value={value}>
            {k.option}
          </option>
        ))}
      </select>
      <input
        type="text"
        aria-label={kind.input}
        value={row.name}
        placeholder={kind.placeholder}
        onChange={(e) => onChange({ name: e.target.value })}
        style={{ flex: 1 }}
      />
      <span className="small muted">at most</span>
      <input
        type="number"
        aria-label="At most at once"
        value={row.concurrency}
        min={1}
        max={10000}
        step={1}
        onChange={(e) => onChange({ concurrency: e.target.value })}
        aria-invalid={badCap ? true : undefined}
        style={{ width: 80 }}
      />
      <span className="small muted">at a time</span>
      <button
        type="button"
        className="link"
        aria-label={`Remove group limit ${index + 1}`}
        onClick={onRemove}
      >
        Remove
      </button>
    </div>
  );
}
