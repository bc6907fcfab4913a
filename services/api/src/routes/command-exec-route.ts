import { execRequestSchema, type StoredDevice } from '@fleetpush/contracts';
import {
  checkReadOnlyCommand,
  openSession,
  SshError,
  type CommandOutput,
  type DeviceSession,
  type HostKeyCheck,
  type SessionTarget,
} from '@fleetpush/ssh';
import { RedisHostKeyStore, type FleetLimits } from '@fleetpush/store';
import { Router, type Response } from 'express';
import type { ApiDeps } from '../api-deps';
import { audit } from '../audit-trail';
import { deviceLogin } from '../device-login';
import { fleetLimitsOf, withFleetAdmission } from '../fleet-admission';
import { requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { onClientGone } from '../client-gone';
import { ApiErrorCode, ApiHttpError, notFound } from '../errors';
import { parseOr400 } from '../validate';

/** Login deadline: TCP, SSH handshake, auth, first prompt, enable and paging. */
const CONNECT_MS = 10_000;
/** Cap of the kept transcript: exec outputs are returned, the transcript itself is not. */
const TRANSCRIPT_BYTES = 64 * 1024;

/** Checks every command against the device's allow-list; 400 naming each refused one. */
function allowedCommands(device: StoredDevice, commands: readonly string[]): string[] {
  const verdicts = commands.map((c) => checkReadOnlyCommand(device.device_type, c));
  const refused = verdicts.flatMap((v, i) =>
    v.ok
      ? []
      : [{ path: `commands[${i}]`, message: `${JSON.stringify(commands[i])}: ${v.reason}` }],
  );
  if (refused.length > 0) {
    throw new ApiHttpError(
      400,
      ApiErrorCode.validation,
      `${refused.length} command(s) are not read-only on ${device.device_type}; nothing was sent`,
      { details: refused },
    );
  }
  return verdicts.map((v) => (v.ok ? v.command : ''));
}

/** The device's login with its secrets opened (its own or its credential profile's); 400 when none. */
async function loginTarget(deps: ApiDeps, device: StoredDevice): Promise<SessionTarget> {
  const hostKey: HostKeyCheck = {
    policy: deps.hostKeyPolicy ?? 'tofu',
    store: new RedisHostKeyStore(deps.redis, deps.keys.prefix),
  };
  const target = await deviceLogin(device, hostKey, {
    secrets: deps.secretBox,
    credentials: deps.credentials,
  });
  if (target) return target;
  throw new ApiHttpError(
    400,
    ApiErrorCode.validation,
    `${device.key} has no usable credentials (its own, or a credential profile that exists)`,
    { details: [{ path: 'device', message: 'no usable credentials' }] },
  );
}

async function open(
  target: SessionTarget,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<DeviceSession> {
  return openSession(target, {
    connectTimeoutMs: Math.min(CONNECT_MS, timeoutMs),
    commandTimeoutMs: timeoutMs,
    signal,
    transcriptMaxBytes: TRANSCRIPT_BYTES,
    keepaliveIntervalMs: 0,
  });
}

/** Runs the commands in one session, closing it whatever happens. */
async function run(
  limits: FleetLimits,
  target: SessionTarget,
  commands: readonly string[],
  timeoutMs: number,
  res: Response,
): Promise<CommandOutput[]> {
  const controller = new AbortController();
  // The client went away: stop talking to the device.
  const stopWatching = onClientGone(res, () => controller.abort());
  try {
    return await withFleetAdmission(
      limits,
      'exec',
      async () => {
        const session = await open(target, timeoutMs, controller.signal);
        try {
          return await session.exec(commands);
        } finally {
          await session.close();
        }
      },
      controller.signal,
    );
  } finally {
    stopWatching();
  }
}

function deviceError(device: StoredDevice, error: SshError): ApiHttpError {
  return new ApiHttpError(
    502,
    ApiErrorCode.deviceError,
    `${device.key}: the session failed (${error.code})`,
    {
      details: [{ path: 'device', message: error.code }],
      cause: error,
    },
  );
}

/**
 * `POST /commands/exec` (operator): read-only commands on one imported device. Every command
 * must pass the platform's allow-list (`checkReadOnlyCommand`: show/ping/traceroute and output
 * filters; 400 naming each refused command and its index, nothing sent). The device's sealed
 * credentials are opened only here; outputs come back framed per command. 404 for a device
 * not in the inventory, 502 `device_error` when the session fails. Audited, success or not.
 */
export function commandExecRoute(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/commands/exec',
    requireRole('operator'),
    requireContentType('application/json'),
    async (req, res) => {
      const body = parseOr400(execRequestSchema, req.body);
      const device = await deps.inventory.get(body.device);
      if (!device) throw notFound(`device ${body.device}`);
      const commands = allowedCommands(device, body.commands);
      const details = { commands: JSON.stringify(commands), count: commands.length };
      const target = await loginTarget(deps, device);
      let outputs: CommandOutput[];
      try {
        outputs = await run(fleetLimitsOf(deps), target, commands, body.timeout_ms, res);
      } catch (error) {
        const failure = error instanceof SshError ? error.code : 'internal_error';
        await audit(deps, res, 'commands:executed', device.key, { ...details, outcome: failure });
        throw error instanceof SshError ? deviceError(device, error) : error;
      }
      await audit(deps, res, 'commands:executed', device.key, { ...details, outcome: 'ok' });
      res.json({
        device: device.key,
        platform: device.device_type,
        outputs: outputs.map((o) => ({
          command: o.command,
          output: o.output,
          duration_ms: Math.round(o.durationMs),
          ...(o.rejected === undefined ? {} : { rejected: o.rejected }),
        })),
      });
    },
  );
  return router;
}
