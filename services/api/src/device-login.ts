import { credentialSecretContext, type NewDevice } from '@fleetpush/contracts';
import type { SecretBox } from '@fleetpush/inventory';
import type { HostKeyCheck, SessionAuth, SessionTarget } from '@fleetpush/ssh';
import type { CredentialStore } from '@fleetpush/store';

/** What resolving a device's login needs. */
export interface DeviceLoginDeps {
  readonly secrets: SecretBox;
  readonly credentials: Pick<CredentialStore, 'get'>;
}

/**
 * The SSH target of an inventory device with its secrets opened: its own username and password
 * (sealed with the device key), else its credential profile's (sealed with the profile's
 * context). `undefined` when it has neither a usable username nor a secret, or a secret does
 * not open: nothing to log in with.
 */
export async function deviceLogin(
  device: NewDevice,
  hostKey: HostKeyCheck,
  deps: DeviceLoginDeps,
): Promise<SessionTarget | undefined> {
  const login = await loginOf(device, deps);
  if (!login) return undefined;
  return {
    host: device.host,
    port: device.port,
    platform: device.device_type,
    username: login.username,
    auth: login.auth,
    enableSecret: login.enableSecret,
    hostKey: { ...hostKey, pinned: device.host_key },
    legacyAlgorithms: device.legacy_algorithms,
  };
}

interface Login {
  readonly username: string;
  readonly auth: SessionAuth;
  readonly enableSecret?: string;
}

async function loginOf(device: NewDevice, deps: DeviceLoginDeps): Promise<Login | undefined> {
  const open = (sealed: string | undefined, context: string): string | undefined =>
    sealed === undefined ? undefined : deps.secrets.open(sealed, context);
  try {
    if (device.username !== undefined && device.password_sealed !== undefined) {
      return {
        username: device.username,
        auth: { password: open(device.password_sealed, device.key) },
        enableSecret: open(device.enable_secret_sealed, device.key),
      };
    }
    if (device.credential === undefined) return undefined;
    const profile = await deps.credentials.get(device.credential);
    if (!profile) return undefined;
    const context = credentialSecretContext(profile.name);
    return {
      username: device.username ?? profile.username,
      auth: {
        password: open(profile.password_sealed, context),
        privateKey: open(profile.private_key_sealed, context),
        passphrase: open(profile.passphrase_sealed, context),
      },
      enableSecret:
        open(device.enable_secret_sealed, device.key) ??
        open(profile.enable_secret_sealed, context),
    };
  } catch {
    // A secret that does not open (another key, a damaged value): the device cannot log in.
    return undefined;
  }
}
