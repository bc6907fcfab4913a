import type { Measurement } from './change';

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function groups(measurements: readonly Measurement[]): Map<string, Measurement[]> {
  const out = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = `${m.devices}\u0000${m.tool}`;
    out.set(key, [...(out.get(key) ?? []), m]);
  }
  return out;
}

/** The prefix of the SSH floor's tool names (`ssh2 floor c200`): a yardstick, not a peer. */
const FLOOR = 'ssh2 floor';

function isPeer(tool: string): boolean {
  return !tool.startsWith('fleetpush') && !tool.startsWith(FLOOR);
}

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The per-tool table: medians over the runs of each (N, tool). */
export function summaryTable(measurements: readonly Measurement[]): string {
  const lines = [
    row([
      'N',
      'tool',
      'runs',
      'wall s (median)',
      'devices/s',
      'CPU s',
      'CPU ms/device',
      'peak RSS MB',
      'failures',
      'applied once (ledger)',
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const list of groups(measurements).values()) {
    const { devices, tool } = list[0]!;
    const wall = median(list.map((m) => m.wallMs)) / 1000;
    const cpu = median(list.map((m) => m.cpuSeconds));
    lines.push(
      row([
        devices,
        tool,
        list.length,
        wall.toFixed(2),
        (devices / wall).toFixed(1),
        cpu.toFixed(2),
        ((cpu * 1000) / devices).toFixed(2),
        (median(list.map((m) => m.peakRssBytes)) / 1e6).toFixed(0),
        list.map((m) => m.failures).join('/'),
        list.map((m) => m.applied ?? '?').join('/'),
      ]),
    );
  }
  return lines.join('\n');
}

/**
 * fleetpush against each peer at the same N, paired run by run (run i of one with run i of the
 * other, which ran back to back on the same machine): how many times faster (peer wall ÷
 * fleetpush wall) and how many times less CPU (peer CPU ÷ fleetpush CPU), median and per run.
 */
export function ratioTable(measurements: readonly Measurement[]): string {
  const lines = [
    row([
      'N',
      'fleetpush',
      'peer',
      'speed-up (median)',
      'per run',
      'CPU ratio (median)',
      'per run',
    ]),
    row(['---:', '---', '---', '---:', '---', '---:', '---']),
  ];
  const byKey = groups(measurements);
  for (const fp of byKey.values()) {
    if (!fp[0]!.tool.startsWith('fleetpush')) continue;
    for (const peer of byKey.values()) {
      const other = peer[0]!;
      if (!isPeer(other.tool) || other.devices !== fp[0]!.devices) continue;
      const pairs = fp.flatMap((f) => {
        const p = peer.find((x) => x.run === f.run);
        return p ? [{ speed: p.wallMs / f.wallMs, cpu: p.cpuSeconds / f.cpuSeconds }] : [];
      });
      if (pairs.length === 0) continue;
      const fmt = (xs: number[]) => xs.map((x) => `${x.toFixed(1)}×`).join(', ');
      lines.push(
        row([
          fp[0]!.devices,
          fp[0]!.tool,
          peer[0]!.tool,
          `${median(pairs.map((p) => p.speed)).toFixed(1)}×`,
          fmt(pairs.map((p) => p.speed)),
          `${median(pairs.map((p) => p.cpu)).toFixed(1)}×`,
          fmt(pairs.map((p) => p.cpu)),
        ]),
      );
    }
  }
  return lines.join('\n');
}

/** The window of a tool name (`fleetpush c200 warm` → `c200`). */
function windowOf(tool: string): string | undefined {
  return /\bc\d+\b/.exec(tool)?.[0];
}

function perDevice(m: Measurement): number {
  return (m.cpuSeconds * 1000) / m.devices;
}

/**
 * fleetpush against the SSH floor at the same N and window, run by run: CPU per device of each,
 * fleetpush's CPU beyond the floor (the engine's own: queue, Redis, results, events, API), and the
 * wall-time ratio. Empty when the floor was not run.
 */
export function floorTable(measurements: readonly Measurement[]): string {
  const byKey = groups(measurements);
  const lines: string[] = [];
  for (const fp of byKey.values()) {
    if (!fp[0]!.tool.startsWith('fleetpush')) continue;
    const floor = [...byKey.values()].find(
      (f) => f[0]!.tool === `${FLOOR} ${windowOf(fp[0]!.tool)}` && f[0]!.devices === fp[0]!.devices,
    );
    const pairs = fp.flatMap((f) => {
      const b = floor?.find((x) => x.run === f.run);
      return b ? [{ fp: perDevice(f), floor: perDevice(b), wall: f.wallMs / b.wallMs }] : [];
    });
    if (pairs.length === 0) continue;
    const beyond = pairs.map((p) => p.fp - p.floor);
    lines.push(
      row([
        fp[0]!.devices,
        fp[0]!.tool,
        median(pairs.map((p) => p.floor)).toFixed(2),
        median(pairs.map((p) => p.fp)).toFixed(2),
        median(beyond).toFixed(2),
        beyond.map((x) => x.toFixed(2)).join(', '),
        `${median(pairs.map((p) => p.wall)).toFixed(2)}×`,
      ]),
    );
  }
  if (lines.length === 0) return '';
  return [
    row([
      'N',
      'fleetpush',
      'SSH floor CPU ms/device',
      'fleetpush CPU ms/device',
      'beyond the floor (median)',
      'per run',
      'wall fleetpush ÷ floor',
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---', '---:']),
    ...lines,
  ].join('\n');
}
