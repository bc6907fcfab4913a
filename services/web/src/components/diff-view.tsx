import { useState } from 'react';
import type { DiffRecord } from '@fleetpush/contracts';
import { diffNotComputedText } from '../model/diff-reasons';
import { parseUnifiedDiff, sideBySide, type DiffLine } from '../model/diff-lines';

function Line({ line }: { readonly line: DiffLine | undefined }): React.JSX.Element {
  if (!line) return <div className="line"> </div>;
  return <div className={`line ${line.kind}`}>{line.text}</div>;
}

/** A device's pre/post diff, unified or side by side; "no change" and "not computed" are said. */
export function DiffView({
  diff,
  ended = false,
}: {
  readonly diff: DiffRecord | undefined;
  /** The device is over: a missing diff will not come. */
  readonly ended?: boolean;
}): React.JSX.Element {
  const [mode, setMode] = useState<'unified' | 'split'>('unified');
  if (!diff)
    return (
      <p className="muted">{ended ? 'No diff was recorded for this device.' : 'No diff yet.'}</p>
    );
  if (diff.status === 'empty')
    return (
      <p className="muted" data-testid="diff-empty">
        No change between pre- and post-check outputs.
      </p>
    );
  if (diff.status === 'not_computed')
    return <p className="muted">{diffNotComputedText(diff.reason)}</p>;
  const lines = parseUnifiedDiff(diff.body);
  // The file headers say "pre" and "post"; the split view says it in its column titles.
  const rows = sideBySide(lines.filter((l) => l.kind !== 'meta'));
  return (
    <div className="stack" style={{ gap: 8 }} data-testid="diff">
      <div className="row">
        <span className="badge s-succeeded">+{diff.added}</span>
        <span className="badge s-failed">−{diff.removed}</span>
        {diff.truncated && (
          <span className="small muted">truncated (original {diff.original_size} bytes)</span>
        )}
        <span className="spacer" />
        <div className="segmented" role="radiogroup" aria-label="Diff layout">
          <label>
            <input type="radio" checked={mode === 'unified'} onChange={() => setMode('unified')} />{' '}
            Unified
          </label>
          <label>
            <input type="radio" checked={mode === 'split'} onChange={() => setMode('split')} /> Side
            by side
          </label>
        </div>
      </div>
      {mode === 'unified' ? (
        <div className="diff">
          {lines.map((l, i) => (
            <Line key={i} line={l} />
          ))}
        </div>
      ) : (
        <div className="diff diff-sbs" data-testid="diff-split">
          <div aria-label="Before">
            <div className="line meta">before (pre-check)</div>
            {rows.map((r, i) => (
              <Line key={i} line={r.left} />
            ))}
          </div>
          <div aria-label="After">
            <div className="line meta">after (post-check)</div>
            {rows.map((r, i) => (
              <Line key={i} line={r.right} />
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
