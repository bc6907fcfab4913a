import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JobPreview } from '@fleetpush/contracts';
import { ErrorBox, problemsOf } from '../components/error-box';
import type { DeviceView, Problem } from '../data/api-types';
import { useNow } from '../data/use-now';
import { approvalPolicyOf, policyHolds, submitForApprovalText } from '../model/approval';
import { isWindowProblem, windowOf } from '../model/change-window';
import { limitsOf } from '../model/group-limits';
import { toSubmission, type JobForm } from '../model/job-form';
import { windowSentences } from '../model/window-text';
import {
  devicePreviewsOf,
  groupRenderings,
  limitLinesOf,
  type DevicePreview,
} from '../model/review-preview';
import { submitLabel } from '../model/submit-label';
import { navigate } from '../route';
import { useSession } from '../session';

/** Device keys listed under a rendering before "and N more". */
const KEYS_SHOWN = 24;

/** Props of {@link ReviewStep}. */
export interface ReviewStepProps {
  readonly form: JobForm;
  /** Devices in run order: the canary first. */
  readonly order: readonly DeviceView[];
  readonly onBack: () => void;
  /** The server refused the change window: back to the form, the problems next to its fields. */
  readonly onWindowRefused: (problems: readonly Problem[]) => void;
}

/** Problems of a preview the review does not already show per device or ask for itself. */
function otherProblems(preview: JobPreview, perDevice: boolean): JobPreview['problems'] {
  return preview.problems.filter(
    (p) =>
      p.path !== 'confirm_prod' &&
      !(perDevice && (p.path === 'commands' || p.path === 'global_vars')),
  );
}

/**
 * The review: the server's preview (`POST /jobs/preview`, authoritative) of every device's
 * rendered commands, unresolved variables and production devices, and a typed confirmation
 * for production before anything runs.
 */
