import type { DeviceTaskSpec } from '@fleetpush/contracts';
import type { SecretBox } from '@fleetpush/inventory';
import { openSession, SshError, type DeviceSession, type HostKeyStore } from '@fleetpush/ssh';
import type { FleetLimits } from '@fleetpush/store';
import type { JobOptions } from './job-options';
import { sleep } from './sleep';

/** Cap of a stored session transcript: the whole conversation of a typical change fits. */
const TRANSCRIPT_MAX_BYTES = 256 * 1024;

/** Logs in to a device (libs/ssh's `openSession`; benchmarks substitute a session without SSH). */
export type ConnectFn = typeof openSession;

/** What opening a session needs besides the device. */
export interface SessionOpenerDeps {
  /** Defaults to libs/ssh's `openSession`. */
  readonly connect?: ConnectFn;
  readonly limits: FleetLimits;
  readonly secrets: SecretBox;
  readonly hostKeys: HostKeyStore;
  readonly hostKeyPolicy: 'strict' | 'tofu';
  /** Called at each login attempt (the `fleetpush_ssh_logins_total` counter). */
  readonly onLogin?: () => void;
}

/**
 * Opens device sessions within the fleet-wide caps (open sessions, login rate), with the
 * device's sealed credentials opened only here, and the host key checked (pinned, or the
 * configured policy through the shared store).
 */
export class SessionOpener {
  /** Owners of the sessions this process holds open now. */
  private readonly held = new Set<string>();

  constructor(private readonly deps: SessionOpenerDeps) {}

  /** SSH sessions this process holds open now (the `fleetpush_ssh_sessions_open` gauge). */
  get openCount(): number {
    return this.held.size;
  }

  /** Waits for a session slot and a login token, then logs in. */
  async open(
    task: DeviceTaskSpec,
    options: JobOptions,
    owner: string,
    signal: AbortSignal,
    onLine?: (line: string) => void,
  ): Promise<DeviceSession> {
    for (
      let admission = await this.deps.limits.admit(owner);
      !admission.admitted;
      admission = await this.deps.limits.admit(owner)
    ) {
      await sleep(admission.retryInMs, signal);
    }
    this.deps.onLogin?.();
    const session = await (this.deps.connect ?? openSession)(
      {
        host: task.host,
        port: task.port,
        platform: task.platform,
        username: task.credentials.username,
        auth: { password: this.unseal(task, task.credentials.password_sealed) },
        enableSecret: this.unseal(task, task.credentials.enable_secret_sealed),
        hostKey: {
          pinned: task.host_key,
          policy: this.deps.hostKeyPolicy,
          store: this.deps.hostKeys,
        },
        legacyAlgorithms: task.legacy_algorithms,
      },
      {
        connectTimeoutMs: options.timeouts.connect_ms,
        commandTimeoutMs: options.timeouts.command_ms,
        signal,
        transcriptMaxBytes: TRANSCRIPT_MAX_BYTES,
        onLine,
      },
    );
    this.held.add(owner);
    return session;
  }

  /** Keeps the fleet-wide session slot of a long session (no-op before the session opens). */
  async renew(owner: string): Promise<void> {
    await this.deps.limits.renewSession(owner);
  }

  /** Releases the fleet-wide session slot. */
  async release(owner: string): Promise<void> {
    this.held.delete(owner);
    await this.deps.limits.releaseSession(owner);
  }

  private unseal(task: DeviceTaskSpec, sealed: string | undefined): string | undefined {
    if (sealed === undefined) return undefined;
    try {
      return this.deps.secrets.open(sealed, task.key);
    } catch (cause) {
      throw new SshError(
        'credentials_unavailable',
        `the stored credentials of ${task.key} cannot be opened`,
        {
          cause,
          deviceKey: task.key,
        },
      );
    }
  }
}
