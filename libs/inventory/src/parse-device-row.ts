import { deviceRowSchema, hostSchema, type DeviceRow, type NewDevice } from '@fleetpush/contracts';
import { deviceKey, findUnsafeCharacter } from '@fleetpush/domain';
import type { z } from 'zod';
import { isVariableColumn } from './csv-columns';
import { ROW_PROBLEM, type RowProblem } from './import-result';
import { scrubSecrets, secretsOf } from './redaction';
import type { SecretBox } from './secret-box';

/** What one row became: a device, or problems; `key` whenever host and port are readable. */
export interface ParsedDeviceRow {
  /** The device key (`host:port`), for duplicate detection even when the row is invalid. */
  readonly key?: string;
  readonly device?: NewDevice;
  readonly problems: readonly RowProblem[];
}

/** The key of a row from its host and port cells alone. */
function keyOf(row: Readonly<Record<string, string>>): string | undefined {
  const host = hostSchema.safeParse(row.host);
  const port = deviceRowSchema.shape.port.safeParse(row.port);
  return host.success && port.success ? deviceKey(host.data, port.data) : undefined;
}

/** Extra identifier columns with a value: the row's own template variables. */
function variablesOf(row: Readonly<Record<string, string>>): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [column, cell] of Object.entries(row)) {
    const value = cell.trim();
    if (value !== '' && isVariableColumn(column)) vars[column] = value;
  }
  return vars;
}

function problemOf(issue: z.core.$ZodIssue, secrets: readonly string[]): RowProblem {
  const column = issue.path[0];
  return {
    column: typeof column === 'string' ? column : ROW_PROBLEM,
    message: scrubSecrets(issue.message, secrets),
  };
}

/**
 * Values that end up in device commands must be single lines without control characters; the
 * job preflight refuses them too, but the operator should hear it at import, where the fix is.
 */
function unsafeValueProblems(
  data: DeviceRow,
  vars: Readonly<Record<string, string>>,
): RowProblem[] {
  const problems: RowProblem[] = [];
  const check = (column: string, what: string, value: string): void => {
    const unsafe = findUnsafeCharacter(value);
    if (unsafe) {
      problems.push({
        column,
        message: `${what} contains ${unsafe.name} at position ${unsafe.index + 1}; values sent to a device must be one line without control characters`,
      });
    }
  };
  if (data.name !== undefined) check('name', 'the name', data.name);
  data.verify_cmds.forEach((command, i) => check('verify_cmds', `command ${i + 1}`, command));
  for (const [name, value] of Object.entries(data.host_vars))
    check('host_vars', `"${name}"`, value);
  for (const [name, value] of Object.entries(vars)) check(name, 'the value', value);
  return problems;
}

function toDevice(
  key: string,
  data: DeviceRow,
  vars: Record<string, string>,
  box: SecretBox,
): NewDevice {
  return {
    key,
    host: data.host,
    port: data.port,
    device_type: data.device_type,
    ...(data.name !== undefined && { name: data.name }),
    ...(data.username !== undefined && { username: data.username }),
    ...(data.credential !== undefined && { credential: data.credential }),
    // The device key is the authenticated context: a sealed password moved to another
    // device's record does not open.
    ...(data.password !== undefined && { password_sealed: box.seal(data.password, key) }),
    ...(data.secret !== undefined && { enable_secret_sealed: box.seal(data.secret, key) }),
    verify_commands: data.verify_cmds,
    host_vars: data.host_vars,
    vars,
    prod: data.prod,
    tags: data.tags,
    ...(data.host_key !== undefined && { host_key: data.host_key }),
  };
}

/**
 * Validates one row (column → cell, headers already normalised) with `deviceRowSchema` and
 * turns it into a device with its secrets sealed. Problem messages never contain a secret of
 * the row, even one echoed from another cell.
 */
export function parseDeviceRow(
  row: Readonly<Record<string, string>>,
  box: SecretBox,
): ParsedDeviceRow {
  const key = keyOf(row);
  const parsed = deviceRowSchema.safeParse(row);
  if (!parsed.success) {
    const secrets = secretsOf(row);
    return { key, problems: parsed.error.issues.map((issue) => problemOf(issue, secrets)) };
  }
  const vars = variablesOf(row);
  const unsafe = unsafeValueProblems(parsed.data, vars);
  if (unsafe.length > 0) {
    const secrets = secretsOf(row);
    return {
      key,
      problems: unsafe.map((p) => ({ ...p, message: scrubSecrets(p.message, secrets) })),
    };
  }
  const device = toDevice(
    key ?? deviceKey(parsed.data.host, parsed.data.port),
    parsed.data,
    vars,
    box,
  );
  return { key: device.key, device, problems: [] };
}
