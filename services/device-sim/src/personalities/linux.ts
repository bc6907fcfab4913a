import type { CliPersonality } from '../cli/cli-personality';
import { type Reply, SILENT, say } from '../cli/reply';
import { dayMonthDate, hms, unixDate } from './clock-format';
import { deviceAddress } from './ios/interface-names';
import type { DeviceInit, Personality, PersonalityDevice, SessionInfo } from './personality';
import { linuxPing } from './ping-output';

/** bash's exit status for a command that does not exist. */
const NOT_FOUND = 127;

/**
 * A Linux host's "configuration": what fleetpush changes on Linux with plain commands. Mutating
 * commands are `ip addr add|del`, `ip route add|del`, `ip link set`, `sysctl -w k=v`,
 * `hostnamectl set-hostname` / `hostname X` (each optionally behind `sudo`); each applied one is a
 * ledger line, and the running config is the replayable command list of the current state.
 */
class LinuxHost implements PersonalityDevice {
  name: string;
  readonly addresses: string[];
  readonly routes: string[];
  readonly links = new Map<string, string>();
  readonly sysctls = new Map<string, string>([
    ['net.ipv4.ip_forward', '0'],
    ['net.ipv6.conf.all.forwarding', '0'],
  ]);
  readonly bootedAt: Date;

  constructor(readonly init: DeviceInit) {
    this.name = init.hostname;
    this.addresses = [`${deviceAddress(init.index)}/24 dev eth0`];
    this.routes = [`default via ${deviceAddress(init.index, 254)} dev eth0`];
    this.bootedAt = init.now();
  }

  hostname(): string {
    return this.name;
  }

  runningConfig(): string {
    return [
      `hostnamectl set-hostname ${this.name}`,
      ...this.addresses.map((a) => `ip addr add ${a}`),
      ...[...this.links].map(([dev, state]) => `ip link set ${dev} ${state}`),
      ...this.routes.map((r) => `ip route add ${r}`),
      ...[...this.sysctls].map(([k, v]) => `sysctl -w ${k}=${v}`),
      '',
    ].join('\n');
  }

  openSession(info: SessionInfo): CliPersonality {
    return new BashSession(this, info);
  }
}

/** One bash login: colour prompt with a window-title escape, `sudo` asking once, `$?`. */
class BashSession implements CliPersonality {
  readonly eol: string;
  readonly pager = { prompt: '', erase: '' };
  private status = 0;
  private sudoOk = false;

  constructor(
    private readonly host: LinuxHost,
    private readonly info: SessionInfo,
  ) {
    // Without a pty, sshd does no LF→CRLF translation.
    this.eol = info.pty ? '\r\n' : '\n';
  }

  greeting(): string {
    const at = this.host.bootedAt;
    return `Welcome to Ubuntu 22.04.4 LTS (GNU/Linux 5.15.0-91-generic x86_64)

 * Documentation:  https://help.ubuntu.com
 * Management:     https://landscape.canonical.com
 * Support:        https://ubuntu.com/pro

Last login: ${dayMonthDate(at)} ${hms(at)} ${at.getUTCFullYear()} from ${this.info.remoteIp}
`;
  }

  /** Ubuntu's default: title escape, green user@host, blue cwd, `$ `, bracketed-paste on. */
  prompt(): string {
    const who = `${this.info.username}@${this.host.name}`;
    if (!this.info.pty) return `${who}:~$ `;
    return `\x1b[?2004h\x1b]0;${who}: ~\x07\x1b[01;32m${who}\x1b[00m:\x1b[01;34m~\x1b[00m$ `;
  }

  execute(line: string): Reply {
    const reply = this.run(line.trim());
    this.status = reply.exitCode ?? 0;
    return reply;
  }

  reject(line: string): Reply {
    return this.fail(`bash: ${line.trim().split(/\s+/)[0] ?? ''}: Permission denied\n`, 126);
  }

  pageLength(): number {
    return 0;
  }

  control(): Reply {
    return SILENT;
  }

  dispose(): void {}

  private fail(output: string, exitCode: number): Reply {
    return { output, exitCode };
  }

  private run(line: string): Reply {
    if (line === '') return SILENT;
    const [cmd = '', ...args] = line.split(/\s+/);
    if (cmd === 'sudo') return this.sudo(args.join(' '));
    return this.builtin(cmd, args, line) ?? this.mutate(line, false);
  }

  private sudo(command: string): Reply {
    if (this.sudoOk) return this.mutate(command, true);
    return {
      output: '',
      ask: {
        prompt: `[sudo] password for ${this.info.username}: `,
        hidden: true,
        answer: () => {
          this.sudoOk = true;
          return this.mutate(command, true);
        },
      },
    };
  }

  private builtin(cmd: string, args: readonly string[], line: string): Reply | undefined {
    const now = this.host.init.now();
    switch (cmd) {
      case 'exit':
      case 'logout':
        return { output: 'logout\n', close: true };
      case 'echo':
        return say(`${args.join(' ').replace('$?', String(this.status))}\n`);
      case 'whoami':
        return say(`${this.info.username}\n`);
      case 'pwd':
        return say(`/home/${this.info.username}\n`);
      case 'date':
        return say(`${unixDate(now)}\n`);
      case 'uname':
        return say(
          `Linux ${this.host.name} 5.15.0-91-generic #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023 x86_64 x86_64 x86_64 GNU/Linux\n`,
        );
      case 'uptime':
        return say(
          ` ${hms(now)} up ${Math.floor((now.getTime() - this.host.bootedAt.getTime()) / 60_000)} min,  1 user,  load average: 0.00, 0.01, 0.00\n`,
        );
      case 'true':
        return SILENT;
      case 'false':
        return { output: '', exitCode: 1 };
      case 'ping':
        return say(linuxPing(args.at(-1) ?? '', Number(/-c\s*(\d+)/.exec(line)?.[1] ?? 5)));
      case 'cat':
        return this.cat(args[0] ?? '');
      default:
        return undefined;
    }
  }

