import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { MonitorDevice } from '../model/job-monitor';

/** Cell size and gap in px: 10,000 devices fit in ~40 rows of a laptop screen. */
const CELL = 14;
const GAP = 3;
const PITCH = CELL + GAP;
/** The grid scrolls past this height (about 18 rows: 1,300 devices on a laptop screen). */
const MAX_HEIGHT = 320;

/** Props of {@link DeviceGrid}. */
export interface DeviceGridProps {
  readonly order: readonly string[];
  readonly devices: ReadonlyMap<string, MonitorDevice>;
  readonly canary: string;
  readonly onOpen: (key: string) => void;
}

/**
 * Every device as a small square coloured by state, virtualised by row: only the visible rows
 * are in the DOM, so 10,000 devices stay fast.
 */
export function DeviceGrid({ order, devices, canary, onOpen }: DeviceGridProps): React.JSX.Element {
  const parent = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = parent.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  const columns = Math.max(1, Math.floor((width - 16) / PITCH));
  const rows = Math.ceil(order.length / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => parent.current,
    estimateSize: () => PITCH,
    overscan: 4,
  });
  return (
    <div
      ref={parent}
      className="device-grid"
      style={{ height: Math.min(MAX_HEIGHT, rows * PITCH + 18) }}
      role="list"
      tabIndex={0}
      aria-label={`Devices (${order.length})`}
      data-testid="device-grid"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', margin: 8 }}>
        {virtualizer.getVirtualItems().map((row) =>
          order.slice(row.index * columns, (row.index + 1) * columns).map((key, i) => {
            const d = devices.get(key);
            const state = d?.state ?? 'pending';
            return (
              <button
                key={key}
                type="button"
                role="listitem"
                // One tab stop for the grid, not one per device (the job detail lists them all).
                tabIndex={-1}
                className={`device-cell s-${state}`}
                data-key={key}
                data-state={state}
                title={`${key}${key === canary ? ' (canary)' : ''}: ${state}${d?.code ? ` (${d.code})` : ''}`}
                aria-label={`${key} ${state}`}
                style={{
                  top: row.start,
                  left: i * PITCH,
                  ...(key === canary ? { boxShadow: '0 0 0 2px #7c3aed' } : {}),
                }}
                onClick={() => onOpen(key)}
              />
            );
          }),
        )}
      </div>
    </div>
  );
}
