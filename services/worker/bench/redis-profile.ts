import type { Redis } from 'ioredis';

/** One command's (or one script's) share of Redis's own time. */
interface CommandCost {
  name: string;
  calls: number;
  usec: number;
  /** Each call's µs, when known (scripts): their median resists the VM's scheduling noise. */
  samples?: number[];
}

const SLOWLOG_ENTRIES = 500_000;

/** Redis's user and system CPU seconds. */
async function cpuSplit(redis: Redis): Promise<{ user: number; sys: number }> {
  const info = await redis.info('cpu');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return { user: field('used_cpu_user'), sys: field('used_cpu_sys') };
}

let cpuAtReset = { user: 0, sys: 0 };

/**
 * Zeroes Redis's command statistics and logs every command with its duration (SLOWLOG with a
 * threshold of 0), so a later {@link printRedisProfile} covers one run. Bench Redis only.
 */
export async function resetRedisProfile(redis: Redis): Promise<void> {
  await redis.config('RESETSTAT');
  await redis.config('SET', 'slowlog-max-len', String(SLOWLOG_ENTRIES));
  await redis.config('SET', 'slowlog-log-slower-than', '0');
  await redis.slowlog('RESET');
  cpuAtReset = await cpuSplit(redis);
}

function parseCommandStats(info: string): CommandCost[] {
  const costs: CommandCost[] = [];
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    costs.push({ name: match[1]!, calls: Number(match[2]), usec: Number(match[3]) });
  }
  return costs;
}

/** A script call's name: its SHA and the shape of its first key (ids and numbers blanked). */
function scriptName(args: string[]): string {
  const firstKey = (args[3] ?? '').replace(/[0-9a-f-]{8,}/g, '…').replace(/\d+/g, '#');
  return `${args[0]} ${args[1]!.slice(0, 8)} ${firstKey.split(':').slice(-2).join(':')}`;
}

async function topLevelCosts(redis: Redis): Promise<CommandCost[]> {
  const entries = (await redis.slowlog('GET', SLOWLOG_ENTRIES)) as [
    number,
    number,
    number,
    string[],
  ][];
  const byName = new Map<string, CommandCost>();
  for (const [, , usec, args] of entries) {
    const command = args[0]!.toLowerCase();
    const name = command === 'evalsha' || command === 'eval' ? scriptName(args) : command;
    const cost = byName.get(name) ?? { name, calls: 0, usec: 0, samples: [] };
    cost.calls += 1;
    cost.usec += usec;
    cost.samples!.push(usec);
    byName.set(name, cost);
  }
  return [...byName.values()];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function printCosts(title: string, costs: CommandCost[], devices: number, top: number): void {
  console.log(`  ${title}`);
  for (const c of costs.sort((a, b) => b.usec - a.usec).slice(0, top)) {
    console.log(
      `    ${c.name.padEnd(48)} ${(c.calls / devices).toFixed(2).padStart(7)} calls ${(c.usec / devices).toFixed(1).padStart(7)} µs${c.samples ? `  (median ${median(c.samples)} µs a call)` : ''}`,
    );
  }
}

/**
 * Prints where Redis spent its time since the last reset, per device: by command (a script's
 * inner commands are counted both in `evalsha` and under their own names) and by script.
 */
export async function printRedisProfile(redis: Redis, devices: number, top = 25): Promise<void> {
  const cpu = await cpuSplit(redis);
  const perDevice = (s: number) => ((s * 1e6) / devices).toFixed(1);
  console.log(
    `  Redis CPU per device: user ${perDevice(cpu.user - cpuAtReset.user)} µs, system ${perDevice(cpu.sys - cpuAtReset.sys)} µs (SLOWLOG on: a little higher than without)`,
  );
  const stats = parseCommandStats(await redis.info('commandstats'));
  const scripts = await topLevelCosts(redis);
  await redis.config('SET', 'slowlog-log-slower-than', '10000');
  await redis.slowlog('RESET');
  printCosts(
    'Redis time by command, per device (scripts include their inner commands):',
    stats,
    devices,
    top,
  );
  printCosts(
    'Redis time by top-level command and script, per device (SLOWLOG durations):',
    scripts,
    devices,
    top,
  );
}
