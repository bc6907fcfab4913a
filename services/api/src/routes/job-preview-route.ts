import { jobSubmissionSchema } from '@fleetpush/contracts';
import { previewJob } from '@fleetpush/store';
import { Router } from 'express';
import type { ApiDeps } from '../api-deps';
import { needsApproval } from '../approval-policy';
import { principalOf, requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { parseOr400 } from '../validate';
import { PRODUCTION_ROLE } from './job-submit-route';

/**
 * `POST /jobs/preview` (operator): the body of `POST /jobs`; answers what submitting it would
 * do (rendered commands per device, unresolved and unsafe variables, production devices, the
 * run plan, the problems it would be refused with) without storing anything or touching a
 * device. `needs_role` says which role may submit it, `needs_approval` whether the approval policy
 * will hold it for someone else's approval.
 */
export function jobPreviewRoute(deps: ApiDeps): Router {
  const router = Router();
  router.post(
    '/jobs/preview',
    requireRole('operator'),
    requireContentType('application/json'),
    async (req, res) => {
      const submission = parseOr400(jobSubmissionSchema, req.body);
      const preview = previewJob({
        id: 'preview',
        actor: principalOf(res).name,
        now: deps.now?.() ?? new Date(),
        submission,
        inventory: await deps.inventory.all(),
      });
      const reachesProduction = preview.prod_devices.length > 0;
      const needsRole = reachesProduction ? PRODUCTION_ROLE : 'operator';
      const approval = needsApproval(deps.approvalPolicy ?? 'none', {
        dryRun: submission.dry_run,
        reachesProduction,
      });
      res.json({ ...preview, needs_role: needsRole, needs_approval: approval });
    },
  );
  return router;
}
