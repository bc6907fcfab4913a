import { roleAllows, type Role } from '@fleetpush/contracts';
import type { AdminToken, TokenPrincipal, TokenStore } from '@fleetpush/store';
import type { RequestHandler, Response } from 'express';
import { ApiErrorCode, ApiHttpError } from './errors';

/** `Authorization: Bearer <token>`; anything else is no token. */
const BEARER = /^Bearer ([^\s]+)$/i;

/** The token string of a request, or undefined. */
export function bearerOf(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER.exec(header.trim())?.[1];
}

/**
 * Verifies the bearer token of every request (stored tokens and the bootstrap admin token)
 * and keeps the principal in `res.locals.principal`. A missing or bad token is a 401 that says
 * nothing about why, so that it teaches a guesser nothing.
 */
export function authenticate(tokens: TokenStore, adminToken?: AdminToken): RequestHandler {
  return async (req, res, next) => {
    const principal = await tokens.verifyWithBootstrap(
      bearerOf(req.get('authorization')),
      adminToken,
    );
    if (!principal) {
      res.set('WWW-Authenticate', 'Bearer');
      throw new ApiHttpError(401, ApiErrorCode.unauthorized, 'a valid bearer token is required');
    }
    res.locals.principal = principal;
    next();
  };
}

/** The authenticated principal of a request (set by {@link authenticate}). */
export function principalOf(res: Response): TokenPrincipal {
  const principal = res.locals.principal as TokenPrincipal | undefined;
  // Only reachable if a route was mounted outside `authenticate`: a programming error.
  if (!principal) throw new Error('route reached without authentication');
  return principal;
}

/** 403 unless the principal's role is at least `needed`. */
export function requireRole(needed: Role): RequestHandler {
  return (_req, res, next) => {
    if (!roleAllows(principalOf(res).role, needed)) {
      throw new ApiHttpError(403, ApiErrorCode.forbidden, `this needs the ${needed} role`);
    }
    next();
  };
}
