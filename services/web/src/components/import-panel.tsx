import { useState } from 'react';
import type { ImportAnswer } from '../data/api-types';
import type { UploadProgress } from '../data/fleet-api';
import { useSession } from '../session';
import { ErrorBox } from './error-box';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; progress: UploadProgress }
  | { kind: 'validating'; text?: string };

/** The header and the given (one-based) lines of a CSV, for fixing rejected rows. */
function linesOf(csv: string, lines: readonly number[]): string {
  const all = csv.split(/\r?\n/);
  return [all[0] ?? '', ...lines.map((n) => all[n - 1] ?? '')].join('\n') + '\n';
}

/** CSV import with upload progress, then a review of what was stored and what was rejected. */
export function ImportPanel({
  onImported,
}: {
  readonly onImported: () => void;
}): React.JSX.Element {
  const { api } = useSession();
  const [csv, setCsv] = useState('');
  const [mode, setMode] = useState<'replace' | 'merge'>('merge');
  const [partial, setPartial] = useState(true);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [answer, setAnswer] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState('');

  const run = async (): Promise<void> => {
    setError(null);
    setAnswer(null);
    setSent(csv);
    setPhase({ kind: 'uploading', progress: { sent: 0, total: csv.length } });
    try {
      const result = await api.importCsv(csv, { mode, partial }, (progress) =>
        setPhase(
          progress.kind === 'server'
            ? { kind: 'validating', text: progress.text }
            : progress.sent >= progress.total
              ? { kind: 'validating' }
              : { kind: 'uploading', progress },
        ),
      );
      setAnswer(result);
      // The CSV may carry passwords: once stored (sealed), they leave the screen.
      setCsv('');
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setPhase({ kind: 'idle' });
    }
  };

  const loadFile = async (file: File | undefined): Promise<void> => {
    if (file) setCsv(await file.text());
  };

  const busy = phase.kind !== 'idle';
  const pct =
    phase.kind === 'uploading' && phase.progress.total > 0
      ? Math.round((100 * phase.progress.sent) / phase.progress.total)
      : 0;
  return (
    <section className="card stack" aria-labelledby="import-title">
      <h2 id="import-title">Import a CSV</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="csv">CSV</label>
          <textarea
            id="csv"
            rows={8}
            spellCheck={false}
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            placeholder="host,port,device_type,username,password,prod,tags"
          />
        </div>
        <div className="stack">
          <label className="field">
            Or choose a file
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => void loadFile(e.target.files?.[0])}
            />
          </label>
          <fieldset className="field" style={{ border: 'none', padding: 0, margin: 0 }}>
            <legend className="small muted">Mode</legend>
            <div className="segmented">
              <label>
                <input
                  type="radio"
                  name="mode"
                  checked={mode === 'merge'}
                  onChange={() => setMode('merge')}
                />{' '}
                Merge
              </label>
              <label>
                <input
                  type="radio"
                  name="mode"
                  checked={mode === 'replace'}
                  onChange={() => setMode('replace')}
                />{' '}
                Replace all
              </label>
            </div>
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              checked={partial}
              onChange={(e) => setPartial(e.target.checked)}
            />{' '}
            Keep valid rows when some are rejected
          </label>
          <div className="row">
            <button
              className="primary"
              type="button"
              disabled={busy || csv.trim() === ''}
              onClick={() => void run()}
            >
              {busy ? 'Importing…' : 'Import'}
            </button>
          </div>
        </div>
      </div>
      {busy && (
        <div className="stack" style={{ gap: 6 }} aria-live="polite">
          <div
            className={`progress${phase.kind === 'validating' ? ' indeterminate' : ''}`}
            role="progressbar"
            aria-label="Import progress"
            {...(phase.kind === 'uploading'
              ? { 'aria-valuenow': pct, 'aria-valuemin': 0, 'aria-valuemax': 100 }
              : {})}
          >
            <span
              className="bar-acc"
              style={phase.kind === 'uploading' ? { width: `${pct}%` } : undefined}
            />
          </div>
          <span className="small muted">
            {phase.kind === 'uploading'
              ? `Uploading… ${pct}%`
              : `Validating and storing rows…${phase.kind === 'validating' && phase.text ? ` ${phase.text}` : ''}`}
          </span>
        </div>
      )}
      <ErrorBox error={error} title="Import refused, nothing was stored" />
      {answer && (
        <ImportReview
          answer={answer}
          onFix={(lines) => {
            setCsv(linesOf(sent, lines));
            setMode('merge');
            setAnswer(null);
          }}
        />
      )}
    </section>
  );
}

/** What an import stored and, row by row, what it rejected and why. */
function ImportReview({
  answer,
  onFix,
}: {
  readonly answer: ImportAnswer;
  readonly onFix: (lines: number[]) => void;
}): React.JSX.Element {
  const rejected = answer.rejected;
  return (
    <div className="stack" data-testid="import-review">
      <div className={`alert ${rejected.length > 0 ? 'warn' : 'ok'}`} role="status">
        Imported <strong>{answer.imported}</strong> of {answer.total} row
        {answer.total === 1 ? '' : 's'} ({answer.created} new, {answer.updated} updated
        {answer.removed > 0 && (
          <>
            , <strong>{answer.removed}</strong> removed (not in the file)
          </>
        )}
        )
        {rejected.length > 0 && (
          <>
            ; <strong>{rejected.length}</strong> rejected
          </>
        )}
        .
      </div>
      {rejected.length > 0 && (
        <>
          <div className="table-wrap" style={{ maxHeight: 280 }}>
            <table>
              <thead>
                <tr>
                  <th>Line</th>
                  <th>Host</th>
                  <th>Problems</th>
                </tr>
              </thead>
              <tbody>
                {rejected.map((r) => (
                  <tr key={r.line}>
                    <td className="mono">{r.line}</td>
                    <td className="mono">{r.row.host ?? ''}</td>
                    <td>
                      {r.problems.map((p, i) => (
                        <div key={i}>
                          <code>{p.column}</code>: {p.message}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <button type="button" onClick={() => onFix(rejected.map((r) => r.line))}>
              Fix rejected rows and retry
            </button>
            <span className="small muted">
              Puts the header and the rejected lines in the editor, in merge mode.
            </span>
          </div>
        </>
      )}
    </div>
  );
}
