import { JOB_TRANSITIONS, TERMINAL_DEVICE_STATES, TERMINAL_JOB_STATES } from '@fleetpush/domain';

function luaString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function luaSet(values: Iterable<string>): string {
  return `{${[...values].map((v) => `[${luaString(v)}]=true`).join(',')}}`;
}

/**
 * The domain's state tables rendered as Lua, so the scripts cannot drift from the TypeScript
 * state machines: `jobT()[event][from] = to`, `TERMINAL_JOB[state]`, `TERMINAL_DEVICE[state]`.
 */
export function luaStateTables(): string {
  const jobT = Object.entries(JOB_TRANSITIONS)
    .map(([event, table]) => {
      const pairs = Object.entries(table).map(
        ([from, to]) => `[${luaString(from)}]=${luaString(to)}`,
      );
      return `[${luaString(event)}]={${pairs.join(',')}}`;
    })
    .join(',');
  return [
    // built on first use: most steps never change the job's status
    `local JOB_T_CACHE`,
    `local function jobT() JOB_T_CACHE = JOB_T_CACHE or {${jobT}} return JOB_T_CACHE end`,
    `local TERMINAL_JOB = ${luaSet(TERMINAL_JOB_STATES)}`,
    `local TERMINAL_DEVICE = ${luaSet(TERMINAL_DEVICE_STATES)}`,
  ].join('\n');
}
