import { deviceKey, JOB_STATES, parseDeviceKey, type JobState } from '@fleetpush/domain';
import type { JobRecord } from '@fleetpush/store';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { ApiDeps } from '../api-deps';
import { requireRole } from '../auth';
import { notFound } from '../errors';
import { jobDetail, toJobView, type JobListItem, type JobView } from '../job-view';
import { parseOr400 } from '../validate';

/** Largest page of jobs or events: one reply stays well under a megabyte. */
const MAX_PAGE = 1_000;

/** The query of `GET /jobs`: filters (all optional, combined with AND) and a page. */
export const jobListQuerySchema = z.object({
  /** One status or several, comma-separated (`running,paused`). */
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(JOB_STATES as [JobState, ...JobState[]])))
    .optional(),
  /** The submitter's token name, exactly. `created_by` is the same filter. */
  owner: z.string().min(1).max(200).optional(),
  created_by: z.string().min(1).max(200).optional(),
  /** Text the job's name contains, case-insensitive, or the start of its id. */
  text: z.string().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
});

/** A job list filter. */
type JobListQuery = z.output<typeof jobListQuerySchema>;

/** Job ids read per round while filtering the index (newest first). */
const SCAN_BATCH = 500;
/** The fields of a job record a list shows (not its spec, which may be megabytes). */
const VIEW_FIELDS = [
  'id',
  'name',
  'status',
  'actor',
  'created_at',
  'updated_at',
  'started_at',
  'finished_at',
  'targets',
  'canary',
  'start_at',
  'end_at',
  'approval',
  'approved_by',
  'end_reason',
];
/** States in which a job still has work to do (or waits to start). */
const ACTIVE_STATES: ReadonlySet<string> = new Set(['queued', 'running', 'paused', 'cancelling']);

/** The query of `GET /jobs/{id}/events`. */
export const eventsQuerySchema = z.object({
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

/** The listed views of some jobs, in the given order (missing jobs left out). */
async function viewsOf(deps: ApiDeps, ids: readonly string[]): Promise<JobView[]> {
  const pipeline = deps.redis.pipeline();
  for (const id of ids) pipeline.hmget(deps.keys.job(id).record, ...VIEW_FIELDS);
  const replies = (await pipeline.exec()) ?? [];
  return replies.flatMap(([error, values]) => {
    const row = values as (string | null)[];
    if (error || row[0] === null || row[0] === undefined) return [];
    return [toJobView(Object.fromEntries(VIEW_FIELDS.map((f, i) => [f, row[i] ?? '']))) as JobView];
  });
}

/** Jobs as the lists give them: each view with its devices counted by state. */
async function withCounts(deps: ApiDeps, views: readonly JobView[]): Promise<JobListItem[]> {
  const counts = await deps.reader.stateCountsOf(views.map((j) => j.id));
  return views.map((j) => ({ ...j, counts: counts.get(j.id) ?? {} }));
}

function matchesQuery(job: JobView, query: JobListQuery): boolean {
  const owner = query.owner ?? query.created_by;
  if (query.status && !query.status.includes(job.status as JobState)) return false;
  if (owner !== undefined && job.actor !== owner) return false;
  if (query.text === undefined) return true;
  const text = query.text.toLowerCase();
  return job.name.toLowerCase().includes(text) || job.id.startsWith(text);
}

/** Filters the whole index newest first; the page and the total of matching jobs. */
async function filteredJobs(
  deps: ApiDeps,
  query: JobListQuery,
): Promise<{ items: JobView[]; total: number }> {
  const items: JobView[] = [];
  let total = 0;
  for (let start = 0; ; start += SCAN_BATCH) {
    const ids = await deps.redis.zrevrange(deps.keys.jobIndex, start, start + SCAN_BATCH - 1);
    for (const job of await viewsOf(deps, ids)) {
      if (!matchesQuery(job, query)) continue;
      if (total >= query.offset && items.length < query.limit) items.push(job);
      total += 1;
    }
    if (ids.length < SCAN_BATCH) return { items, total };
  }
}

function listJobs(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const query = parseOr400(jobListQuerySchema, req.query, 'query');
    const { offset, limit } = query;
    const filtered =
      query.status !== undefined ||
      query.owner !== undefined ||
      query.created_by !== undefined ||
      query.text !== undefined;
    if (filtered) {
      const { items, total } = await filteredJobs(deps, query);
      res.json({ items: await withCounts(deps, items), total, offset, limit });
      return;
    }
    const [ids, total] = await Promise.all([
      deps.redis.zrevrange(deps.keys.jobIndex, offset, offset + limit - 1),
      deps.redis.zcard(deps.keys.jobIndex),
    ]);
    res.json({ items: await withCounts(deps, await viewsOf(deps, ids)), total, offset, limit });
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

/** `GET /jobs/active`: queued (also held), running, paused and cancelling jobs, newest first. */
function activeJobs(deps: ApiDeps): RequestHandler {
  return async (_req, res) => {
    const [active, held] = await Promise.all([
      deps.redis.smembers(deps.keys.activeJobs),
      deps.redis.smembers(deps.keys.heldJobs),
    ]);
    const views = await viewsOf(deps, [...new Set([...active, ...held])]);
    const items = views
      .filter((j) => ACTIVE_STATES.has(j.status))
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
    res.json({ items: await withCounts(deps, items), total: items.length });
  };
}

/** A job's record and every device's state and stored result (also while it runs). */
export async function jobResultBody(deps: ApiDeps, record: JobRecord): Promise<object> {
  const id = record.id ?? '';
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
  return { job: toJobView(record), devices };
}

function jobResult(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    res.json(await jobResultBody(deps, await recordOr404(deps, req.params.id as string)));
  };
}

function jobDevice(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const id = req.params.id as string;
    await recordOr404(deps, id);
    const index = await deviceIndexOf(deps, id, req.params.key as string);
    if (index === undefined) throw notFound(`device ${String(req.params.key)} in job ${id}`);
    const [state, result, task] = await Promise.all([
      deps.reader.deviceState(id, index),
      deps.reader.result(id, index),
      deps.reader.deviceTask(id, index),
    ]);
    res.json({ index, state: state ?? '', task: taskView(task), result });
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
  router.get('/jobs/active', activeJobs(deps));
  router.get('/jobs/:id', async (req, res) => {
    res.json(await jobDetail(deps.reader, await recordOr404(deps, req.params.id as string)));
  });
  router.get('/jobs/:id/events', jobEvents(deps));
  router.get('/jobs/:id/result', jobResult(deps));
  router.get('/jobs/:id/devices/:key', jobDevice(deps));
  return router;
}
