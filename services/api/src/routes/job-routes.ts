import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { jobControlRoute } from './job-control-route';
import { jobReadRoutes } from './job-read-routes';
import { jobSubmitRoute } from './job-submit-route';

/** The job routes: submit, list, read, events, results, per-device detail and control. */
export function jobRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use(jobSubmitRoute(deps));
  router.use(jobReadRoutes(deps));
  router.use(jobControlRoute(deps));
  return router;
}
