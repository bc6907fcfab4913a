import { useEffect, useState } from 'react';
import type { DeviceResult } from '@fleetpush/contracts';
import { ApprovedBy } from '../components/approved-by';
import { DeviceGrid } from '../components/device-grid';
import { DiffView } from '../components/diff-view';
import { ErrorBox } from '../components/error-box';
import { RerunJob } from '../components/follow-up-job';
import { followedJob } from '../model/followed-job';
import { JobBanner } from '../components/job-banner';
import { LogTail } from '../components/log-tail';
import { StackedProgress } from '../components/stacked-progress';
import { StatusBadge } from '../components/status-badge';
import type { ControlAction } from '../data/fleet-api';
import { useJobMonitor } from '../data/use-job-monitor';
import { useNow } from '../data/use-now';
import { actionSettled, allowedActions, PENDING_LABEL } from '../model/control-actions';
import { estimateRemainingMs, formatElapsed, formatDuration } from '../model/eta';
import { countStates, type JobMonitor } from '../model/job-monitor';
import { jobOutcomeText, waveBadgeState } from '../model/job-outcome';
import { limitHoldText } from '../model/limit-hold';
import { hrefOf, navigate } from '../route';
import { canaryHoldText, type ApprovalJob } from '../model/approval';
import { useSession } from '../session';

const ACTION_LABEL: Readonly<Record<ControlAction, string>> = {
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  terminate: 'Terminate',
};
const IN_FLIGHT = ['queued', 'connecting', 'pre_check', 'applying', 'post_check'];

/** Monitor: the canary first, waves, the device grid, counters and ETA, the log, controls. */
export function MonitorPage({ jobId }: { readonly jobId: string }): React.JSX.Element {
  const { job, monitor, connection, error, jobChanged } = useJobMonitor(jobId);
  if (error) return <ErrorBox error={error} title="Could not load the job" />;
  if (!job || !monitor) return <p className="muted">Loading job…</p>;
  const counts = countStates(monitor);
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>
            {job.name} <StatusBadge state={monitor.status} />
          </h1>
          <p className="subtitle">
            {job.id} · by {job.actor}
            <ApprovedBy job={job} /> · {new Date(job.created_at).toLocaleString()} ·{' '}
            <FollowedNote spec={job.spec} /> <ConnectionNote state={connection} />
          </p>
        </div>
        <div className="row">
          <a className="button" href={hrefOf({ page: 'detail', jobId })}>
            Results and diffs
          </a>
          <Controls
            jobId={jobId}
            status={monitor.status}
            inFlight={IN_FLIGHT.reduce((a, s) => a + (counts[s] ?? 0), 0)}
          />
          <RerunJob
            jobId={jobId}
            status={monitor.status}
            failed={(counts.failed ?? 0) + (counts.aborted ?? 0)}
            skipped={counts.skipped ?? 0}
          />
        </div>
      </div>
      <JobBanner
        job={{ ...job, status: monitor.status }}
        onChanged={(view) => view && jobChanged(view)}
      />
      {['failed', 'cancelled'].includes(monitor.status) && (
        <div className="alert error" role="status" data-testid="job-outcome">
          {jobOutcomeText(monitor.status, monitor.reason)}
          {(counts.failed ?? 0) + (counts.aborted ?? 0) > 0 && (
            <>
              {' '}
              — {(counts.failed ?? 0) + (counts.aborted ?? 0)} device(s) failed or aborted.{' '}
              <a href={hrefOf({ page: 'detail', jobId })}>Read their errors</a>
            </>
          )}
        </div>
      )}
      <div className="grid-2">
        <CanaryCard jobId={jobId} monitor={monitor} job={job} />
        <Progress monitor={monitor} held={limitHoldText({ ...job, status: monitor.status })} />
      </div>
      <section className="card stack" aria-labelledby="grid-title">
        <div className="row">
          <h2 id="grid-title" style={{ margin: 0 }}>
            Devices
          </h2>
          <Legend />
        </div>
        <DeviceGrid
          order={monitor.order}
          devices={monitor.devices}
          canary={monitor.canary.key}
          onOpen={(key) => navigate({ page: 'detail', jobId, device: key })}
        />
      </section>
      <section className="card stack" aria-labelledby="log-title">
        <h2 id="log-title">Live log</h2>
        <LogTail lines={monitor.log} />
      </section>
    </div>
  );
}

