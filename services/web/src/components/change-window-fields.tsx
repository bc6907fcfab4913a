import { useState } from 'react';
import {
  hasWindowProblems,
  instantOf,
  type WindowFields,
  type WindowProblems,
} from '../model/change-window';
import { timeZoneText } from '../model/window-text';

/** Props of {@link ChangeWindowFields}. */
export interface ChangeWindowFieldsProps {
  readonly form: WindowFields;
  readonly set: (patch: Partial<WindowFields>) => void;
  /** The form's own and the server's problems, shown next to the field they name. */
  readonly problems: WindowProblems;
}

/** The window's two times: the form field, its problems, and what the operator reads. */
const TIME_FIELDS = [
  {
    field: 'windowStart',
    problems: 'start',
    id: 'window-start',
    label: 'Start at',
    hint: 'the job waits, queued, until then',
  },
  {
    field: 'windowEnd',
    problems: 'end',
    id: 'window-end',
    label: 'Stop starting devices at',
    hint: 'devices not started by then are skipped',
  },
] as const satisfies readonly {
  field: keyof WindowFields;
  problems: keyof WindowProblems;
  id: string;
  label: string;
  hint: string;
}[];

/** The browser's time zone and its offset at `instant` (a date across a DST change has its own). */
function browserTimeZone(instant: string | undefined): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const at = instant !== undefined ? new Date(instant) : new Date();
  return timeZoneText(zone, -at.getTimezoneOffset());
}

/**
 * The optional change window of a new job, collapsed until wanted: when it starts by itself
 * ("Start at") and from when no device starts ("Stop starting devices at"), both read in the
 * browser's time zone, which it names.
 */
export function ChangeWindowFields({
  form,
  set,
  problems,
}: ChangeWindowFieldsProps): React.JSX.Element {
  const given = form.windowStart !== '' || form.windowEnd !== '';
  const [open, setOpen] = useState(given);
  return (
    <details
      className="card"
      open={open || hasWindowProblems(problems)}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      aria-labelledby="window-title"
    >
      <summary>
        <h2 id="window-title" style={{ display: 'inline', margin: 0 }}>
          Change window
        </h2>{' '}
        <span className="hint muted small">
          {given ? 'set' : 'optional: start later, or stop starting devices by a time'}
        </span>
      </summary>
      <div className="grid-2" style={{ marginTop: 12 }}>
        {TIME_FIELDS.map((f) => (
          <TimeField
            key={f.field}
            id={f.id}
            label={f.label}
            hint={f.hint}
            value={form[f.field]}
            problems={problems[f.problems]}
            onChange={(value) => set({ [f.field]: value })}
          />
        ))}
      </div>
      {problems.window.length > 0 && (
        <div className="alert error" role="alert">
          {problems.window.join('; ')}
        </div>
      )}
      <div className="row small" style={{ marginTop: 8 }}>
        <span className="muted" data-testid="window-zone">
          Times are in your browser&apos;s time zone, {browserTimeZone(instantOf(form.windowStart))}
          .
        </span>
        <span className="spacer" />
        {given && (
          <button
            type="button"
            className="link"
            onClick={() => set({ windowStart: '', windowEnd: '' })}
          >
            Clear the window
          </button>
        )}
      </div>
    </details>
  );
}

/** A local date and time, with the problems of its value next to it. */
function TimeField({
  id,
  label,
  hint,
  value,
  problems,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly problems: readonly string[];
  readonly onChange: (value: string) => void;
}): React.JSX.Element {
  const errorId = `${id}-problem`;
  const invalid = problems.length > 0;
  return (
    <div className="stack" style={{ gap: 6 }}>
      <label className="field">
        <span>
          {label} <span className="hint">{hint}</span>
        </span>
        <input
          id={id}
          type="datetime-local"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? errorId : undefined}
        />
      </label>
      {invalid && (
        <div id={errorId} className="alert error" role="alert">
          {problems.join('; ')}
        </div>
      )}
    </div>
  );
}
