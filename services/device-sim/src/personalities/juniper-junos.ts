import { JunosDevice } from './junos/junos-device';
import type { Personality } from './personality';

/**
 * Juniper Junos (a vMX, 21.4). Quirks: the prompt ends in a space (`admin@vmx1> `); configuration
 * mode prints a blank line and an `[edit ...]` banner before each `admin@vmx1# ` prompt; lines
 * go to a candidate (shared by `configure`, per session with `configure private`) and only
 * `commit` applies them; `commit confirmed <minutes>` rolls back by itself unless confirmed;
 * paging shows `---(more NN%)---`; errors are `unknown command.` / `syntax error.` under a caret;
 * lines with the word `bogus` pass `set` but fail `commit` ("error: configuration check-out failed").
 */
export const juniperJunos: Personality = {
  platform: 'juniper_junos',
  sshIdent: 'OpenSSH_7.5',
  hostnamePrefix: 'vmx',
  createDevice: (init) => new JunosDevice(init),
};