export function ReviewStep({
  form,
  order,
  onBack,
  onWindowRefused,
}: ReviewStepProps): React.JSX.Element {
  const { api, config } = useSession();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const idempotencyKey = useRef(crypto.randomUUID());
  const canary = order[0];
  const [preview, setPreview] = useState<JobPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  /** Sends the server's window problems back to the form; whether it named any. */
  const windowRefused = useCallback(
    (problems: readonly Problem[]): boolean => {
      const refused = problems.filter(isWindowProblem);
      if (refused.length > 0) onWindowRefused(refused);
      return refused.length > 0;
    },
    [onWindowRefused],
  );
  useEffect(() => {
    let current = true;
    api.preview(toSubmission(form, canary?.key, false)).then(
      (answer) => current && !windowRefused(answer.problems) && setPreview(answer),
      (e: unknown) => current && !windowRefused(problemsOf(e)) && setPreviewError(e),
    );
    return () => {
      current = false;
    };
  }, [api, form, canary?.key, windowRefused]);
  const previews = useMemo(() => (preview ? devicePreviewsOf(preview) : []), [preview]);
  const withProblems = previews.filter((p) => p.problems.length > 0);
  const others = preview ? otherProblems(preview, withProblems.length > 0) : [];
  const prod = previews.filter((p) => p.prod);
  const needsTyping = prod.length > 0;
  const confirmed = !needsTyping || typed === form.name.trim();
  // the server's word when its preview says it (an older API's does not: the UI's own reading)
  const held =
    preview?.needs_approval ??
    policyHolds(approvalPolicyOf(config), { dryRun: form.dryRun, prodDevices: prod.length });

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.submit(
        toSubmission(form, canary?.key, needsTyping && confirmed),
        idempotencyKey.current,
      );
      navigate({ page: 'monitor', jobId: answer.job.id });
    } catch (e) {
      if (windowRefused(problemsOf(e))) return;
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Review: {form.name}</h1>
          <p className="subtitle">
            Exactly what each device will be sent, as the server renders it; the server checks again
            on submit.
          </p>
        </div>
      </div>
      <ol className="steps" aria-label="Steps">
        <li>1 · Compose</li>
        <li aria-current="step">2 · Review and run</li>
      </ol>
      <div className="stats">
        <Stat k="Devices" v={order.length} />
        <Stat k="Canary" v={canary?.key ?? '—'} small />
        <Stat k="Production" v={prod.length} />
        <Stat k="Unresolved" v={withProblems.length} />
        <Stat k="Concurrency" v={form.concurrency} />
        <Stat k="Waves" v={form.waves.trim() || 'one'} small />
      </div>
      <WindowSummary form={form} />
      {preview && <LimitsSummary form={form} preview={preview} />}
      {held && preview && (
        <section className="alert info" aria-label="Approval" data-testid="review-approval">
          <strong>Needs approval:</strong> {submitForApprovalText(prod.length > 0)}
        </section>
      )}
      {!preview && !previewError && (
        <p className="muted" role="status">
          Rendering on the server…
        </p>
      )}
      <ErrorBox error={previewError} title="The server could not preview the job" />
      {others.length > 0 && (
        <div className="alert error" role="alert" data-testid="preview-problems">
          <strong>The job would be refused:</strong>
          <ul>
            {others.slice(0, 20).map((p, i) => (
              <li key={i}>
                <code>{p.path}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {withProblems.length > 0 && (
        <div className="alert error" role="alert" data-testid="unresolved">
          <strong>
            {withProblems.length} device{withProblems.length === 1 ? '' : 's'} cannot be rendered
          </strong>
          ; the job would be refused. Fix the variables (job variables, or the devices' CSV
          columns):
          <ul>
            {withProblems.slice(0, 20).map((p) => (
              <li key={p.key}>
                <code>{p.key}</code>: {p.problems.join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      {prod.length > 0 && (
        <section className="alert warn stack" aria-labelledby="prod-title">
          <h2 id="prod-title" style={{ margin: 0 }}>
            {prod.length} production device{prod.length === 1 ? '' : 's'}
          </h2>
          <div className="row" style={{ gap: 6 }}>
            {prod.slice(0, 30).map((p) => (
              <span key={p.key} className="badge prod mono">
                {p.key}
              </span>
            ))}
            {prod.length > 30 && <span className="small">and {prod.length - 30} more</span>}
          </div>
          <label className="field">
            <span>
              Type the job name <code>{form.name.trim()}</code> to confirm a change to production
            </span>
            <input
              type="text"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-invalid={typed !== '' && !confirmed ? true : undefined}
            />
          </label>
        </section>
      )}
      <RenderedCommands previews={previews} />
      <ErrorBox error={error} title="The server refused the job" />
      <div className="row action-bar">
        <button type="button" onClick={onBack} disabled={busy}>
          ← Back to edit
        </button>
        <span className="spacer" />
        <button
          className={`primary${prod.length > 0 ? ' danger solid' : ''}`}
          type="button"
          disabled={busy || !preview || !confirmed || withProblems.length > 0 || others.length > 0}
          onClick={() => void run()}
        >
          {submitLabel({ busy, devices: order.length, later: scheduledAhead(form), held })}
        </button>
      </div>
    </div>
  );
}

/** Whether the form schedules the job ahead: the server stores it and starts it at that time. */
function scheduledAhead(form: JobForm): boolean {
  const start = windowOf(form)?.start_at;
  return start !== undefined && Date.parse(start) > Date.now();
}

/** The change window in words ("Starts at …, in 2 h 05 m"), counting down; nothing without one. */
function WindowSummary({ form }: { readonly form: JobForm }): React.JSX.Element | null {
  const changeWindow = windowOf(form);
  const now = useNow(changeWindow !== undefined);
  if (!changeWindow) return null;
  return (
    <section className="alert info" aria-label="Change window" data-testid="review-window">
      <strong>Change window:</strong> {windowSentences(changeWindow, now).join(' ')}
    </section>
  );
}

/** The group limits and what each covers among the targets; nothing without a limit. */
function LimitsSummary({
  form,
  preview,
}: {
  readonly form: JobForm;
  readonly preview: JobPreview;
}): React.JSX.Element | null {
  const lines = limitLinesOf(preview, limitsOf(form));
  if (lines.length === 0) return null;
  const warned = lines.some((l) => l.warning);
  return (
    <section
      className={`alert ${warned ? 'warn' : 'info'}`}
      aria-label="Group limits"
      data-testid="review-limits"
    >
      <strong>Group limits:</strong>
      <ul>
        {lines.map((l, i) => (
          <li key={i} data-warning={l.warning ? true : undefined}>
            {l.warning ? <strong>{l.text}</strong> : l.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Stat({
  k,
  v,
  small,
}: {
  readonly k: string;
  readonly v: string | number;
  readonly small?: boolean;
}): React.JSX.Element {
  return (
    <div className="stat">
      <div className="k">{k}</div>
      <div className="v" style={small ? { fontSize: 14, fontFamily: 'var(--mono)' } : undefined}>
        {v}
      </div>
    </div>
  );
}

/** Every device's rendering: identical ones shown once, and a lookup for any one device. */
function RenderedCommands({
  previews,
}: {
  readonly previews: readonly DevicePreview[];
}): React.JSX.Element {
  const [find, setFind] = useState('');
  const groups = useMemo(() => groupRenderings(previews), [previews]);
  const needle = find.trim().toLowerCase();
  const found =
    needle === ''
      ? undefined
      : previews.find(
          (p) =>
            p.key.toLowerCase().includes(needle) || (p.name ?? '').toLowerCase().includes(needle),
        );
  return (
    <section className="card stack" aria-labelledby="rendered-title">
      <div className="row">
        <h2 id="rendered-title" style={{ margin: 0 }}>
          Rendered commands
        </h2>
        <span className="muted" data-testid="rendering-count">
          {groups.length} distinct rendering{groups.length === 1 ? '' : 's'} for {previews.length}{' '}
          device{previews.length === 1 ? '' : 's'}
        </span>
        <span className="spacer" />
        <label className="row small">
          Find a device
          <input
            type="search"
            value={find}
            onChange={(e) => setFind(e.target.value)}
            placeholder="host:port or name"
          />
        </label>
      </div>
      {needle !== '' && !found && <p className="muted">No targeted device matches.</p>}
      {found && (
        <Rendering
          title={found.key}
          commands={found.commands}
          verify={found.verify}
          devices={[found]}
        />
      )}
      {needle === '' &&
        groups.map((g, i) => (
          <Rendering
            key={i}
            title={`${g.devices.length} device${g.devices.length === 1 ? '' : 's'}`}
            commands={g.commands}
            verify={g.verify}
            devices={g.devices}
          />
        ))}
    </section>
  );
}

function Rendering({
  title,
  commands,
  verify,
  devices,
}: {
  readonly title: string;
  readonly commands: readonly string[];
  readonly verify: readonly string[];
  readonly devices: readonly DevicePreview[];
}): React.JSX.Element {
  const canary = devices.some((d) => d.canary);
  const prod = devices.filter((d) => d.prod).length;
  return (
    <div className="card stack" style={{ padding: 12, gap: 8 }} data-testid="rendering">
      <div className="row">
        <strong>{title}</strong>
        {canary && <span className="badge canary">includes the CANARY</span>}
        {prod > 0 && <span className="badge prod">{prod} PROD</span>}
      </div>
      <div className="key-list" aria-label="Devices">
        {devices.slice(0, KEYS_SHOWN).map((d) => (
          <span key={d.key}>
            {d.key}
            {d.name ? ` ${d.name}` : ''}
          </span>
        ))}
        {devices.length > KEYS_SHOWN && <span>and {devices.length - KEYS_SHOWN} more</span>}
      </div>
      <div className="grid-2">
        <div>
          <h3 className="small muted">Config</h3>
          <pre className="output">{commands.join('\n')}</pre>
        </div>
        <div>
          <h3 className="small muted">Verify</h3>
          <pre className="output">{verify.length > 0 ? verify.join('\n') : '(none)'}</pre>
        </div>
      </div>
    </div>
  );
}
