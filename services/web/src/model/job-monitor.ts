import type { FleetEvent } from '@fleetpush/contracts';
import { formatElapsed } from './eta';
import { reasonText } from './job-outcome';

/** What the monitor knows about one device. */
export interface MonitorDevice {
  readonly key: string;
  readonly state: string;
  readonly attempt: number;
  readonly code?: string;
  readonly message?: string;
  readonly diffHash?: string;
}

/** One line of the live log tail. */
export interface LogLine {
  readonly seq: number;
  readonly at: string;
  readonly deviceKey?: string;
  readonly level: 'info' | 'warn' | 'error';
  readonly text: string;
}

/** A wave's progress. */
export interface WaveProgress {
  readonly wave: number;
  readonly size: number;
  readonly phase: 'started' | 'completed';
}

/** The live picture of a job, built from its events (replay then live). */
export interface JobMonitor {
  readonly status: string;
  readonly lastSeq: number;
  /** Device keys in job order (canary first). */
  readonly order: readonly string[];
  readonly devices: ReadonlyMap<string, MonitorDevice>;
  readonly canary: { key: string; verdict?: 'passed' | 'failed'; awaitingApproval: boolean };
  readonly waves: readonly WaveProgress[];
  readonly log: readonly LogLine[];
  /** When the first non-canary device ended (ms), for the ETA. */
  readonly fanoutSince?: number;
  /** Devices over at `fanoutSince` (they do not count in the rate). */
  readonly doneAtFanout?: number;
  readonly finishedAt?: number;
  /** How long the run took, once finished. */
  readonly durationMs?: number;
  readonly reason?: string;
}

/** Lines kept in the live tail: enough to read back, bounded for a 10,000-device run. */
export const LOG_TAIL_LINES = 500;

/** Device states in which a device is over. */
export const TERMINAL_STATES: ReadonlySet<string> = new Set([
  'succeeded',
  'failed',
  'skipped',
  'aborted',
]);

/** The monitor before any event: the job's devices, all pending, in job order. */
export function initialMonitor(
  status: string,
  canary: string,
  devices: readonly { key: string; state: string }[],
): JobMonitor {
  const map = new Map<string, MonitorDevice>();
  for (const d of devices) map.set(d.key, { key: d.key, state: d.state, attempt: 0 });
  return {
    status,
    lastSeq: 0,
    order: devices.map((d) => d.key),
    devices: map,
    canary: { key: canary, awaitingApproval: false },
    waves: [],
    log: [],
  };
}

function setDevice(
  devices: Map<string, MonitorDevice>,
  order: string[],
  key: string,
  patch: Partial<MonitorDevice>,
): void {
  const before = devices.get(key);
  if (!before) order.push(key);
  devices.set(key, { key, state: 'pending', attempt: 0, ...before, ...patch });
}

/** Applies a batch of events (in sequence order; already seen ones are ignored). */
export function applyEvents(monitor: JobMonitor, events: readonly FleetEvent[]): JobMonitor {
  const fresh = events.filter((e) => e.seq > monitor.lastSeq);
  if (fresh.length === 0) return monitor;
  const devices = new Map(monitor.devices);
  const order = [...monitor.order];
  let next: JobMonitor = { ...monitor };
  const log: LogLine[] = [...monitor.log];
  for (const e of fresh) next = applyOne(next, e, devices, order, log);
  return {
    ...next,
    lastSeq: fresh[fresh.length - 1]!.seq,
    devices,
    order,
    log: log.length > LOG_TAIL_LINES ? log.slice(-LOG_TAIL_LINES) : log,
  };
}

function applyOne(
  m: JobMonitor,
  e: FleetEvent,
  devices: Map<string, MonitorDevice>,
  order: string[],
  log: LogLine[],
): JobMonitor {
  const line = (text: string, level: LogLine['level'] = 'info', deviceKey?: string): void => {
    log.push({ seq: e.seq, at: e.at, level, text, ...(deviceKey ? { deviceKey } : {}) });
  };
  switch (e.type) {
    case 'job:status':
      line(
        `job ${e.from ?? 'new'} → ${e.to}${e.actor ? ` by ${e.actor}` : ''}${e.reason ? `: ${reasonText(e.reason)}` : ''}`,
      );
      return { ...m, status: e.to };
    case 'job:approved':
      line(`approved by ${e.approvedBy}`);
      return m;
    case 'job:canary':
      line(
        `canary ${e.verdict}${e.awaitingApproval ? ', awaiting approval' : ''}`,
        e.verdict === 'passed' ? 'info' : 'error',
        e.deviceKey,
      );
      return {
        ...m,
        canary: { key: e.deviceKey, verdict: e.verdict, awaitingApproval: e.awaitingApproval },
      };
    case 'job:wave': {
      line(`wave ${e.wave + 1} ${e.phase} (${e.size} devices)`);
      const waves = m.waves.filter((w) => w.wave !== e.wave);
      waves.push({ wave: e.wave, size: e.size, phase: e.phase });
      return { ...m, waves: waves.sort((a, b) => a.wave - b.wave) };
    }
    case 'job:finished':
      line(
        `job ${e.status} in ${formatElapsed(e.durationMs)}${e.reason ? `: ${reasonText(e.reason)}` : ''}`,
        e.status === 'completed' ? 'info' : 'error',
      );
      return {
        ...m,
        status: e.status,
        finishedAt: Date.parse(e.at),
        durationMs: e.durationMs,
        ...(e.reason ? { reason: e.reason } : {}),
      };
    case 'device:status':
      setDevice(devices, order, e.deviceKey, {
        state: e.state,
        attempt: e.attempt,
        ...(e.code ? { code: e.code } : {}),
        ...(e.message ? { message: e.message } : {}),
      });
      return m;
    case 'device:waiting':
      line(`waits for job ${e.heldByJobId}`, 'warn', e.deviceKey);
      return m;
    case 'device:result': {
      setDevice(devices, order, e.deviceKey, {
        state: e.state,
        attempt: e.attempts,
        ...(e.code ? { code: e.code } : {}),
        ...(e.message ? { message: e.message } : {}),
        ...(e.diffHash ? { diffHash: e.diffHash } : {}),
      });
      const level = e.state === 'failed' || e.state === 'aborted' ? 'error' : 'info';
      line(
        `${e.state}${e.code ? ` (${e.code})` : ''}${e.skipReason ? ` (${e.skipReason})` : ''}${e.message ? `: ${e.message}` : ''}`,
        level,
        e.deviceKey,
      );
      const isFanout = e.deviceKey !== m.canary.key && e.state !== 'skipped';
      if (!isFanout || m.fanoutSince !== undefined) return m;
      const done = [...devices.values()].filter((d) => TERMINAL_STATES.has(d.state)).length;
      return { ...m, fanoutSince: Date.parse(e.at), doneAtFanout: done };
    }
    case 'log':
      for (const text of e.lines) line(text, e.level, e.deviceKey);
      return m;
    default:
      return m;
  }
}

/** Devices by state, plus `done` (terminal) and `total`. */
export function countStates(
  monitor: JobMonitor,
): Record<string, number> & { done: number; total: number } {
  const counts: Record<string, number> = {};
  let done = 0;
  for (const d of monitor.devices.values()) {
    counts[d.state] = (counts[d.state] ?? 0) + 1;
    if (TERMINAL_STATES.has(d.state)) done++;
  }
  return Object.assign(counts, { done, total: monitor.devices.size });
}
