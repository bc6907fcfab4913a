import { HostKeyPolicy } from '@fleetpush/ssh';
import { RedisHostKeyStore } from '@fleetpush/store';
import type { ApiDeps } from '../api-deps';
import { fleetLimitsOf } from '../fleet-admission';
import { DEFAULT_CONNECT_CHECK_CONCURRENCY, type ConnectionCheckOptions } from './connection-check';

/** Default login deadline of a connection check: the workers' default connect deadline. */
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** The connection-check options of an API, its settings' defaults applied. */
export function connectCheckOptions(
  deps: ApiDeps,
  onChecked?: (checked: number) => void,
): ConnectionCheckOptions {
  const settings = deps.connectCheck ?? {};
  return {
    secrets: deps.secretBox,
    credentials: deps.credentials,
    hostKey: {
      policy: settings.hostKeyPolicy ?? HostKeyPolicy.tofu,
      store: settings.hostKeys ?? new RedisHostKeyStore(deps.redis, deps.keys.prefix),
    },
    concurrency: settings.concurrency ?? DEFAULT_CONNECT_CHECK_CONCURRENCY,
    connectTimeoutMs: settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    connect: settings.connect,
    limits: fleetLimitsOf(deps),
    onChecked,
  };
}