function ConnectionNote({ state }: { readonly state: string }): React.JSX.Element {
  const text =
    state === 'live'
      ? 'live'
      : state === 'reconnecting'
        ? 'reconnecting…'
        : state === 'refused'
          ? 'live updates refused'
          : 'connecting…';
  return (
    <span data-testid="connection" className={state === 'live' ? '' : 'muted'}>
      {text}
    </span>
  );
}

/** "rerun of job …" / "undo of job …", linked, for a job started from another; else nothing. */
function FollowedNote({ spec }: { readonly spec: unknown }): React.JSX.Element | null {
  const followed = followedJob(spec);
  if (!followed) return null;
  return (
    <span data-testid="followed-job">
      {followed.kind} of{' '}
      <a href={hrefOf({ page: 'monitor', jobId: followed.jobId })}>
        job {followed.jobId.slice(0, 8)}
      </a>{' '}
      ·
    </span>
  );
}

/** Only the actions the state allows, each with an honest pending state until it is applied. */
function Controls({
  jobId,
  status,
  inFlight,
}: {
  readonly jobId: string;
  readonly status: string;
  readonly inFlight: number;
}): React.JSX.Element | null {
  const { api, config } = useSession();
  const [pending, setPending] = useState<ControlAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (pending && actionSettled(pending, status)) setPending(null);
  }, [pending, status]);
  if (config.principal.role === 'viewer') return null;
  const act = async (action: ControlAction): Promise<void> => {
    if (
      action === 'terminate' &&
      !window.confirm('Terminate aborts in-flight SSH sessions at once. Continue?')
    )
      return;
    setPending(action);
    setError(null);
    try {
      const answer = await api.control(jobId, action);
      if (!answer.changed) setPending(null);
    } catch (e) {
      setError(e);
      setPending(null);
    }
  };
  const actions = allowedActions(status);
  const draining =
    status === 'paused' && inFlight > 0
      ? `${inFlight} in flight finishing`
      : status === 'cancelling'
        ? `${inFlight} in flight finishing`
        : null;
  return (
    <div className="stack" style={{ gap: 6, alignItems: 'flex-end' }}>
      <div className="row" role="group" aria-label="Job control">
        {pending && (
          <span className="badge s-running" role="status">
            {PENDING_LABEL[pending]}
          </span>
        )}
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'terminate' ? 'danger' : a === 'resume' ? 'primary' : ''}
            disabled={pending !== null}
            onClick={() => void act(a)}
          >
            {ACTION_LABEL[a]}
          </button>
        ))}
      </div>
      {draining && <span className="small muted">{draining}</span>}
      <ErrorBox error={error} title="Control refused" />
    </div>
  );
}

function CanaryCard({
  jobId,
  monitor,
  job,
}: {
  readonly jobId: string;
  readonly monitor: JobMonitor;
  readonly job: ApprovalJob | null;
}): React.JSX.Element {
  const { api, config } = useSession();
  const key = monitor.canary.key;
  const device = monitor.devices.get(key);
  const state = device?.state ?? 'pending';
  const over = ['succeeded', 'failed', 'skipped', 'aborted'].includes(state);
  const [result, setResult] = useState<DeviceResult | null>(null);
  useEffect(() => {
    if (!over || !key) return;
    api.device(jobId, key).then(
      (d) => setResult(d.result),
      () => undefined,
    );
  }, [api, jobId, key, over]);
  return (
    <section
      className="card canary-card stack"
      aria-labelledby="canary-title"
      data-testid="canary-card"
    >
      <div className="row">
        <h2 id="canary-title" style={{ margin: 0 }}>
          Canary
        </h2>
        <span className="badge canary">CANARY</span>
        <span className="mono">{key}</span>
        <StatusBadge state={state} />
        {monitor.canary.verdict && (
          <span
            className={`badge s-${monitor.canary.verdict === 'passed' ? 'succeeded' : 'failed'}`}
          >
            gate {monitor.canary.verdict}
          </span>
        )}
      </div>
      {monitor.canary.awaitingApproval && monitor.status === 'paused' && (
        <div className="alert info" role="status">
          {canaryHoldText(job, config.principal.name)}
        </div>
      )}
      {device?.message && (
        <p className="small">
          {device.code && <code>{device.code}</code>} {device.message}
        </p>
      )}
      {over ? (
        <DiffView diff={result?.diff} ended={result !== null} />
      ) : (
        <p className="muted">Nothing else is touched until the canary succeeds.</p>
      )}
    </section>
  );
}

