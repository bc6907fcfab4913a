import type { TokenPrincipal } from '@fleetpush/store';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { ApiLimits } from './api-deps';
import { ApiErrorCode, ApiHttpError } from './errors';

/** Rate-limit windows are per minute: short enough to recover quickly from a burst. */
const WINDOW_MS = 60_000;
/** A CI pipeline submits a job per change; a minute's burst past 60 is a runaway loop. */
const DEFAULT_SUBMISSIONS_PER_MINUTE = 60;
/** A person mistyping a token needs a handful; a guesser needs millions. */
const DEFAULT_AUTH_FAILURES_PER_MINUTE = 30;

function limited(message: string): RequestHandler {
  return () => {
    throw new ApiHttpError(429, ApiErrorCode.rateLimited, message);
  };
}

/** Counts only the requests that failed authentication (401), per client address. */
export function authFailureLimiter(limits: ApiLimits = {}): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.authFailuresPerMinute ?? DEFAULT_AUTH_FAILURES_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    handler: limited('too many failed authentications; try again later'),
  });
}

/** Job submissions per token. */
export function submissionLimiter(limits: ApiLimits = {}): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.submissionsPerMinute ?? DEFAULT_SUBMISSIONS_PER_MINUTE,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => (res.locals.principal as TokenPrincipal).id,
    handler: limited('too many job submissions; try again later'),
  });
}
