import { useCallback, useEffect, useMemo, useState } from 'react';
import { ErrorBox } from '../components/error-box';
import { StatusBadge } from '../components/status-badge';
import type { JobFilter, JobSummary } from '../data/api-types';
import { approvalNote } from '../model/approval';
import { jobDurationText } from '../model/eta';
import { scheduledNote } from '../model/window-text';
import { hrefOf, navigate } from '../route';
import { useSession } from '../session';

const STATUSES = ['queued', 'running', 'paused', 'cancelling', 'completed', 'failed', 'cancelled'];

/** Jobs per page; "Show more" asks for the next one. */
const PAGE = 50;
/** How long the search box waits for typing to pause before asking the API. */
const TYPING_PAUSE_MS = 250;

/** A value that follows `value` once it has stayed unchanged for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * History: every job newest first with status, owner and device counts. The API filters (any
 * job, not only the newest) and pages; owners already seen are offered in the owner box.
 */
export function HistoryPage(): React.JSX.Element {
  const { api } = useSession();
  const [list, setList] = useState<{ items: JobSummary[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [owner, setOwner] = useState('');
  const [text, setText] = useState('');
  const [owners, setOwners] = useState<ReadonlySet<string>>(new Set());
  const filter = useSettled<JobFilter>(
    useMemo(() => ({ status, owner: owner.trim(), text: text.trim() }), [status, owner, text]),
    TYPING_PAUSE_MS,
  );
  const remember = useCallback((items: readonly JobSummary[]) => {
    setOwners((known) => new Set([...known, ...items.map((j) => j.actor)]));
  }, []);
  useEffect(() => {
    let current = true; // an answer to an older filter must not overwrite a newer one
    api.jobs(filter, 0, PAGE).then(
      (page) => {
        if (!current) return;
        setList({ items: page.items, total: page.total });
        setError(null);
        remember(page.items);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, filter, remember]);
  const showMore = (): void => {
    if (!list) return;
    api.jobs(filter, list.items.length, PAGE).then((page) => {
      setList((l) => l && { items: [...l.items, ...page.items], total: page.total });
      remember(page.items);
    }, setError);
  };
  const shown = list?.items ?? [];
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
          <input
            type="search"
            list="history-owners"
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            placeholder="anyone"
          />
          <datalist id="history-owners">
            {[...owners].sort().map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </label>
      </div>
      <ErrorBox error={error} title="Could not list jobs" />
      {list && shown.length === 0 && <p className="muted">No job matches.</p>}
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
                const c = j.counts;
                const none = '—'; // an API older than the list's counts
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
                      <StatusNote testId="approval-note" text={approvalNote(j)} />
                      <StatusNote testId="scheduled-note" text={scheduledNote(j)} />
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
      {list && (
        <div className="row">
          <span className="muted" data-testid="history-shown">
            {`${shown.length} of ${list.total} job${list.total === 1 ? '' : 's'}`}
          </span>
          {shown.length < list.total && (
            <button type="button" onClick={showMore}>
              Show more
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * A note under a job's status: "awaits approval" for a job held for a second person, "scheduled
 * <local time>" for one that waits for its change window; nothing when `text` is null.
 */
function StatusNote({
  testId,
  text,
}: {
  readonly testId: string;
  readonly text: string | null;
}): React.JSX.Element | null {
  return text ? (
    <div className="small muted" data-testid={testId}>
      {text}
    </div>
  ) : null;
}
