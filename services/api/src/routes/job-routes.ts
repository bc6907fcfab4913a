import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { jobControlRoute } from './job-control-route';
import { jobDeleteRoute } from './job-delete-route';
import { jobPreviewRoute } from './job-preview-route';
import { jobApproveRoute } from './job-approve-route';
import { jobReadRoutes } from './job-read-routes';
import { jobRerunRoute } from './job-rerun-route';
import { jobRunRoute } from './job-run-route';
import { jobUndoRoute } from './job-undo-route';
import { jobSubmitRoute } from './job-submit-route';

/** The job routes: submit, preview, run, approve, rerun, undo, list, read, events, results, per-device detail, control and delete. */
export function jobRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use(jobPreviewRoute(deps));
  router.use(jobSubmitRoute(deps));
  router.use(jobReadRoutes(deps));
  router.use(jobRunRoute(deps));
  router.use(jobApproveRoute(deps));
  router.use(jobRerunRoute(deps));
  router.use(jobUndoRoute(deps));
  router.use(jobControlRoute(deps));
  router.use(jobDeleteRoute(deps));
  return router;
}
