import {
  credentialProfileSchema,
  type CredentialProfile,
  type CredentialProfileView,
} from '@fleetpush/contracts';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis-keys';
import { InventoryStoreError, InventoryStoreErrorCode } from './errors';

function parseProfile(json: string, name: string): CredentialProfile {
  try {
    return credentialProfileSchema.parse(JSON.parse(json));
  } catch (cause) {
    throw new InventoryStoreError(
      InventoryStoreErrorCode.corruptRecord,
      `the stored credential profile ${name} is damaged`,
      { subject: name, cause },
    );
  }
}

/**
 * A credential profile as the API shows it: the username and which secrets are set, never the
 * sealed values.
 */
export function toCredentialView(profile: CredentialProfile): CredentialProfileView {
  return {
    name: profile.name,
    username: profile.username,
    has_password: profile.password_sealed !== undefined,
    has_private_key: profile.private_key_sealed !== undefined,
    has_passphrase: profile.passphrase_sealed !== undefined,
    has_enable_secret: profile.enable_secret_sealed !== undefined,
    created_at: profile.created_at,
  };
}

/**
 * Named credential profiles (`credential` column of the inventory) in one Redis hash, name →
 * profile JSON with sealed secrets. Profiles are immutable: to change one, delete and create.
 */
export class CredentialStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    keys: Pick<RedisKeys, 'credentials'>,
  ) {
    this.key = keys.credentials;
  }

  /** Stores a new profile; fails with `credential_exists` when the name is taken. */
  async create(profile: CredentialProfile): Promise<void> {
    const valid = credentialProfileSchema.safeParse(profile);
    if (!valid.success) {
      throw new InventoryStoreError(
        InventoryStoreErrorCode.invalidCredential,
        `credential profile ${String(profile.name)} does not match its schema`,
        { subject: profile.name, cause: valid.error },
      );
    }
    const added = await this.redis.hsetnx(this.key, valid.data.name, JSON.stringify(valid.data));
    if (added === 0) {
      throw new InventoryStoreError(
        InventoryStoreErrorCode.credentialExists,
        `a credential profile named ${valid.data.name} exists already`,
        { subject: valid.data.name },
      );
    }
  }

  /** One profile by name. */
  async get(name: string): Promise<CredentialProfile | undefined> {
    const json = await this.redis.hget(this.key, name);
    return json === null ? undefined : parseProfile(json, name);
  }

  /** Every profile, by name. */
  async list(): Promise<CredentialProfile[]> {
    const all = await this.redis.hgetall(this.key);
    return Object.entries(all)
      .map(([name, json]) => parseProfile(json, name))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Deletes a profile; false when there was none. */
  async delete(name: string): Promise<boolean> {
    return (await this.redis.hdel(this.key, name)) === 1;
  }
}
