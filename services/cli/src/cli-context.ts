import * as path from 'node:path';
import { FleetpushClient } from '@fleetpush/client';
import { cliConfigSchema, loadConfig } from '@fleetpush/config';
import { UsageError } from './cli-errors';
import type { CliIo } from './cli-io';
import { LocalSecretFile, readLocalSecret } from './local-secrets';
import {
  commandArgs,
  CONNECTION_OPTIONS,
  type CommandOptions,
  type ParsedFlags,
} from './parse-flags';

/** The connection flags of a command. */
export interface ConnectionFlags {
  readonly url?: string | undefined;
  readonly token?: string | undefined;
  readonly 'gateway-url'?: string | undefined;
}

/**
 * A client for the command: flags first, then `FLEETPUSH_URL` / `FLEETPUSH_TOKEN` /
 * `FLEETPUSH_GATEWAY_URL`, then (token only) the local admin token file `fleetpush start` wrote
 * under `FLEETPUSH_DATA_DIR`.
 */
export async function clientFor(flags: ConnectionFlags, io: CliIo): Promise<FleetpushClient> {
  const config = loadConfig(cliConfigSchema, io.env);
  const baseUrl = flags.url ?? config.url;
  if (!URL.canParse(baseUrl)) throw new UsageError(`--url must be a URL, got "${baseUrl}"`);
  const gatewayUrl = flags['gateway-url'] ?? config.gatewayUrl;
  if (gatewayUrl !== undefined && !URL.canParse(gatewayUrl)) {
    throw new UsageError(`--gateway-url must be a URL, got "${gatewayUrl}"`);
  }
  const dataDir = path.resolve(io.cwd, config.dataDir);
  const token =
    flags.token ??
    config.token?.reveal() ??
    (await readLocalSecret(dataDir, LocalSecretFile.adminToken));
  if (token === undefined) {
    throw new UsageError(
      `no API token: pass --token, set FLEETPUSH_TOKEN, or run \`fleetpush start\` here (it writes ${path.join(dataDir, LocalSecretFile.adminToken)})`,
    );
  }
  return new FleetpushClient({ baseUrl, token, ...(gatewayUrl !== undefined && { gatewayUrl }) });
}

/** What {@link connectedCommand} gives a command: its client, its flags, `--json`, its positionals. */
export interface ConnectedCommand<V> {
  readonly client: FleetpushClient;
  readonly values: V;
  readonly json: boolean;
  readonly args: string[];
}

/**
 * Parses a command that takes the connection flags, its own `options` (none by default) and
 * exactly the positionals `names` (`--help`: its usage), and connects it.
 */
export async function connectedCommand<O extends CommandOptions = Record<never, never>>(
  args: readonly string[],
  names: readonly string[],
  usage: string,
  io: CliIo,
  options?: O,
): Promise<ConnectedCommand<ParsedFlags<typeof CONNECTION_OPTIONS & O>['values']>> {
  const all = { ...CONNECTION_OPTIONS, ...options } as typeof CONNECTION_OPTIONS & O;
  const { values, args: given } = commandArgs(args, all, names, usage);
  const json = (values as { json?: boolean }).json === true;
  return { client: await clientFor(values, io), values, json, args: given };
}
