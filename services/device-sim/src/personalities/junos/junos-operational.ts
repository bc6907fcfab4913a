import { matchCommand, syntax, tokenize } from '../../cli/command-table';
import { type Reply, SILENT, say } from '../../cli/reply';
import { isoStamp } from '../clock-format';
import type { SessionInfo } from '../personality';
import { bsdPing } from '../ping-output';
import { JUNOS_VERSION, type JunosDevice } from './junos-device';
import { junosWords, statementPath } from './junos-tree';

/** What operational commands may touch in their session. */
export interface OperationalScope {
  readonly device: JunosDevice;
  readonly info: SessionInfo;
  error(column: number, message: string): Reply;
  setLength(lines: number): void;
  configure(mode: string): Reply;
}

const OPERATIONAL = [
  syntax('show-version', 'show version'),
  syntax('show-configuration', 'show configuration <rest>'),
  syntax('show-terse', 'show interfaces terse'),
  syntax('show-uptime', 'show system uptime'),
  syntax('show-commit', 'show system commit'),
  syntax('screen-length', 'set cli screen-length <arg>'),
  syntax('cli-other', 'set cli <rest>'),
  syntax('configure', 'configure'),
  syntax('configure', 'configure <arg>'),
  syntax('exit', 'exit'),
  syntax('exit', 'quit'),
  syntax('ping', 'ping <arg> <rest>'),
  syntax('request', 'request <rest>'),
  syntax('clear', 'clear <rest>'),
] as const;

/** Junos' largest `screen-length`. */
const MAX_SCREEN_LENGTH = 100_000;

/** Runs one operational-mode command (the `>` prompt), with its `| pipes`. */
export function junosOperational(line: string, scope: OperationalScope): Reply {
  const [command = '', ...pipes] = line.split('|');
  const match = matchCommand(command, OPERATIONAL);
  if (match.kind === 'empty') return SILENT;
  if (match.kind === 'invalid') {
    const first = tokenize(line)[0]?.column ?? 0;
    return scope.error(
      match.column,
      match.column === first ? 'unknown command.' : 'syntax error, expecting <command>.',
    );
  }
  if (match.kind === 'ambiguous')
    return scope.error(match.column, `'${match.token}' is ambiguous.`);
  if (match.kind === 'incomplete')
    return scope.error(command.trimEnd().length + 1, 'syntax error, expecting <command>.');
  const reply = run(match.id, match.args, scope);
  return applyPipes(
    reply,
    pipes.map((p) => p.trim()),
  );
}

function run(
  id: (typeof OPERATIONAL)[number]['id'],
  args: readonly string[],
  scope: OperationalScope,
): Reply {
  const { device } = scope;
  switch (id) {
    case 'show-version':
      return say(showVersion(device), true);
    case 'show-configuration': {
      const path = statementPath(junosWords(args.join(' ')));
      if (path.length === 0) return say(`${device.render(device.running).join('\n')}\n`, true);
      return say(`${device.running.render(device.running.at(path) ?? []).join('\n')}\n`, true);
    }
    case 'show-terse':
      return say(showTerse(device), true);
    case 'show-uptime':
      return say(
        `Current time: ${isoStamp(device.init.now())}\nTime Source:  LOCAL CLOCK \nSystem booted: ${isoStamp(device.bootedAt)}\nProtocols started: ${isoStamp(device.bootedAt)}\n${device.lastCommit ? `Last configured: ${isoStamp(device.lastCommit.at)} by ${device.lastCommit.by}\n` : ''}`,
      );
    case 'show-commit':
      return say(
        device.lastCommit
          ? `0   ${isoStamp(device.lastCommit.at)} by ${device.lastCommit.by} via cli\n`
          : '',
      );
    case 'screen-length':
      return screenLength(args[0] ?? '', scope);
    case 'cli-other':
    case 'request':
    case 'clear':
      return SILENT;
    case 'configure':
      return scope.configure(args[0] ?? '');
    case 'exit':
      return { output: '', close: true };
    case 'ping': {
      const count = Number(/count (\d+)/.exec(args.join(' '))?.[1] ?? 5);
      return say(bsdPing(args[0] ?? '', count));
    }
  }
}

