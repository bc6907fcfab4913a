import type { AdminToken, TokenPrincipal } from '@fleetpush/store';
import type { Logger } from '@fleetpush/runtime';
import { bearerToken } from './bearer-token';
import { GatewayError, GatewayErrorCode } from './errors';
import { originAllowed } from './origin-policy';
import type { JobsSocket } from './socket-types';

/** What checks a bearer token: the API token store, or anything with its `verifyWithBootstrap`. */
export interface TokenVerifier {
  verifyWithBootstrap(token: unknown, adminToken?: AdminToken): Promise<TokenPrincipal | null>;
}

/** Options of {@link authenticate}. */
export interface AuthenticateOptions {
  readonly tokens: TokenVerifier;
  readonly adminToken?: AdminToken;
  readonly corsOrigins: readonly string[];
  readonly logger: Logger;
}

/**
 * The `/jobs` connect middleware: the Origin must be allowed and the bearer token valid (any
 * role may watch). A refusal reaches the client as `connect_error` with a message saying what to
 * fix and `data.code`. The principal is kept on the socket; the token itself is not.
 */
export function authenticate(
  options: AuthenticateOptions,
): (socket: JobsSocket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    const { headers } = socket.handshake;
    if (!originAllowed(headers.origin, headers.host, options.corsOrigins)) {
      options.logger.warn({ origin: headers.origin }, 'gateway: origin refused');
      next(
        new GatewayError(
          GatewayErrorCode.originNotAllowed,
          `origin ${headers.origin ?? ''} is not allowed: add it to FLEETPUSH_CORS_ORIGINS`,
        ),
      );
      return;
    }
    options.tokens
      .verifyWithBootstrap(bearerToken(socket.handshake), options.adminToken)
      .then((principal) => {
        if (!principal) {
          next(
            new GatewayError(
              GatewayErrorCode.unauthorized,
              'unauthorized: send a valid API token as auth.token or an Authorization: Bearer header',
            ),
          );
          return;
        }
        socket.data = { principal };
        next();
      })
      .catch((cause: unknown) => {
        options.logger.error({ err: cause }, 'gateway: token check failed');
        next(
          new GatewayError(GatewayErrorCode.unavailable, 'token check failed, retry', { cause }),
        );
      });
  };
}
