import { Router } from 'express';
import { openApiDocument } from '../openapi/openapi-document';

/**
 * `GET /api/v1/openapi.json`, without a token: the document describes the API, holds no data,
 * and tools (client generators, API explorers) fetch it before they have a token.
 */
export function openApiRoute(): Router {
  const router = Router();
  let document: Record<string, unknown> | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= openApiDocument();
    res.json(document);
  });
  return router;
}
