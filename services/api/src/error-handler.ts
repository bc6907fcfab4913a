import type { Logger } from '@fleetpush/runtime';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ApiErrorCode, ApiHttpError } from './errors';

/** What body-parser attaches to its errors (`type` is its stable identifier). */
interface ParserError {
  readonly type?: unknown;
  readonly status?: unknown;
}

function send(res: Response, error: ApiHttpError): void {
  res.status(error.status).json({
    error: {
      code: error.code,
      message: error.message,
      ...(error.details !== undefined && { details: error.details }),
    },
  });
}

/** Maps body-parser failures (by their stable `type`) to API errors; undefined for others. */
function fromParser(error: unknown): ApiHttpError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // The router's path-parameter decoding (`/jobs/%E0%A4%A`): a URIError marked 400.
  if (error instanceof URIError && (error as ParserError).status === 400) {
    return new ApiHttpError(400, ApiErrorCode.validation, 'the request path is malformed', {
      details: [{ path: '(path)', message: 'a path segment is not valid percent-encoding' }],
    });
  }
  const { type } = error as ParserError;
  switch (type) {
    case 'entity.too.large':
      return new ApiHttpError(413, ApiErrorCode.tooLarge, 'the request body is too large');
    case 'entity.parse.failed':
      return new ApiHttpError(400, ApiErrorCode.invalidJson, 'the request body is not valid JSON', {
        details: [{ path: '(body)', message: 'expected a JSON object or array' }],
      });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiHttpError(415, ApiErrorCode.unsupportedMediaType, 'unsupported body encoding');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new ApiHttpError(400, ApiErrorCode.validation, 'the request body could not be read');
    default:
      return undefined;
  }
}

/** The 404 for every route that does not exist. */
export function unknownRoute(): RequestHandler {
  return (req) => {
    throw new ApiHttpError(404, ApiErrorCode.notFound, `no route ${req.method} ${req.path}`);
  };
}

/**
 * The last handler: API errors as they are, body-parser errors mapped to their 4xx, anything
 * else a 500 `internal_error` without details (the cause is logged, never sent).
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = error instanceof ApiHttpError ? error : fromParser(error);
    if (known) {
      send(res, known);
      return;
    }
    logger.error({ err: error, requestId: res.locals.requestId }, 'unhandled API error');
    send(res, new ApiHttpError(500, ApiErrorCode.internal, 'internal error'));
  };
}
