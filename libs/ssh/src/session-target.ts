import { type Platform } from '@fleetpush/domain';
import { type HostKeyCheck } from './host-key';

/** Credentials for SSH user authentication. Never logged; redacted from transcripts. */
export interface SessionAuth {
  /** Used for `password` and `keyboard-interactive` (and in-band `Password:` questions). */
  readonly password?: string;
  /** An OpenSSH or PEM private key. */
  readonly privateKey?: string | Buffer;
  /** Decrypts `privateKey`. */
  readonly passphrase?: string;
}

/** Which device to open a session to, and how. */
export interface SessionTarget {
  readonly host: string;
  readonly port: number;
  readonly platform: Platform;
  readonly username: string;
  readonly auth: SessionAuth;
  /** Answered at enable's `Password:` on platforms that log in unprivileged. */
  readonly enableSecret?: string;
  readonly hostKey: HostKeyCheck;
  /** Also offer SHA-1 key exchange, CBC ciphers and `ssh-rsa` (old gear). Default false. */
  readonly legacyAlgorithms?: boolean;
}
