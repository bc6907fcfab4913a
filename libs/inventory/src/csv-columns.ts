import { KNOWN_CSV_COLUMNS, SECRET_CSV_COLUMNS } from '@fleetpush/contracts';
import { isTemplateIdentifier } from '@fleetpush/domain';

const KNOWN: ReadonlySet<string> = new Set(KNOWN_CSV_COLUMNS);

/**
 * Extra columns that look like credentials by one of their `_`-separated words
 * (`enable_password`, `snmp_community`, `tacacs_key_secret`): an operator who adds such a
 * column means a secret, so it is treated as one even though fleetpush does not use it.
 */
const CREDENTIAL_WORD =
  /(^|_)(password|passwd|pwd|pass|passphrase|secret|token|private_key|credentials?|community|psk)(_|$)/;

/** Whether a column is one of those fleetpush understands (`host`, `port`, … `host_key`). */
export function isKnownColumn(name: string): boolean {
  return KNOWN.has(name);
}

/**
 * Whether a column's cells are secrets: `password`, `secret`, and any extra column named like
 * a credential. Secret cells are never echoed (rejected rows show `[redacted]`), never become
 * template variables and are never exported; extra secret columns are not stored at all.
 */
export function isSecretColumn(name: string): boolean {
  if (SECRET_CSV_COLUMNS.has(name)) return true;
  return !KNOWN.has(name) && CREDENTIAL_WORD.test(name);
}

/**
 * Whether an extra column becomes a template variable (`{{site}}`): an identifier that is
 * neither a known column nor a secret.
 */
export function isVariableColumn(name: string): boolean {
  // `__proto__` would be an accessor, not a key, in every object the variables pass through.
  if (name === '__proto__') return false;
  return isTemplateIdentifier(name) && !KNOWN.has(name) && !isSecretColumn(name);
}
