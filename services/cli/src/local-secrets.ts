import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** The local-mode files under `FLEETPUSH_DATA_DIR`, each 0600. */
export const LocalSecretFile = {
  /** The first admin bearer token (what `FLEETPUSH_ADMIN_TOKEN` would be). */
  adminToken: 'admin-token',
  /** The key sealing device secrets (what `FLEETPUSH_SECRET_KEY` would be), 64 hex digits. */
  secretKey: 'secret-key',
} as const;

/** A local secret file name. */
export type LocalSecretFile = (typeof LocalSecretFile)[keyof typeof LocalSecretFile];

/** A secret kept in a local file. */
export interface LocalSecret {
  readonly value: string;
  readonly path: string;
  /** Whether this call generated it (first start) rather than reading it back. */
  readonly created: boolean;
}

/** 32 random bytes as hex: a 64-character admin token, or a 256-bit AES key. */
function generate(): string {
  return randomBytes(32).toString('hex');
}

/** The contents of a local secret file, or `undefined` when it does not exist. */
export async function readLocalSecret(
  dataDir: string,
  file: LocalSecretFile,
): Promise<string | undefined> {
  try {
    const text = (await readFile(path.join(dataDir, file), 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Reads a local secret, generating it on first use into a new 0600 file (in a 0700 directory);
 * `wx` makes two starts racing on the first start agree on one value.
 */
export async function ensureLocalSecret(
  dataDir: string,
  file: LocalSecretFile,
): Promise<LocalSecret> {
  const where = path.join(dataDir, file);
  const existing = await readLocalSecret(dataDir, file);
  if (existing !== undefined) return { value: existing, path: where, created: false };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const value = generate();
  try {
    await writeFile(where, `${value}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readLocalSecret(dataDir, file);
    if (raced !== undefined) return { value: raced, path: where, created: false };
    throw error;
  }
  return { value, path: where, created: true };
}
