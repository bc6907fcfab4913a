import type { CommandOutputRecord } from '@fleetpush/contracts';
import { capText } from '@fleetpush/domain';
import type { CommandOutput } from '@fleetpush/ssh';

/**
 * Cap of one stored command output. A full `show running-config` of a large chassis fits;
 * 10,000 devices × a few outputs stay within what one run should hold in Redis.
 */
export const OUTPUT_MAX_BYTES = 256 * 1024;

/** Converts session outputs into stored records, each capped. */
export function toOutputRecords(outputs: readonly CommandOutput[]): CommandOutputRecord[] {
  return outputs.map((o) => {
    const capped = capText(o.output, OUTPUT_MAX_BYTES);
    return {
      command: o.command,
      output: capped.text,
      ...(capped.truncated ? { truncated: true } : {}),
      ...(o.rejected !== undefined ? { rejected: o.rejected } : {}),
      duration_ms: Math.round(o.durationMs),
    };
  });
}

/** The text that pre/post outputs are diffed on: each command as a header and its output. */
export function joinOutputs(outputs: readonly CommandOutput[]): string {
  return outputs.map((o) => `$ ${o.command}\n${o.output}`).join('\n');
}
