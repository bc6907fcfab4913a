import { MetricsRegistry, registerApiMetrics, registerClusterMetrics } from '@fleetpush/runtime';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { ApiDeps } from './api-deps';
import { authenticate } from './auth';
import { cors } from './cors';
import { errorHandler, unknownRoute } from './error-handler';
import { authFailureLimiter } from './rate-limits';
import { requestId } from './request-id';
import { auditRoutes } from './routes/audit-routes';
import { commandExecRoute } from './routes/command-exec-route';
import { requestMetrics } from './request-metrics';
import { credentialRoutes } from './routes/credential-routes';
import { deviceRoutes } from './routes/device-routes';
import { healthRoutes } from './routes/health-routes';
import { jobRoutes } from './routes/job-routes';
import { openApiRoute } from './routes/openapi-route';
import { presetRoutes } from './routes/preset-routes';
import { tokenRoutes } from './routes/token-routes';
import { connectSources, uiConfigRoute, webUiRoutes } from './web-ui';

/** The API's base path. */
export const API_BASE = '/api/v1';

/** Default JSON body limit: a 10,000-line job of 200-byte lines, with room to spare. */
const DEFAULT_JSON_BYTES = 2 * 1024 * 1024;

/**
 * Builds the REST API as an express app (not listening: `main.ts` or a test does that).
 * Every `/api/v1` route needs a bearer token; errors are `{error:{code,message,details}}`.
 */
export function createApi(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const metrics = deps.metrics ?? new MetricsRegistry({ service: 'api' });
  registerClusterMetrics(metrics, {
    jobsByState: () => deps.reader.activeJobsByState(),
    queueDepth: () => deps.queue.depth(),
  });
  app.use(requestMetrics(registerApiMetrics(metrics)));
  app.use(requestId());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          connectSrc: connectSources(deps.web?.gatewayUrl),
          frameAncestors: ["'none'"],
          // Internal deployments often serve plain http: upgrading would break every request.
          upgradeInsecureRequests: null,
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(healthRoutes(deps, metrics));
  // Before auth: a browser's preflight carries no token.
  app.use(API_BASE, cors(deps.corsOrigins ?? []));
  app.use(API_BASE, openApiRoute());
  const api = express.Router();
  api.use(authFailureLimiter(deps.limits));
  api.use(authenticate(deps.tokens, deps.adminToken));
  api.use(express.json({ limit: deps.limits?.jsonBytes ?? DEFAULT_JSON_BYTES }));
  api.use(deviceRoutes(deps));
  api.use(tokenRoutes(deps));
  api.use(credentialRoutes(deps));
  api.use(jobRoutes(deps));
  api.use(presetRoutes(deps));
  api.use(auditRoutes(deps));
  api.use(commandExecRoute(deps));
  api.use(uiConfigRoute(deps.web ?? {}, deps.approvalPolicy ?? 'none'));
  app.use(API_BASE, api);
  app.use(webUiRoutes(deps.web ?? {}));
  app.use(unknownRoute());
  app.use(errorHandler(deps.logger));
  return app;
}
