import { isTemplateIdentifier } from './template-identifier';

/** Where a template variable's value came from, highest precedence first. */
export const TemplateVariableSource = {
  /** The device's explicit `host_vars`. */
  host_vars: 'host_vars',
  /** The device's inventory columns and the defaults derived from them. */
  device: 'device',
  /** The job's `global_vars`. */
  global_vars: 'global_vars',
} as const;

/** A template variable source. */
export type TemplateVariableSource =
  (typeof TemplateVariableSource)[keyof typeof TemplateVariableSource];

/** A resolved variable with its provenance, so that a problem can say where to fix it. */
export interface TemplateValue {
  readonly value: string;
  readonly source: TemplateVariableSource;
}

/**
 * A device's variables. A `Map`, not an object, so that `{{constructor}}` or `{{__proto__}}`
 * can never resolve to something inherited.
 */
export type TemplateScope = ReadonlyMap<string, TemplateValue>;

/** What the inventory knows about a device, as template input. */
export interface TemplateDeviceFacts {
  readonly host: string;
  readonly port: number;
  /** The normalised platform name (`device_type` column). */
  readonly deviceType: string;
  /** Friendly name; `hostname` falls back to `host` when it is blank. */
  readonly name?: string;
  readonly prod: boolean;
  /** Other inventory columns (lower-cased header → cell), e.g. `site`, `username`, `ip`. */
  readonly columns?: Readonly<Record<string, string>>;
}

/** The three layers a device's scope is built from. */
export interface TemplateScopeLayers {
  /** Job-wide values, lowest precedence. */
  readonly globalVars?: Readonly<Record<string, string>>;
  readonly device: TemplateDeviceFacts;
  /** Per-device explicit values, highest precedence. */
  readonly hostVars?: Readonly<Record<string, string>>;
}

/**
 * Inventory columns that are never template variables: credentials (a password must never
 * end up in a rendered command, which is stored with the job) and columns that are
 * structure rather than data.
 */
export const TEMPLATE_EXCLUDED_COLUMNS: ReadonlySet<string> = new Set([
  'password',
  'enable_password',
  'enable_secret',
  'secret',
  'private_key',
  'passphrase',
  'host_vars',
  'verify_cmds',
]);

/**
 * Also excluded: any column with a credential word as one of its `_`-separated parts
 * (`snmp_secret`, `tacacs_password`), but not `passive` or `bypass_list`.
 */
const CREDENTIAL_COLUMN = /(^|_)(password|passwd|passphrase|secret|token|private_key)(_|$)/i;

/**
 * Builds a device's variable scope. Precedence: `host_vars` > device columns and derived
 * defaults > job `global_vars`. Within the device layer, `ip` (= host) and `hostname`
 * (= name, or host) are defaults that a column of the same name overrides (a management IP
 * column beside an FQDN host), while `host`, `port`, `device_type` and `prod` always come
 * from the parsed facts. Names that are not identifiers are dropped: they cannot be referenced.
 */
export function buildTemplateScope(layers: TemplateScopeLayers): TemplateScope {
  const scope = new Map<string, TemplateValue>();
  addAll(scope, layers.globalVars, TemplateVariableSource.global_vars);
  addAll(scope, deviceVariables(layers.device), TemplateVariableSource.device);
  addAll(scope, layers.hostVars, TemplateVariableSource.host_vars);
  return scope;
}

/** The device layer, before precedence against the other two. */
function deviceVariables(device: TemplateDeviceFacts): Record<string, string> {
  const name = device.name?.trim();
  const vars: Record<string, string> = Object.create(null) as Record<string, string>;
  vars.ip = device.host;
  vars.hostname = name !== undefined && name !== '' ? name : device.host;
  if (name !== undefined && name !== '') vars.name = name;
  for (const [column, value] of Object.entries(device.columns ?? {})) {
    if (TEMPLATE_EXCLUDED_COLUMNS.has(column) || CREDENTIAL_COLUMN.test(column)) continue;
    vars[column] = value;
  }
  vars.host = device.host;
  vars.port = String(device.port);
  vars.device_type = device.deviceType;
  vars.prod = device.prod ? 'true' : 'false';
  return vars;
}

/** Adds a layer over what is already in `scope`. */
function addAll(
  scope: Map<string, TemplateValue>,
  layer: Readonly<Record<string, string>> | undefined,
  source: TemplateVariableSource,
): void {
  if (layer === undefined) return;
  for (const [name, value] of Object.entries(layer)) {
    if (isTemplateIdentifier(name)) scope.set(name, { value, source });
  }
}
