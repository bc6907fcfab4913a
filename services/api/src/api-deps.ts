import type { SecretBox } from '@fleetpush/inventory';
import type { DeviceTaskQueue } from '@fleetpush/queue';
import type { Logger } from '@fleetpush/runtime';
import type {
  AdminToken,
  CredentialStore,
  EventLog,
  InventoryStore,
  JobReader,
  RedisKeys,
  RunCoordinator,
  TokenStore,
} from '@fleetpush/store';
import type { Redis } from 'ioredis';
import type { WebUiOptions } from './web-ui';

/** Request limits; tests lower them to reach them cheaply. */
export interface ApiLimits {
  /** Largest CSV import body, bytes (default `MAX_IMPORT_BYTES`, 20 MiB). */
  readonly importBytes?: number;
  /** Largest JSON body, bytes (default 2 MiB: a 10,000-line job with long lines). */
  readonly jsonBytes?: number;
  /** Job submissions per token per minute (default 60). */
  readonly submissionsPerMinute?: number;
  /** Failed authentications per client address per minute (default 30). */
  readonly authFailuresPerMinute?: number;
}

/** Everything {@link createApi} needs, built by `main.ts` (or a test). */
export interface ApiDeps {
  readonly redis: Redis;
  readonly keys: RedisKeys;
  readonly inventory: InventoryStore;
  readonly credentials: CredentialStore;
  readonly tokens: TokenStore;
  readonly reader: JobReader;
  readonly events: EventLog;
  readonly secretBox: SecretBox;
  readonly coordinator: RunCoordinator;
  readonly queue: DeviceTaskQueue;
  readonly logger: Logger;
  /** `FLEETPUSH_ADMIN_TOKEN`, accepted as the bootstrap admin. */
  readonly adminToken?: AdminToken;
  readonly limits?: ApiLimits;
  /** The web UI to serve at `/` and where its pages find the gateway. */
  readonly web?: WebUiOptions;
  /** Clock (injectable for tests). */
  readonly now?: () => Date;
}
