import type { MetricsRegistry } from '@fleetpush/runtime';
import { Router } from 'express';
import type { ApiDeps } from '../api-deps';

/** How long readiness waits for Redis before saying no (a probe must answer fast). */
const REDIS_PING_TIMEOUT_MS = 1_000;

async function redisAnswers(deps: ApiDeps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), REDIS_PING_TIMEOUT_MS);
  });
  const ping = deps.redis.ping().then(
    (reply) => reply === 'PONG',
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Probes for orchestrators, without authentication and without data: `/healthz` says the
 * process serves requests; `/readyz` says it can do its work (Redis answers), 503 otherwise;
 * `/metrics` is the Prometheus scrape (counts and durations only).
 */
export function healthRoutes(deps: ApiDeps, metrics: MetricsRegistry): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const redis = await redisAnswers(deps);
    res
      .status(redis ? 200 : 503)
      .json({ status: redis ? 'ready' : 'not_ready', checks: { redis } });
  });
  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metrics.exposition();
    res.type(contentType).send(body);
  });
  return router;
}
