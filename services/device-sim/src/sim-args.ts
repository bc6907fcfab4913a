import { parseArgs } from 'node:util';
import { err, ok, parsePlatform, type Platform, type Result } from '@fleetpush/domain';
import type { FaultSpec } from './fault-spec';
import type { SimFleetOptions } from './fleet-plan';

/** What the `device-sim` program was asked to do. */
export interface SimProgramOptions {
  readonly fleet: SimFleetOptions;
  readonly csvPath?: string;
  readonly controlPort?: number;
}

/** Usage text of the program. */
export const SIM_USAGE = `usage: device-sim [options]
  --devices N               number of devices (default 10)
  --platforms mix|a,b,...   platforms, round-robin (default cisco_ios; aliases like junos work)
  --host H                  listen address (default 127.0.0.1)
  --base-port P             device i listens on P+i (default: ephemeral ports)
  --csv FILE                write the inventory CSV here
  --control-port P          JSON control endpoint on 127.0.0.1:P (0 = ephemeral)
  --enable-secrets          IOS/IOS-XE/EOS devices get an enable secret
  --faulty-fraction F       give this fraction of devices the --fault-* knobs (else all devices)
  --seed N                  seed of the faulty-device choice
  --fault-latency-ms MS     --fault-hang-on REGEX   --fault-drop-after N
  --fault-auth-failures N   --fault-reject REGEX    --fault-banner-delay-ms MS
  --fault-legacy-only       --confirm-time-scale X`;

const OPTIONS = {
  devices: { type: 'string' },
  platforms: { type: 'string' },
  host: { type: 'string' },
  'base-port': { type: 'string' },
  csv: { type: 'string' },
  'control-port': { type: 'string' },
  'enable-secrets': { type: 'boolean' },
  'faulty-fraction': { type: 'string' },
  seed: { type: 'string' },
  'fault-latency-ms': { type: 'string' },
  'fault-hang-on': { type: 'string' },
  'fault-drop-after': { type: 'string' },
  'fault-auth-failures': { type: 'string' },
  'fault-reject': { type: 'string' },
  'fault-banner-delay-ms': { type: 'string' },
  'fault-legacy-only': { type: 'boolean' },
  'confirm-time-scale': { type: 'string' },
  help: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

function numberFlag(values: Values, name: keyof Values, problems: string[]): number | undefined {
  const raw = values[name];
  if (raw === undefined || typeof raw === 'boolean') return undefined;
  const n = raw === 'Infinity' ? Infinity : Number(raw);
  if (Number.isNaN(n) || n < 0) problems.push(`--${name} must be a number >= 0, got "${raw}"`);
  return n;
}

function platformsFlag(
  raw: string | undefined,
  problems: string[],
): Platform[] | 'mix' | undefined {
  if (raw === undefined || raw === 'mix') return raw;
  return raw.split(',').flatMap((name) => {
    const platform = parsePlatform(name);
    if (!platform) problems.push(`unknown platform "${name}"`);
    return platform ? [platform] : [];
  });
}

function faultsFlag(values: Values, problems: string[]): FaultSpec {
  const entries: [keyof FaultSpec, unknown][] = [
    ['commandLatencyMs', numberFlag(values, 'fault-latency-ms', problems)],
    ['hangOnCommand', values['fault-hang-on']],
    ['dropAfterCommands', numberFlag(values, 'fault-drop-after', problems)],
    ['authFailures', numberFlag(values, 'fault-auth-failures', problems)],
    ['rejectCommand', values['fault-reject']],
    ['bannerDelayMs', numberFlag(values, 'fault-banner-delay-ms', problems)],
    ['legacyOnly', values['fault-legacy-only']],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as FaultSpec;
}

/** Parses the program's flags; every problem is reported at once. */
export function parseSimArgs(argv: readonly string[]): Result<SimProgramOptions, string[]> {
  let values: Values;
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true }).values;
  } catch (error) {
    return err([(error as Error).message]);
  }
  if (values.help) return err([SIM_USAGE]);
  const problems: string[] = [];
  const devices = numberFlag(values, 'devices', problems) ?? 10;
  const fraction = numberFlag(values, 'faulty-fraction', problems);
  const seed = numberFlag(values, 'seed', problems);
  const scale = numberFlag(values, 'confirm-time-scale', problems);
  const faults = faultsFlag(values, problems);
  const platforms = platformsFlag(values.platforms, problems);
  const basePort = numberFlag(values, 'base-port', problems);
  const controlPort = numberFlag(values, 'control-port', problems);
  if (problems.length > 0) return err(problems);
  const shared: FaultSpec = scale === undefined ? {} : { confirmTimeScale: scale };
  const fleet: SimFleetOptions = {
    devices,
    ...(platforms ? { platforms } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(basePort !== undefined ? { basePort } : {}),
    ...(values['enable-secrets'] ? { enableSecrets: true } : {}),
    ...(fraction === undefined
      ? { faults: { ...shared, ...faults } }
      : {
          faults: shared,
          faultyFraction: { fraction, faults, ...(seed !== undefined ? { seed } : {}) },
        }),
  };
  return ok({
    fleet,
    ...(values.csv ? { csvPath: values.csv } : {}),
    ...(controlPort !== undefined ? { controlPort } : {}),
  });
}
