import { PLATFORMS, type Platform } from '@fleetpush/domain';
import { SimOptionsError } from './errors';
import { type FaultSpec, validateFaults } from './fault-spec';
import { personalityOf } from './personalities/registry';

/** One device of a fleet, as the caller describes it. */
export interface SimDeviceSpec {
  platform: Platform;
  hostname?: string;
  username?: string;
  password?: string;
  /** IOS/IOS-XE/EOS: logins land in user EXEC (`>`) and `enable` asks for this. */
  enableSecret?: string;
  faults?: FaultSpec;
  /** Marked production in the inventory CSV (default false). */
  prod?: boolean;
}

/** What {@link startFleet} builds. */
export interface SimFleetOptions {
  /** A count of generated devices, or one spec per device. */
  devices: number | SimDeviceSpec[];
  /** Platforms of generated devices, assigned round-robin; `mix` = all (default `['cisco_ios']`). */
  platforms?: Platform[] | 'mix';
  /** Listen address (default `127.0.0.1`). */
  host?: string;
  /** 0 (default) = an ephemeral port per device; else `basePort + index`. */
  basePort?: number;
  /** Faults every device starts with (device and fraction faults override per knob). */
  faults?: FaultSpec;
  /** Give this fraction of the devices extra faults, chosen by a seeded shuffle. */
  faultyFraction?: { fraction: number; faults: FaultSpec; seed?: number };
  /** Generated IOS/IOS-XE/EOS devices get an enable secret (`enable-<n>`), so logins land in `>`. */
  enableSecrets?: boolean;
}

/** A fully resolved device, ready to build. */
export interface PlannedDevice {
  readonly index: number;
  readonly platform: Platform;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly enableSecret?: string;
  readonly faults: FaultSpec;
  readonly prod: boolean;
}

/** Platforms with an enable mode. */
const ENABLE_PLATFORMS: ReadonlySet<Platform> = new Set(['cisco_ios', 'cisco_xe', 'arista_eos']);
/** A fleet larger than this is a typo (and would exhaust the port range). */
const MAX_DEVICES = 50_000;
/** Default seed of the faulty-device shuffle, so runs are repeatable. */
const DEFAULT_SEED = 42;

/** Resolves fleet options into one plan per device (pure; throws SimOptionsError). */
export function planFleet(options: SimFleetOptions): PlannedDevice[] {
  const specs = typeof options.devices === 'number' ? generated(options) : options.devices;
  if (specs.length > MAX_DEVICES) throw new SimOptionsError(`at most ${MAX_DEVICES} devices`);
  const faulty = faultySet(specs.length, options.faultyFraction);
  return specs.map((spec, index) => plan(spec, index, options, faulty.has(index)));
}

function generated(options: SimFleetOptions): SimDeviceSpec[] {
  const count = options.devices as number;
  if (!Number.isInteger(count) || count < 0) {
    throw new SimOptionsError(`devices must be a whole number >= 0, got ${count}`);
  }
  const platforms =
    options.platforms === 'mix' ? [...PLATFORMS] : (options.platforms ?? ['cisco_ios']);
  if (platforms.length === 0) throw new SimOptionsError('platforms must not be empty');
  return Array.from({ length: count }, (_, i) => {
    const platform = platforms[i % platforms.length] as Platform;
    const secret = options.enableSecrets && ENABLE_PLATFORMS.has(platform);
    return { platform, ...(secret ? { enableSecret: `enable-${i + 1}` } : {}) };
  });
}

function plan(
  spec: SimDeviceSpec,
  index: number,
  options: SimFleetOptions,
  faulty: boolean,
): PlannedDevice {
  const personality = personalityOf(spec.platform);
  if (!personality) throw new SimOptionsError(`platform ${String(spec.platform)} is not simulated`);
  const faults = validateFaults({
    ...options.faults,
    ...(faulty ? options.faultyFraction?.faults : {}),
    ...spec.faults,
  });
  return {
    index,
    platform: spec.platform,
    hostname: spec.hostname ?? `${personality.hostnamePrefix}${index + 1}`,
    username: spec.username ?? 'admin',
    password: spec.password ?? `sim-pass-${index + 1}`,
    ...(spec.enableSecret !== undefined ? { enableSecret: spec.enableSecret } : {}),
    faults,
    prod: spec.prod ?? false,
  };
}

/** Indices of the faulty devices: round(fraction × n) of them (at least one when fraction > 0). */
export function faultySet(
  count: number,
  spec: SimFleetOptions['faultyFraction'],
): ReadonlySet<number> {
  if (!spec || spec.fraction <= 0 || count === 0) return new Set();
  if (spec.fraction > 1) throw new SimOptionsError('faultyFraction.fraction must be within 0..1');
  const wanted = Math.max(1, Math.round(spec.fraction * count));
  const random = mulberry32(spec.seed ?? DEFAULT_SEED);
  const indices = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
  }
  return new Set(indices.slice(0, wanted));
}

/** A tiny seeded PRNG (mulberry32): repeatable choices without a dependency. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