function screenLength(value: string, scope: OperationalScope): Reply {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > MAX_SCREEN_LENGTH) {
    return scope.error('set cli screen-length '.length, 'syntax error, expecting <number>.');
  }
  scope.setLength(n);
  return say(`Screen length set to ${n}\n`);
}

/** Junos pipes: `no-more` (no paging), `match`, `except`, `count`, `display set`. */
function applyPipes(reply: Reply, pipes: readonly string[]): Reply {
  let result = reply;
  for (const pipe of pipes) {
    const [verb = '', ...rest] = pipe.split(/\s+/);
    const pattern = new RegExp(rest.join(' ').replace(/^"|"$/g, ''));
    const lines = result.output.replace(/\n$/, '').split('\n');
    if ('no-more'.startsWith(verb)) result = { ...result, paged: false };
    else if ('match'.startsWith(verb))
      result = { ...result, output: keep(lines.filter((l) => pattern.test(l))) };
    else if ('except'.startsWith(verb))
      result = { ...result, output: keep(lines.filter((l) => !pattern.test(l))) };
    else if ('count'.startsWith(verb)) result = { output: `Count: ${lines.length} lines\n` };
    else if ('display'.startsWith(verb)) result = { ...result, output: displaySet(result.output) };
  }
  return result;
}

function keep(lines: readonly string[]): string {
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** Turns curly-brace config text into `set` lines. */
function displaySet(text: string): string {
  const stack: string[] = [];
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('##') || line === '') continue;
    if (line.endsWith('{')) stack.push(line.slice(0, -1).trim());
    else if (line === '}') stack.pop();
    else if (line.endsWith(';')) out.push(['set', ...stack, line.slice(0, -1)].join(' '));
  }
  return keep(out);
}

function showVersion(device: JunosDevice): string {
  return `Hostname: ${device.hostname()}
Model: vmx
Junos: ${JUNOS_VERSION}
JUNOS OS Kernel 64-bit  [20230124.6a9d6b5_builder_stable_12_214]
JUNOS OS libs [20230124.6a9d6b5_builder_stable_12_214]
JUNOS OS runtime [20230124.6a9d6b5_builder_stable_12_214]
JUNOS OS time zone information [20230124.6a9d6b5_builder_stable_12_214]
JUNOS network stack and utilities [20230210.055339_builder_junos_214_r3]
JUNOS libs [20230210.055339_builder_junos_214_r3]
JUNOS OS libs compat32 [20230124.6a9d6b5_builder_stable_12_214]
JUNOS OS 32-bit compatibility [20230124.6a9d6b5_builder_stable_12_214]
JUNOS py extensions [20230210.055339_builder_junos_214_r3]
JUNOS py base [20230210.055339_builder_junos_214_r3]
JUNOS OS vmguest [20230124.6a9d6b5_builder_stable_12_214]
JUNOS OS crypto [20230124.6a9d6b5_builder_stable_12_214]
JUNOS mx libs compat32 [20230210.055339_builder_junos_214_r3]
JUNOS mx runtime [20230210.055339_builder_junos_214_r3]
JUNOS common platform support [20230210.055339_builder_junos_214_r3]
JUNOS Packet Forwarding Engine Simulation Package [20230210.055339_builder_junos_214_r3]
JUNOS Routing Engine Software Suite [20230210.055339_builder_junos_214_r3]
`;
}

function showTerse(device: JunosDevice): string {
  const rows = ['Interface               Admin Link Proto    Local                 Remote'];
  for (const ifd of device.running.at(['interfaces']) ?? []) {
    rows.push(`${ifd.name.padEnd(24)}up    up`);
    for (const unit of ifd.children.filter((c) => c.name.startsWith('unit '))) {
      const family = unit.children.find((c) => c.name.startsWith('family '));
      const address =
        family?.children.find((c) => c.name.startsWith('address '))?.name.slice(8) ?? '';
      const proto = family?.name.slice('family '.length) ?? '';
      rows.push(
        `${`${ifd.name}.${unit.name.slice(5)}`.padEnd(24)}up    up   ${proto.padEnd(9)}${address}`,
      );
    }
  }
  return `${rows.join('\n')}\n`;
}
