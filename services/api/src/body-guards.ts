import type { Request, RequestHandler } from 'express';
import { ApiErrorCode, ApiHttpError } from './errors';

/** Whether the request carries a body at all (a length, or a chunked stream). */
export function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}

/**
 * 415 for a request whose body is not of one of `types`. A request without a body passes
 * (control actions may be sent empty).
 */
export function requireContentType(...types: string[]): RequestHandler {
  return (req, _res, next) => {
    if (hasBody(req) && !req.is(types)) {
      throw new ApiHttpError(
        415,
        ApiErrorCode.unsupportedMediaType,
        `the body must be ${types.join(' or ')}`,
      );
    }
    next();
  };
}
