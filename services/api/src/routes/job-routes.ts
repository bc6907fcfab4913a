import { CONTROL_ACTIONS, controlRequestSchema, type ControlAction } from '@fleetpush/contracts';
import { deviceKey, parseDeviceKey } from '@fleetpush/domain';
import type { JobRecord } from '@fleetpush/store';
import { Router } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { principalOf, requireRole } from '../auth';
import { requireContentType } from '../body-guards';
import { ApiErrorCode, ApiHttpError, notFound } from '../errors';
import { jobDetail, toJobView } from '../job-view';
import { parseOr400 } from '../validate';
import { jobSubmitRoute } from './job-submit-route';

/** Largest page of jobs or events: one reply stays well under a megabyte. */
const MAX_PAGE = 1_000;

const pageSchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
});

const eventsQuerySchema = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(MAX_PAGE),
});

async function recordOr404(deps: ApiDeps, jobId: string): Promise<JobRecord> {
  const record = await deps.reader.record(jobId);
  if (!record) throw notFound(`job ${jobId}`);
  return record;
}

/** Device index by key of one job (keys normalised as the inventory stores them). */
async function deviceIndexOf(
  deps: ApiDeps,
  jobId: string,
  key: string,
): Promise<number | undefined> {
  const parsed = parseDeviceKey(key);
  if (!parsed.ok) return undefined;
  const normal = deviceKey(parsed.value.host, parsed.value.port);
  const keys = await deps.redis.hgetall(deps.keys.job(jobId).deviceKeys);
  const found = Object.entries(keys).find(([, k]) => k === normal);
  return found ? Number(found[0]) : undefined;
}

/** What a device was asked to do, without its credentials (even sealed). */
function taskView(task: unknown): object {
  if (typeof task !== 'object' || task === null) return {};
  const { credentials: _credentials, ...rest } = task as Record<string, unknown>;
  return rest;
}

function readRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/jobs', requireRole('viewer'), async (req, res) => {
    const { offset, limit } = parseOr400(pageSchema, req.query, 'query');
    const [ids, total] = await Promise.all([
      deps.redis.zrevrange(deps.keys.jobIndex, offset, offset + limit - 1),
      deps.redis.zcard(deps.keys.jobIndex),
    ]);
    const records = await Promise.all(ids.map((id) => deps.reader.record(id)));
    const items = records.flatMap((r) => (r ? [toJobView(r)] : []));
    res.json({ items, total, offset, limit });
  });
  router.get('/jobs/:id', requireRole('viewer'), async (req, res) => {
    res.json(await jobDetail(deps.reader, await recordOr404(deps, req.params.id as string)));
  });
  router.get('/jobs/:id/events', requireRole('viewer'), async (req, res) => {
    const id = req.params.id as string;
    await recordOr404(deps, id);
    const { since, limit } = parseOr400(eventsQuerySchema, req.query, 'query');
    const page = await deps.events.read(id, since, limit);
    res.json({ events: page.events, truncated: page.truncated });
  });
  router.get('/jobs/:id/result', requireRole('viewer'), async (req, res) => {
    const id = req.params.id as string;
    const record = await recordOr404(deps, id);
    const [states, results, keys] = await Promise.all([
      deps.reader.deviceStates(id),
      deps.reader.results(id),
      deps.redis.hgetall(deps.keys.job(id).deviceKeys),
    ]);
    const devices = [...states.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, state]) => ({
        index,
        key: keys[index] ?? '',
        state,
        result: results.get(index) ?? null,
      }));
    res.json({ job: toJobView(record), devices });
  });
  router.get('/jobs/:id/devices/:key', requireRole('viewer'), async (req, res) => {
    const id = req.params.id as string;
    await recordOr404(deps, id);
    const index = await deviceIndexOf(deps, id, req.params.key as string);
    if (index === undefined) throw notFound(`device ${String(req.params.key)} in job ${id}`);
    const [states, results, task] = await Promise.all([
      deps.reader.deviceStates(id),
      deps.reader.results(id),
      deps.reader.deviceTask(id, index),
    ]);
    res.json({
      index,
      state: states.get(index) ?? '',
      task: taskView(task),
      result: results.get(index) ?? null,
    });
  });
  return router;
}

/**
 * `POST /jobs/:id/<action>`: applies a control action (409 with the current status when the
 * job's state does not allow it) and enqueues what a `resume` dispatches.
 */
function controlRoutes(deps: ApiDeps): Router {
  const router = Router();
  const actions = new Set<string>(CONTROL_ACTIONS);
  router.post(
    '/jobs/:id/:action',
    requireRole('operator'),
    requireContentType('application/json'),
    async (req, res, next) => {
      const action = req.params.action as string;
      if (!actions.has(action)) {
        next();
        return;
      }
      const id = req.params.id as string;
      const body = parseOr400(controlRequestSchema, req.body ?? {});
      await recordOr404(deps, id);
      const reply = await deps.coordinator.control(
        id,
        action as ControlAction,
        principalOf(res).name,
        body.reason,
      );
      if (reply.kind === 'invalid') {
        throw new ApiHttpError(
          409,
          ApiErrorCode.invalidState,
          `cannot ${action} a job that is ${reply.status}`,
          {
            details: [{ path: 'status', message: reply.status }],
          },
        );
      }
      if (reply.kind === 'ok') {
        await deps.queue.enqueue(reply.dispatch.map((d) => ({ jobId: id, runId: id, ...d })));
      }
      res.json({ id, action, status: reply.status, changed: reply.kind === 'ok' });
    },
  );
  return router;
}

/** The job routes: submit, list, read, events, results, per-device detail and control. */
export function jobRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use(jobSubmitRoute(deps));
  router.use(readRoutes(deps));
  router.use(controlRoutes(deps));
  return router;
}
