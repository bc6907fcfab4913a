import { generateHostKey, type HostKey } from './host-key';

/**
 * The host keys a fleet shares: one ed25519 key for every device (generating 1,000 keys would
 * slow start-up for nothing), and one RSA key, made on first use, for legacy-only devices.
 * A device gets keys of its own only after `rotateHostKey()`.
 */
export class FleetKeys {
  readonly modern: HostKey = generateHostKey('ed25519');
  private rsa: HostKey | undefined;

  /** The shared RSA key of legacy-only devices. */
  legacy(): HostKey {
    return (this.rsa ??= generateHostKey('rsa'));
  }
}
