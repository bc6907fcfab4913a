import { useEffect, useMemo, useState } from 'react';
import type { CommandOutputRecord } from '@fleetpush/contracts';
import { ApprovedBy } from '../components/approved-by';
import { DeleteJob } from '../components/delete-job';
import { RerunJob, UndoJob } from '../components/follow-up-job';
import { DiffView } from '../components/diff-view';
import { ErrorBox } from '../components/error-box';
import { JobBanner } from '../components/job-banner';
import { StatusBadge } from '../components/status-badge';
import type { JobResult, JobResultDevice } from '../data/api-types';
import { groupByDiff } from '../model/diff-groups';
import { formatElapsed } from '../model/eta';
import { jobOutcomeText, skipReasonSentence } from '../model/job-outcome';
import { download, resultToCsv } from '../model/result-export';
import { hrefOf, navigate } from '../route';
import { useSession } from '../session';

/** Rows of the device table shown at once. */
const ROWS = 300;

/** Job detail: devices grouped by identical diff, per-device outputs, diff, transcript, export. */
export function JobDetailPage({
  jobId,
  device,
}: {
  readonly jobId: string;
  readonly device?: string;
}): React.JSX.Element {
  const { api } = useSession();
  const [result, setResult] = useState<JobResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [group, setGroup] = useState<string | null>(null);
  const [state, setState] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api.result(jobId).then(setResult, setError);
  }, [api, jobId, version]);
  const groups = useMemo(
    () => groupByDiff((result?.devices ?? []).map((d) => ({ key: d.key, diff: d.result?.diff }))),
    [result],
  );
  if (error) return <ErrorBox error={error} title="Could not load the result" />;
  if (!result) return <p className="muted">Loading result…</p>;
  const selected = result.devices.find((d) => d.key === device);
  const inGroup = group ? new Set(groups.find((g) => g.id === group)?.keys) : null;
  const rows = result.devices.filter(
    (d) => (!inGroup || inGroup.has(d.key)) && (!state || d.state === state),
  );
  const states = countBy(result.devices.map((d) => d.state));
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>
            {result.job.name} <StatusBadge state={result.job.status} />
          </h1>
          <p className="subtitle">
            {result.devices.length} devices · by {result.job.actor}
            <ApprovedBy job={result.job} /> ·{' '}
            <a href={hrefOf({ page: 'monitor', jobId })}>live monitor</a>
          </p>
        </div>
        <div className="row">
          <button type="button" onClick={() => setVersion((v) => v + 1)}>
            Refresh
          </button>
          <button
            type="button"
            onClick={() => download(`${jobId}.csv`, 'text/csv', resultToCsv(result))}
          >
            Export CSV
          </button>
          <button
            type="button"
            onClick={() =>
              download(`${jobId}.json`, 'application/json', JSON.stringify(result, null, 2))
            }
          >
            Export JSON
          </button>
          <RerunJob
            jobId={jobId}
            status={result.job.status}
            failed={(states.failed ?? 0) + (states.aborted ?? 0)}
            skipped={states.skipped ?? 0}
          />
          <UndoJob jobId={jobId} status={result.job.status} devices={result.devices} />
          <DeleteJob jobId={jobId} status={result.job.status} />
        </div>
      </div>
      <JobBanner job={result.job} onChanged={() => setVersion((v) => v + 1)} />
      {['failed', 'cancelled'].includes(result.job.status) && (
        <div className="alert error" role="status" data-testid="job-outcome">
          {jobOutcomeText(result.job.status, result.job.end_reason ?? undefined)}
        </div>
      )}
      <section className="card stack" aria-labelledby="groups-title">
        <h2 id="groups-title">Devices by diff</h2>
        <div className="row" role="group" aria-label="Diff groups">
          <button
            type="button"
            aria-pressed={group === null}
            className={group === null ? 'primary' : ''}
            onClick={() => setGroup(null)}
          >
            All ({result.devices.length})
          </button>
          {groups.map((g) => (
            <button
              key={g.id}
              type="button"
              aria-pressed={group === g.id}
              className={group === g.id ? 'primary' : ''}
              onClick={() => setGroup(g.id)}
              data-testid="diff-group"
            >
              {g.keys.length} device{g.keys.length === 1 ? '' : 's'}:{' '}
              {g.id.startsWith('hash:') ? `same diff ${g.label}` : g.label}
            </button>
          ))}
        </div>
        {group?.startsWith('hash:') && <DiffView diff={groups.find((g) => g.id === group)?.diff} />}
      </section>
      <div className="grid-2" style={{ gridTemplateColumns: 'minmax(320px, 2fr) 3fr' }}>
        <section className="card stack" aria-labelledby="devices-title">
          <h2 id="devices-title">Devices</h2>
          <div className="chip-row" role="group" aria-label="Filter by state">
            <button
              type="button"
              aria-pressed={state === null}
              className={state === null ? 'primary' : ''}
              onClick={() => setState(null)}
            >
              Any state
            </button>
            {Object.entries(states).map(([s, n]) => (
              <button
                key={s}
                type="button"
                aria-pressed={state === s}
                className={state === s ? 'primary' : ''}
                onClick={() => setState(s)}
              >
                {s} ({n})
              </button>
            ))}
          </div>
          <div className="table-wrap" style={{ maxHeight: 560 }}>
            <table>
              <thead>
                <tr>
                  <th>Device</th>
                  <th>State</th>
                  <th>Failure</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, ROWS).map((d) => (
                  <tr
                    key={d.key}
                    className="clickable"
                    aria-selected={d.key === device}
                    onClick={() => navigate({ page: 'detail', jobId, device: d.key })}
                    style={d.key === device ? { background: 'var(--info-bg)' } : undefined}
                  >
                    <td className="mono">
                      <a
                        href={hrefOf({ page: 'detail', jobId, device: d.key })}
                        onClick={(e) => e.stopPropagation()}
                      >
                        {d.key}
                      </a>
                      {d.key === result.job.canary && (
                        <span className="badge canary" style={{ marginLeft: 6 }}>
                          CANARY
                        </span>
                      )}
                    </td>
                    <td>
                      <StatusBadge state={d.state} />
                    </td>
                    <td className="small">
                      {d.result?.code ?? (
                        <span className="muted">{d.result?.skipReason ?? ''}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > ROWS && (
            <p className="small muted">
              Showing {ROWS} of {rows.length}; pick a diff group to narrow.
            </p>
          )}
        </section>
        {selected ? (
          <DevicePanel key={selected.key} device={selected} />
        ) : (
          <section className="card muted">Select a device to read its outputs and diff.</section>
        )}
      </div>
    </div>
  );
}

/** Occurrences of each value, failures first (what an operator looks at first). */
function countBy(values: readonly string[]): Record<string, number> {
  const order = ['failed', 'aborted', 'skipped', 'succeeded'];
  const counts: Record<string, number> = {};
  for (const v of [...values].sort((a, b) => rank(a) - rank(b))) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
  function rank(v: string): number {
    const i = order.indexOf(v);
    return i < 0 ? order.length : i;
  }
}

const TABS = ['diff', 'pre', 'apply', 'post', 'transcript'] as const;

function Outputs({
  outputs,
}: {
  readonly outputs: readonly CommandOutputRecord[] | undefined;
}): React.JSX.Element {
  if (!outputs || outputs.length === 0) return <p className="muted">Nothing recorded.</p>;
  return (
    <div className="stack" style={{ gap: 8 }}>
      {outputs.map((o, i) => (
        <div key={i}>
          <div className="row small">
            <code>{o.command}</code>
            <span className="muted">{o.duration_ms} ms</span>
            {o.truncated && <span className="badge">truncated</span>}
            {o.rejected && <span className="badge s-failed">rejected: {o.rejected}</span>}
          </div>
          <pre className="output">{o.output || '(no output)'}</pre>
        </div>
      ))}
    </div>
  );
}

function DevicePanel({ device }: { readonly device: JobResultDevice }): React.JSX.Element {
  const r = device.result;
  // A device that failed before its post-check has no diff: what it was sent says more.
  const [tab, setTab] = useState<(typeof TABS)[number]>(r && !r.diff && r.apply ? 'apply' : 'diff');
  return (
    <section className="card stack" aria-labelledby="device-title" data-testid="device-panel">
      <div className="row">
        <h2 id="device-title" className="mono" style={{ margin: 0 }}>
          {device.key}
        </h2>
        <StatusBadge state={device.state} />
        {r && (
          <span className="small muted">
            attempts {r.attempts}
            {r.duration_ms !== undefined ? ` · ${formatElapsed(r.duration_ms)}` : ''}
            {r.worker ? ` · ${r.worker}` : ''}
          </span>
        )}
      </div>
      {r?.code && (
        <div className="alert error" role="status">
          <code>{r.code}</code> {r.message}
        </div>
      )}
      {r?.skipReason && <div className="alert info">{skipReasonSentence(r.skipReason)}</div>}
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
          >
            {t === 'pre'
              ? 'Pre-check'
              : t === 'post'
                ? 'Post-check'
                : t[0]!.toUpperCase() + t.slice(1)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {!r && <p className="muted">No result yet.</p>}
        {r && tab === 'diff' && <DiffView diff={r.diff} ended />}
        {r && tab === 'pre' && <Outputs outputs={r.pre} />}
        {r && tab === 'apply' && <Outputs outputs={r.apply} />}
        {r && tab === 'post' && <Outputs outputs={r.post} />}
        {r && tab === 'transcript' && (
          <pre className="output" style={{ maxHeight: 480 }}>
            {r.transcript ?? 'No transcript.'}
            {r.transcript_truncated ? '\n… truncated' : ''}
          </pre>
        )}
      </div>
    </section>
  );
}
