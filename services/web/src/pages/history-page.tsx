import { useEffect, useMemo, useState } from 'react';
import { ErrorBox } from '../components/error-box';
import { StatusBadge } from '../components/status-badge';
import type { JobDetail, JobSummary } from '../data/api-types';
import { jobDurationText } from '../model/eta';
import { hrefOf, navigate } from '../route';
import { useSession } from '../session';

const STATUSES = ['queued', 'running', 'paused', 'cancelling', 'completed', 'failed', 'cancelled'];

/** History: jobs newest first with status, owner and device counts, filtered. */
export function HistoryPage(): React.JSX.Element {
  const { api } = useSession();
  const [jobs, setJobs] = useState<JobSummary[] | null>(null);
  const [details, setDetails] = useState<ReadonlyMap<string, JobDetail> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [owner, setOwner] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    api.jobs(0, 200).then(async (page) => {
      setJobs(page.items);
      // Counts come with each job's detail; the first 50 are enough for one screen.
      const loaded = await Promise.all(
        page.items.slice(0, 50).map((j) => api.job(j.id).catch(() => null)),
      );
      setDetails(new Map(loaded.flatMap((d) => (d ? [[d.id, d] as const] : []))));
    }, setError);
  }, [api]);
  const owners = useMemo(() => [...new Set((jobs ?? []).map((j) => j.actor))].sort(), [jobs]);
  const shown = (jobs ?? []).filter(
    (j) =>
      (!status || j.status === status) &&
      (!owner || j.actor === owner) &&
      (!text || j.name.toLowerCase().includes(text.toLowerCase()) || j.id.includes(text)),
  );
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>History</h1>
          <p className="subtitle">
            Every job, newest first. Open one to watch it or read its diffs.
          </p>
        </div>
        <a className="button primary" href={hrefOf({ page: 'new-job' })}>
          New job
        </a>
      </div>
      <div className="toolbar" role="search">
        <label className="field">
          Search
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="name or id"
          />
        </label>
        <label className="field">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Owner
          <select value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">anyone</option>
            {owners.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
      </div>
      <ErrorBox error={error} title="Could not list jobs" />
      {jobs && shown.length === 0 && <p className="muted">No job matches.</p>}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Job</th>
                <th>Status</th>
                <th>Owner</th>
                <th>Devices</th>
                <th>Succeeded</th>
                <th>Failed</th>
                <th>Ran for</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((j) => {
                const c = details?.get(j.id)?.counts;
                // Counts are fetched for the newest jobs only; older ones say so rather than spin.
                const none = details === null ? '…' : '—';
                return (
                  <tr
                    key={j.id}
                    className="clickable"
                    onClick={() => navigate({ page: 'monitor', jobId: j.id })}
                  >
                    <td>
                      <a
                        href={hrefOf({ page: 'monitor', jobId: j.id })}
                        onClick={(e) => e.stopPropagation()}
                      >
                        {j.name}
                      </a>
                      <div className="small muted mono">{j.id}</div>
                    </td>
                    <td>
                      <StatusBadge state={j.status} />
                    </td>
                    <td>{j.actor}</td>
                    <td>{j.targets}</td>
                    <td>{c ? (c.succeeded ?? 0) : none}</td>
                    <td>{c ? (c.failed ?? 0) + (c.aborted ?? 0) : none}</td>
                    <td className="small">{jobDurationText(j)}</td>
                    <td className="small muted">{new Date(j.created_at).toLocaleString()}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
