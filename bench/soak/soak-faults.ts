import type { FaultSpec } from '@fleetpush/device-sim';

/**
 * The mixed fault knobs given to faulty devices, in turn: a hang mid-change (command timeout),
 * a dropped session mid-change, one refused login (retried), a rejected config line, a slow
 * banner. `latencyMs` is kept on every device (a fault spec replaces the device's knobs).
 */
export function faultFor(n: number, latencyMs: number): FaultSpec {
  const kinds: FaultSpec[] = [
    { hangOnCommand: 'snmp-server location' },
    { dropAfterCommands: 4 },
    { authFailures: 1 },
    { rejectCommand: 'logging host' },
    { bannerDelayMs: 3_000 },
  ];
  return { commandLatencyMs: latencyMs, ...kinds[n % kinds.length] };
}

/** Indexes of the faulty devices: `pct` % of `devices`, spread evenly, never the canary (0). */
export function faultyIndexes(devices: number, pct: number): number[] {
  const count = Math.floor((devices * pct) / 100);
  if (count === 0) return [];
  const step = devices / count;
  return Array.from({ length: count }, (_, i) => Math.min(devices - 1, Math.floor(i * step) + 1));
}
