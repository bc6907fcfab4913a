import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CHANGE_LINES, CHECK_COMMAND, type Measurement, PEER_PARALLELISM } from './change';
import { inventoryRows, type SimProcess } from './sim-process';
import { runTool } from './tool-run';

/** ansible.cfg: forks 50, no host key prompts, no fact gathering, JSON result on stdout. */
const ANSIBLE_CFG = `[defaults]
host_key_checking = False
forks = ${PEER_PARALLELISM}
gathering = explicit
retry_files_enabled = False
stdout_callback = ansible.posix.json
interpreter_python = /usr/bin/python3

[persistent_connection]
command_timeout = 60
connect_timeout = 60

[paramiko_connection]
host_key_auto_add = True
look_for_keys = False
`;

/** The playbook: canary (serial 1) then the rest; pre-check, change with save, post-check. */
const PLAYBOOK = `- name: peer benchmark change
  hosts: sim
  serial: [1, "100%"]
  max_fail_percentage: 0
  tasks:
    - name: pre-check
      cisco.ios.ios_command:
        commands: ["${CHECK_COMMAND}"]
    - name: change
      cisco.ios.ios_config:
        lines:
${CHANGE_LINES.map((l) => `          - ${l}`).join('\n')}
        save_when: modified
    - name: post-check
      cisco.ios.ios_command:
        commands: ["${CHECK_COMMAND}"]
`;

/** An INI inventory of the simulated fleet over network_cli (paramiko: Debian has no pylibssh). */
export function ansibleInventory(csv: string): string {
  const hosts = inventoryRows(csv).map(
    (r) =>
      `${r.name} ansible_host=${r.host} ansible_port=${r.port} ansible_user=${r.username} ansible_password=${r.password}`,
  );
  return [
    '[sim]',
    ...hosts,
    '',
    '[sim:vars]',
    'ansible_connection=ansible.netcommon.network_cli',
    'ansible_network_os=cisco.ios.ios',
    'ansible_network_cli_ssh_type=paramiko',
    '',
  ].join('\n');
}

interface HostStats {
  readonly ok: number;
  readonly failures: number;
  readonly unreachable: number;
}

/** Devices that ran every task without a failure, from the JSON callback's stats. */
function succeededHosts(stdout: string): number {
  try {
    const stats = (JSON.parse(stdout) as { stats: Record<string, HostStats> }).stats;
    return Object.values(stats).filter((s) => s.failures === 0 && s.unreachable === 0 && s.ok > 0)
      .length;
  } catch {
    return 0;
  }
}

/** One Ansible run (`ansible-playbook`, forks 50, serial [1, 100%]) in a scratch directory. */
export async function runAnsible(
  sim: SimProcess,
  devices: number,
  run: number,
): Promise<Measurement> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetpush-ansible-'));
  try {
    writeFileSync(path.join(dir, 'ansible.cfg'), ANSIBLE_CFG);
    writeFileSync(path.join(dir, 'inventory.ini'), ansibleInventory(sim.csv), { mode: 0o600 });
    writeFileSync(path.join(dir, 'push.yml'), PLAYBOOK);
    const result = await runTool('ansible-playbook', ['-i', 'inventory.ini', 'push.yml'], {
      cwd: dir,
      env: {
        ANSIBLE_CONFIG: path.join(dir, 'ansible.cfg'),
        ANSIBLE_LOCAL_TEMP: path.join(dir, 'tmp'),
        ANSIBLE_PERSISTENT_CONTROL_PATH_DIR: path.join(dir, 'pc'),
      },
    });
    const failures = devices - succeededHosts(result.stdout);
    return {
      tool: 'ansible',
      devices,
      run,
      wallMs: result.wallMs,
      cpuSeconds: result.cpuSeconds,
      peakRssBytes: result.peakRssBytes,
      failures,
      ...(failures > 0 ? { note: `exit ${result.exitCode}: ${result.stderr.slice(-300)}` } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
