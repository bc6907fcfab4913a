import { useEffect, useRef } from 'react';
import type { LogLine } from '../model/job-monitor';

/** The live log: newest at the bottom, kept pinned there unless the reader scrolled up. */
export function LogTail({ lines }: { readonly lines: readonly LogLine[] }): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  return (
    <div
      ref={box}
      className="log"
      role="log"
      aria-label="Live log"
      aria-live="off"
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {lines.length === 0 && <div className="t">waiting for events…</div>}
      {lines.map((l, i) => (
        <div key={`${l.seq}-${i}`} className={`l-${l.level}`}>
          <span className="t">{new Date(l.at).toLocaleTimeString()}</span>
          {l.deviceKey && <span className="k">{l.deviceKey}</span>}
          {l.text}
        </div>
      ))}
    </div>
  );
}