function Progress({
  monitor,
  held,
}: {
  readonly monitor: JobMonitor;
  /** Why fewer devices are in flight than the window allows (group limits); null: nothing held. */
  readonly held: string | null;
}): React.JSX.Element {
  const terminal = ['completed', 'failed', 'cancelled'].includes(monitor.status);
  const now = useNow(!terminal);
  const c = countStates(monitor);
  const running = IN_FLIGHT.reduce((a, s) => a + (c[s] ?? 0), 0);
  const eta = terminal
    ? undefined
    : estimateRemainingMs({
        done: c.done,
        total: c.total,
        since: monitor.fanoutSince,
        doneAtSince: monitor.doneAtFanout ?? 0,
        now,
      });
  const stat = (k: string, v: number, cls: string): React.JSX.Element => (
    <div className={`stat ${cls}`} data-testid={`count-${k}`}>
      <div className="k">
        <span className="dot" aria-hidden="true" />
        {k}
      </div>
      <div className="v">{v}</div>
    </div>
  );
  return (
    <section className="card stack" aria-labelledby="progress-title">
      <div className="row">
        <h2 id="progress-title" style={{ margin: 0 }}>
          Progress
        </h2>
        <span className="muted" data-testid="progress-text">
          {c.done} / {c.total} done
        </span>
        <span className="spacer" />
        <span className="muted small">
          {terminal
            ? monitor.durationMs !== undefined
              ? `finished in ${formatElapsed(monitor.durationMs)}`
              : ''
            : eta !== undefined
              ? `ETA ${formatDuration(eta)}`
              : 'ETA after the first devices finish'}
        </span>
      </div>
      <StackedProgress
        label="Devices done"
        total={c.total}
        segments={[
          { value: c.succeeded ?? 0, className: 'bar-ok', label: 'succeeded' },
          { value: c.failed ?? 0, className: 'bar-bad', label: 'failed' },
          {
            value: (c.aborted ?? 0) + (c.skipped ?? 0),
            className: 'bar-skip',
            label: 'skipped or aborted',
          },
          { value: running, className: 'bar-run', label: 'in flight' },
        ]}
      />
      <div className="stats">
        {stat('succeeded', c.succeeded ?? 0, 's-succeeded')}
        {stat('failed', c.failed ?? 0, 's-failed')}
        {stat('in flight', running, 's-running')}
        {stat('pending', c.pending ?? 0, 's-pending')}
        {stat('skipped', (c.skipped ?? 0) + (c.aborted ?? 0), 's-skipped')}
      </div>
      {held && (
        <p className="small muted" data-testid="limit-hold" style={{ margin: 0 }}>
          {held}
        </p>
      )}
      {monitor.waves.length > 0 && (
        <div className="stack" style={{ gap: 4 }}>
          <h3 className="small muted" style={{ margin: 0 }}>
            Waves
          </h3>
          {monitor.waves.map((w) => (
            <div key={w.wave} className="row small">
              <span>Wave {w.wave + 1}</span>
              <span className="muted">
                {w.size} device{w.size === 1 ? '' : 's'}
              </span>
              <StatusBadge state={waveBadgeState(w.phase, monitor.status)} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

function Legend(): React.JSX.Element {
  const items: [string, string][] = [
    ['pending', 'pending'],
    ['applying', 'in flight'],
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
    ['skipped', 'skipped'],
  ];
  return (
    <div className="legend" aria-hidden="true">
      {items.map(([s, label]) => (
        <span key={s} className={`s-${s}`}>
          <span className="dot" /> {label}
        </span>
      ))}
    </div>
  );
}
