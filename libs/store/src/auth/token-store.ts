import { randomBytes, randomUUID } from 'node:crypto';
import {
  Role,
  roleSchema,
  storedApiTokenSchema,
  tokenNameSchema,
  type ApiTokenInfo,
  type StoredApiToken,
} from '@fleetpush/contracts';
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../redis-keys';
import { TokenStoreError, TokenStoreErrorCode } from './errors';
import { hashToken, tokenHashesEqual } from './token-hash';

/** Who a verified token belongs to. */
export interface TokenPrincipal {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

/** Options of {@link TokenStore.create}. */
export interface CreateTokenOptions {
  /** Who created the token (an actor name or another token's name), for the audit trail. */
  readonly createdBy?: string;
  /** When the token stops working; absent = never. */
  readonly expiresAt?: Date;
}

/** A newly created token. `token` is shown once: only its hash is stored. */
export interface CreatedToken {
  readonly id: string;
  readonly token: string;
}

/** Options of {@link TokenStore}. */
export interface TokenStoreOptions {
  /** Clock for creation times and expiry (injectable for tests). */
  readonly now?: () => Date;
}

/** The admin token from configuration: a plain string or a `Secret<string>` from config. */
export type AdminToken = string | { reveal(): string };

/** The principal of the configured admin token (it has no stored record). */
export const BOOTSTRAP_ADMIN: TokenPrincipal = {
  id: 'bootstrap-admin',
  name: 'FLEETPUSH_ADMIN_TOKEN',
  role: Role.admin,
};

/** Random bytes per token: 256 bits, far beyond guessing, and why an unsalted hash is enough. */
const TOKEN_BYTES = 32;
/** Prefix of every issued token, so that a leaked one is recognisable by secret scanners. */
const TOKEN_PREFIX = 'fpt_';
/** Longest bearer token worth hashing; anything longer is refused before any work is done. */
const MAX_TOKEN_LENGTH = 512;

/**
 * API bearer tokens in Redis. Only a SHA-256 of each token is stored, with its name, role,
 * creator, creation time and optional expiry: a Redis dump does not let anyone in.
 *
 * Layout (under the key prefix): `<prefix>:tokens` hash id → record JSON, and
 * `<prefix>:tokens:by-hash` hash token-hash → id, written and deleted together.
 */
export class TokenStore {
  private readonly recordsKey: string;
  private readonly byHashKey: string;
  private readonly now: () => Date;

  constructor(
    private readonly redis: Redis,
    keys: Pick<RedisKeys, 'prefix'>,
    options: TokenStoreOptions = {},
  ) {
    this.recordsKey = `${keys.prefix}:tokens`;
    this.byHashKey = `${keys.prefix}:tokens:by-hash`;
    this.now = options.now ?? (() => new Date());
  }

  /** Issues a token. The returned `token` cannot be shown again: store only what this returns. */
  async create(name: string, role: Role, options: CreateTokenOptions = {}): Promise<CreatedToken> {
    const record = this.newRecord(name, role, options);
    const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
    const stored: StoredApiToken = { ...record, hash: hashToken(token) };
    await this.redis
      .multi()
      .hset(this.recordsKey, stored.id, JSON.stringify(stored))
      .hset(this.byHashKey, stored.hash, stored.id)
      .exec();
    return { id: stored.id, token };
  }

  /** Who `token` belongs to, or `null` when it is unknown, revoked or expired. */
  async verify(token: unknown): Promise<TokenPrincipal | null> {
    if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) return null;
    const hash = hashToken(token);
    const id = await this.redis.hget(this.byHashKey, hash);
    if (id === null) return null;
    const stored = await this.read(id);
    // The index and the record are written together; comparing again guards a damaged index.
    if (!stored || !tokenHashesEqual(stored.hash, hash)) return null;
    if (stored.expiresAt !== undefined && Date.parse(stored.expiresAt) <= this.now().getTime()) {
      return null;
    }
    return { id: stored.id, name: stored.name, role: stored.role };
  }

  /**
   * Like {@link verify}, but the configured admin token (`FLEETPUSH_ADMIN_TOKEN`) is accepted
   * too, as {@link BOOTSTRAP_ADMIN}: it is how the first tokens get created.
   */
  async verifyWithBootstrap(
    token: unknown,
    adminToken?: AdminToken,
  ): Promise<TokenPrincipal | null> {
    if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) return null;
    const admin = typeof adminToken === 'string' ? adminToken : adminToken?.reveal();
    if (admin && tokenHashesEqual(hashToken(token), hashToken(admin))) return BOOTSTRAP_ADMIN;
    return this.verify(token);
  }

  /** Every token (expired ones too), oldest first; never a token or its hash. */
  async list(): Promise<ApiTokenInfo[]> {
    const raw = await this.redis.hvals(this.recordsKey);
    return raw
      .map((json) => toInfo(parseStored(json)))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Revokes a token at once. Returns false when there was no such token. */
  async revoke(id: string): Promise<boolean> {
    const stored = await this.read(id);
    if (!stored) return false;
    await this.redis.multi().hdel(this.recordsKey, id).hdel(this.byHashKey, stored.hash).exec();
    return true;
  }

  private async read(id: string): Promise<StoredApiToken | null> {
    const json = await this.redis.hget(this.recordsKey, id);
    return json === null ? null : parseStored(json);
  }

  private newRecord(name: string, role: Role, options: CreateTokenOptions): ApiTokenInfo {
    const now = this.now();
    const validName = tokenNameSchema.safeParse(name);
    const validRole = roleSchema.safeParse(role);
    if (!validName.success || !validRole.success) {
      throw new TokenStoreError(
        TokenStoreErrorCode.invalidTokenSpec,
        'a token needs a name (1-100 characters, no control characters) and a role (viewer, operator or admin)',
        { cause: validName.error ?? validRole.error },
      );
    }
    if (options.expiresAt && !(options.expiresAt.getTime() > now.getTime())) {
      throw new TokenStoreError(
        TokenStoreErrorCode.invalidTokenSpec,
        'a token expiry must be a time in the future',
      );
    }
    return {
      id: `tok_${randomUUID()}`,
      name: validName.data,
      role: validRole.data,
      createdAt: now.toISOString(),
      ...(options.createdBy !== undefined && { createdBy: options.createdBy }),
      ...(options.expiresAt && { expiresAt: options.expiresAt.toISOString() }),
    };
  }
}

function parseStored(json: string): StoredApiToken {
  try {
    return storedApiTokenSchema.parse(JSON.parse(json));
  } catch (cause) {
    throw new TokenStoreError(
      TokenStoreErrorCode.corruptRecord,
      'a stored token record is damaged',
      {
        cause,
      },
    );
  }
}

function toInfo(stored: StoredApiToken): ApiTokenInfo {
  const { hash: _hash, ...info } = stored;
  return info;
}