  private cat(path: string): Reply {
    if (path === '/etc/hostname') return say(`${this.host.name}\n`);
    if (path === '/etc/os-release') {
      return say(
        'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\n',
      );
    }
    return this.fail(`cat: ${path}: No such file or directory\n`, 1);
  }

  private mutate(line: string, root: boolean): Reply {
    const outcome = linuxCommand(this.host, line, root);
    if (outcome.applied) {
      this.host.init.ledger.recordApply(line, [], this.info.sessionId);
    }
    return outcome.reply;
  }
}

/** Runs `ip`, `sysctl`, `hostname(ctl)`; `applied` when the host's state changed. */
function linuxCommand(
  host: LinuxHost,
  line: string,
  root: boolean,
): { reply: Reply; applied: boolean } {
  const words = line.split(/\s+/);
  const cmd = words[0] ?? '';
  const bad = words.find((w) => /^(invalid|bogus)$/i.test(w));
  const denied = {
    reply: { output: 'RTNETLINK answers: Operation not permitted\n', exitCode: 2 },
    applied: false,
  };
  if (cmd === 'ip') {
    const sub = words[1] ?? '';
    const verb = words[2] ?? '';
    if (!['add', 'del', 'set', 'replace', 'change'].includes(verb))
      return { reply: ipShow(host, sub), applied: false };
    if (bad)
      return {
        reply: {
          output: `Error: any valid prefix is expected rather than "${bad}".\n`,
          exitCode: 1,
        },
        applied: false,
      };
    if (!root) return denied;
    const rest = words.slice(3).join(' ');
    const list = 'address'.startsWith(sub)
      ? host.addresses
      : 'route'.startsWith(sub)
        ? host.routes
        : undefined;
    if (list) {
      const at = list.indexOf(rest);
      if (verb === 'del') {
        if (at === -1)
          return {
            reply: { output: 'RTNETLINK answers: Cannot assign requested address\n', exitCode: 2 },
            applied: false,
          };
        list.splice(at, 1);
      } else if (at === -1) list.push(rest);
      else
        return {
          reply: { output: 'RTNETLINK answers: File exists\n', exitCode: 2 },
          applied: false,
        };
      return { reply: SILENT, applied: true };
    }
    host.links.set(words[3] ?? '', words.slice(4).join(' '));
    return { reply: SILENT, applied: true };
  }
  if (cmd === 'sysctl') return sysctl(host, words.slice(1), root);
  if (cmd === 'hostnamectl' || (cmd === 'hostname' && words[1] !== undefined)) {
    if (!root)
      return {
        reply: { output: 'hostname: you must be root to change the host name\n', exitCode: 1 },
        applied: false,
      };
    host.name = words.at(-1) ?? host.name;
    return { reply: SILENT, applied: true };
  }
  if (cmd === 'hostname') return { reply: say(`${host.name}\n`), applied: false };
  return {
    reply: { output: `bash: ${cmd}: command not found\n`, exitCode: NOT_FOUND },
    applied: false,
  };
}

function sysctl(
  host: LinuxHost,
  args: readonly string[],
  root: boolean,
): { reply: Reply; applied: boolean } {
  const write = args[0] === '-w';
  const [key = '', value] = (write ? (args[1] ?? '') : (args[0] ?? '')).split('=');
  if (
    (!host.sysctls.has(key) && !/^(net|kernel|vm|fs)\.[a-z0-9_.]+$/.test(key)) ||
    /invalid|bogus/.test(key)
  ) {
    return {
      reply: {
        output: `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`,
        exitCode: 255,
      },
      applied: false,
    };
  }
  if (!write) return { reply: say(`${key} = ${host.sysctls.get(key) ?? '0'}\n`), applied: false };
  if (!root)
    return {
      reply: { output: `sysctl: permission denied on key "${key}"\n`, exitCode: 1 },
      applied: false,
    };
  host.sysctls.set(key, value ?? '');
  return { reply: say(`${key} = ${value ?? ''}\n`), applied: true };
}

function ipShow(host: LinuxHost, sub: string): Reply {
  if ('route'.startsWith(sub) && sub !== '')
    return say(host.routes.map((r) => `${r} proto static\n`).join(''));
  return say(
    [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    inet 127.0.0.1/8 scope host lo',
      '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000',
      ...host.addresses.map((a) => `    inet ${a.replace(/ dev (\S+)$/, ' scope global $1')}`),
      '',
    ].join('\n'),
  );
}

/**
 * Linux (Ubuntu 22.04, bash). Quirks: the prompt is coloured with ANSI escapes, sets the window
 * title and turns bracketed paste on, and ends in a space (`admin@host1:~$ `); without a pty the
 * output uses bare LF; changes need `sudo`, which asks "[sudo] password for admin: " once.
 */
export const linux: Personality = {
  platform: 'linux',
  sshIdent: 'OpenSSH_8.9p1 Ubuntu-3ubuntu0.6',
  hostnamePrefix: 'host',
  createDevice: (init) => new LinuxHost(init),
};
