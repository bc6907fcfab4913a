import type { ApprovalPolicy } from '@fleetpush/config';
import type { SecretBox } from '@fleetpush/inventory';
import type { DeviceTaskQueue } from '@fleetpush/queue';
import type { Logger, MetricsRegistry } from '@fleetpush/runtime';
import type { HostKeyPolicy, HostKeyStore, openSession } from '@fleetpush/ssh';
import type {
  AdminToken,
  AuditLog,
  CredentialStore,
  EventLog,
  FleetLimits,
  InventoryStore,
  JobReader,
  RedisKeys,
  PresetStore,
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

/** How `validate=connect` imports log in to devices; every field has a default. */
export interface ConnectCheckSettings {
  /** `FLEETPUSH_HOST_KEY_POLICY`, as the workers use it (default `tofu`). */
  readonly hostKeyPolicy?: HostKeyPolicy;
  /** Default: the shared Redis store the workers record first-seen keys in. */
  readonly hostKeys?: HostKeyStore;
  /** `FLEETPUSH_IMPORT_CHECK_CONCURRENCY` (default 50). */
  readonly concurrency?: number;
  /** `FLEETPUSH_CONNECT_TIMEOUT_MS` (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Replaces libs/ssh's `openSession` (tests). */
  readonly connect?: typeof openSession;
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
  /** The audit log; absent = one on `redis` under `keys.audit`. */
  readonly audit?: AuditLog;
  /**
   * How `POST /commands/exec` treats an unpinned host key (`FLEETPUSH_HOST_KEY_POLICY`, as
   * the workers do); default `tofu`, recorded through the shared host-key store.
   */
  readonly hostKeyPolicy?: 'strict' | 'tofu';
  /**
   * Browser origins allowed to call `/api/v1` cross-origin (`FLEETPUSH_CORS_ORIGINS`); absent or
   * empty = same-origin only.
   */
  readonly corsOrigins?: readonly string[];
  /** The presets; absent = a store on `redis` under `keys`. */
  readonly presets?: PresetStore;
  /**
   * The registry `/metrics` serves; `createApi` registers the API's collectors on it (default: a
   * registry of its own, without process metrics).
   */
  readonly metrics?: MetricsRegistry;
  readonly connectCheck?: ConnectCheckSettings;
  /** The web UI to serve at `/` and where its pages find the gateway. */
  readonly web?: WebUiOptions;
  /**
   * The workers' fleet-wide SSH caps, which the API's own logins (exec, connection checks) obey
   * too; absent = caps on `redis` at the configuration's defaults.
   */
  readonly fleetLimits?: FleetLimits;
  /**
   * `FLEETPUSH_APPROVAL_POLICY`: which jobs wait, held, until someone other than their submitter
   * approves them (default `none`).
   */
  readonly approvalPolicy?: ApprovalPolicy;
  /** Clock (injectable for tests). */
  readonly now?: () => Date;
}
