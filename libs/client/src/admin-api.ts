import {
  credentialListSchema,
  credentialProfileViewSchema,
  tokenCreatedSchema,
  tokenListSchema,
  type ApiTokenInfo,
  type CredentialProfileView,
  type Role,
  type TokenCreated,
} from '@fleetpush/contracts';
import { segment, type HttpTransport } from './http-transport';

/** The body of {@link TokensApi.create}. */
export interface TokenRequest {
  readonly name: string;
  readonly role: Role;
  /** ISO time in the future; absent = never expires. */
  readonly expires_at?: string;
}

/** API tokens (`/tokens`, admin). */
export class TokensApi {
  constructor(private readonly http: HttpTransport) {}

  /** Issues a token; the answer is the only time the token is shown. */
  create(request: TokenRequest): Promise<TokenCreated> {
    return this.http.json({ method: 'POST', path: '/tokens', body: request }, tokenCreatedSchema);
  }

  /** Every token (never the token values). */
  async list(): Promise<ApiTokenInfo[]> {
    return (await this.http.json({ method: 'GET', path: '/tokens' }, tokenListSchema)).items;
  }

  /** Revokes a token by id. */
  revoke(id: string): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: `/tokens/${segment(id)}` });
  }
}

/** The body of {@link CredentialsApi.create}: a password or a private key, in clear (sealed by the API). */
export interface CredentialRequest {
  readonly name: string;
  readonly username: string;
  readonly password?: string;
  readonly private_key?: string;
  readonly passphrase?: string;
  readonly enable_secret?: string;
}

/** Credential profiles (`/credentials`, admin): secrets go in, never come out. */
export class CredentialsApi {
  constructor(private readonly http: HttpTransport) {}

  /** Stores a profile (409 when the name is taken). */
  create(request: CredentialRequest): Promise<CredentialProfileView> {
    return this.http.json(
      { method: 'POST', path: '/credentials', body: request },
      credentialProfileViewSchema,
    );
  }

  /** Every profile (`has_password`, never the password). */
  async list(): Promise<CredentialProfileView[]> {
    return (await this.http.json({ method: 'GET', path: '/credentials' }, credentialListSchema))
      .items;
  }

  /** One profile by name. */
  get(name: string): Promise<CredentialProfileView> {
    return this.http.json(
      { method: 'GET', path: `/credentials/${segment(name)}` },
      credentialProfileViewSchema,
    );
  }

  /** Deletes a profile. */
  delete(name: string): Promise<void> {
    return this.http.empty({ method: 'DELETE', path: `/credentials/${segment(name)}` });
  }
}
