import { spawnSync } from 'node:child_process';
import { DEBIAN_PYTHON } from './netmiko-runner';

/** What each peer needs, and the Debian package that provides it. */
const NEEDS = [
  {
    tool: 'netmiko',
    pkg: 'python3-netmiko',
    present: () => spawnSync(DEBIAN_PYTHON, ['-c', 'import netmiko']).status === 0,
  },
  {
    tool: 'ansible',
    pkg: 'ansible',
    present: () => spawnSync('ansible-playbook', ['--version']).status === 0,
  },
] as const;

function apt(args: readonly string[]): void {
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (run as root?)`);
}

/** Installs the Debian packages of the chosen peers that are missing, and says so. */
export function ensurePeerPackages(tools: readonly string[]): void {
  const missing = NEEDS.filter((n) => tools.includes(n.tool) && !n.present()).map((n) => n.pkg);
  if (missing.length === 0) return;
  console.log(`peers: installing missing Debian packages: ${missing.join(' ')} (apt-get)`);
  apt(['update']);
  apt(['install', '-y', ...missing]);
}
