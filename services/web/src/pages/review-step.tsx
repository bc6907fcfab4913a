import { useMemo, useRef, useState } from 'react';
import { ErrorBox } from '../components/error-box';
import type { DeviceView } from '../data/api-types';
import { linesOf, parseVars, toSubmission, type JobForm } from '../model/job-form';
import { previewDevices } from '../model/review-preview';
import { navigate } from '../route';
import { useSession } from '../session';

/** Devices whose rendered commands are listed at once (the rest behind "show more"). */
const SHOWN = 50;

/** Props of {@link ReviewStep}. */
export interface ReviewStepProps {
  readonly form: JobForm;
  /** Devices in run order: the canary first. */
  readonly order: readonly DeviceView[];
  readonly onBack: () => void;
}

/**
 * The review: every device's rendered commands (with libs/domain's template rules, the
 * server's own), unresolved variables, production devices, and a typed confirmation for
 * production before anything runs.
 */
export function ReviewStep({ form, order, onBack }: ReviewStepProps): React.JSX.Element {
  const { api } = useSession();
  const [shown, setShown] = useState(SHOWN);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const idempotencyKey = useRef(crypto.randomUUID());
  const previews = useMemo(
    () =>
      previewDevices(
        {
          commands: linesOf(form.commands),
          verifyCommands: linesOf(form.verify).length > 0 ? linesOf(form.verify) : undefined,
          verifyMode: form.verifyMode,
          globalVars: parseVars(form.globalVars).vars,
        },
        order,
      ),
    [form, order],
  );
  const withProblems = previews.filter((p) => p.problems.length > 0);
  const prod = previews.filter((p) => p.prod);
  const needsTyping = prod.length > 0;
  const confirmed = !needsTyping || typed === form.name.trim();
  const canary = order[0];

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
            Exactly what each device will be sent. Rendered here with the server's template rules;
            the server checks again on submit.
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
            Type the job name (<code>{form.name.trim()}</code>) to confirm a change to production
            <input
              type="text"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-invalid={typed !== '' && !confirmed ? true : undefined}
            />
          </label>
        </section>
      )}
      <section className="card stack" aria-labelledby="rendered-title">
        <h2 id="rendered-title">Rendered commands per device</h2>
        <div className="stack" style={{ gap: 10 }}>
          {previews.slice(0, shown).map((p) => (
            <details
              key={p.key}
              open={p.canary || p.problems.length > 0}
              className="card"
              style={{ padding: 10 }}
            >
              <summary className="row" style={{ cursor: 'pointer' }}>
                <span className="mono">{p.key}</span>
                {p.name && <span className="muted">{p.name}</span>}
                {p.canary && <span className="badge canary">CANARY</span>}
                {p.prod && <span className="badge prod">PROD</span>}
                {p.problems.length > 0 && <span className="badge s-failed">unresolved</span>}
              </summary>
              {p.problems.length > 0 ? (
                <p className="small">{p.problems.join('; ')}</p>
              ) : (
                <div className="grid-2" style={{ marginTop: 8 }}>
                  <div>
                    <h3 className="small muted">Config</h3>
                    <pre className="output">{p.commands.join('\n')}</pre>
                  </div>
                  <div>
                    <h3 className="small muted">Verify</h3>
                    <pre className="output">
                      {p.verify.length > 0 ? p.verify.join('\n') : '(none)'}
                    </pre>
                  </div>
                </div>
              )}
            </details>
          ))}
        </div>
        {previews.length > shown && (
          <button type="button" onClick={() => setShown((s) => s + SHOWN * 4)}>
            Show more ({previews.length - shown} left)
          </button>
        )}
      </section>
      <ErrorBox error={error} title="The server refused the job" />
      <div className="row">
        <button type="button" onClick={onBack} disabled={busy}>
          ← Back to edit
        </button>
        <span className="spacer" />
        <button
          className={`primary${prod.length > 0 ? ' danger solid' : ''}`}
          type="button"
          disabled={busy || !confirmed || withProblems.length > 0}
          onClick={() => void run()}
        >
          {busy ? 'Starting…' : `Run on ${order.length} device${order.length === 1 ? '' : 's'}`}
        </button>
      </div>
    </div>
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
