import { deviceKey, parseDeviceKey } from '@fleetpush/domain';
import type { JobRecord } from '@fleetpush/store';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { requireRole } from '../auth';
import { notFound } from '../errors';
import { jobDetail, toJobView } from '../job-view';
import { parseOr400 } from '../validate';

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

/** The stored record of a job, or a 404. */
export async function recordOr404(deps: ApiDeps, jobId: string): Promise<JobRecord> {
  const record = await deps.reader.record(jobId);
  if (!record) throw notFound(`job ${jobId}`);
  return record;
}

/** Device index by key in one job (keys normalised as the inventory stores them). */
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

/** What a device was asked to do, without its credentials (not even sealed ones). */
function taskView(task: unknown): object {
  if (typeof task !== 'object' || task === null) return {};
  const { credentials: _credentials, ...rest } = task as Record<string, unknown>;
  return rest;
}

function listJobs(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { offset, limit } = parseOr400(pageSchema, req.query, 'query');
    const [ids, total] = await Promise.all([
      deps.redis.zrevrange(deps.keys.jobIndex, offset, offset + limit - 1),
      deps.redis.zcard(deps.keys.jobIndex),
    ]);
    const records = await Promise.all(ids.map((id) => deps.reader.record(id)));
    const items = records.flatMap((r) => (r ? [toJobView(r)] : []));
    res.json({ items, total, offset, limit });
  };
}

function jobEvents(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const id = req.params.id as string;
    await recordOr404(deps, id);
    const { since, limit } = parseOr400(eventsQuerySchema, req.query, 'query');
    const page = await deps.events.read(id, since, limit);
    res.json({ events: page.events, truncated: page.truncated });
  };
}

function jobResult(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
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
  };
}

function jobDevice(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
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
  };
}

/**
 * Reading jobs (viewer): the list (newest first), one job with its run counts, its events
 * after a sequence number, per-device results (also while running) and one device's detail.
 */
export function jobReadRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.use('/jobs', requireRole('viewer'));
  router.get('/jobs', listJobs(deps));
  router.get('/jobs/:id', async (req, res) => {
    res.json(await jobDetail(deps.reader, await recordOr404(deps, req.params.id as string)));
  });
  router.get('/jobs/:id/events', jobEvents(deps));
  router.get('/jobs/:id/result', jobResult(deps));
  router.get('/jobs/:id/devices/:key', jobDevice(deps));
  return router;
}
