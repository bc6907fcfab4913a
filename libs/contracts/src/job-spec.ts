import { z } from 'zod';
import { cliLine, deviceKeySchema, regexSource, tagSchema, variableName } from './fields';

/** Largest job fleetpush accepts in one submission (the 10,000-device benchmark plus headroom). */
export const MAX_TARGETS = 100_000;

/**
 * A target selector: a device key, `all`, `tag:NAME` or `type:PLATFORM`.
 * Selectors are resolved against the inventory at submission time and stored resolved.
 */
export const targetSelector = z.union([
  z.literal('all'),
  z
    .string()
    .regex(/^tag:.+$/, 'tag selector is tag:NAME')
    .pipe(z.string()),
  z.string().regex(/^type:[a-z_]+$/, 'type selector is type:PLATFORM'),
  deviceKeySchema,
]);

/** A wave size: an absolute device count or a percentage of the non-canary devices. */
export const waveSize = z.union([
  z.number().int().min(1),
  z
    .string()
    .regex(/^\d+(\.\d+)?%$/, 'a percentage like "10%"')
    .refine((s) => {
      const pct = Number(s.slice(0, -1));
      return pct > 0 && pct <= 100;
    }, 'percentage must be in (0, 100]')
    .transform((s) => s as `${number}%`),
]);

/** The most devices of one group in flight at once; the largest a window can be. */
const groupConcurrency = z.number().int().min(1).max(10_000);

/**
 * A concurrency cap on a group of devices, across the whole job, within the job's window:
 * `{ tag: "core", concurrency: 1 }` = never two devices tagged `core` at once;
 * `{ per: "site", concurrency: 2 }` = at most two devices with the same value of the
 * variable `site` (host_vars, inventory column or global_vars, as in templates) at once.
 * Devices without the tag or the variable are not limited by the rule.
 */
export const groupLimitSchema = z
  .object({
    tag: tagSchema.optional(),
    per: variableName.optional(),
    concurrency: groupConcurrency,
  })
  .strict()
  .superRefine((limit, ctx) => {
    if ((limit.tag === undefined) === (limit.per === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'give either tag (devices with this tag) or per (a variable whose value groups the devices)',
      });
    }
  });

/** A group limit as submitted. */
export type GroupLimit = z.output<typeof groupLimitSchema>;

/** How the run fans out after the canary. */
export const strategySchema = z
  .object({
    /** Wave sizes, Ansible `serial` style; the last repeats. Absent = one wave. */
    waves: z.array(waveSize).min(1).max(100).optional(),
    /** Devices in flight at once within a wave (a sliding window). */
    concurrency: z.number().int().min(1).max(10_000).default(10),
    /** Minimum gap between two device starts. */
    stagger_ms: z.number().int().min(0).max(600_000).default(0),
    /** Failures tolerated per wave. */
    max_failures: z.number().int().min(0).optional(),
    /** Failures tolerated per wave, as a percentage of the wave. */
    max_failure_pct: z.number().min(0).max(100).optional(),
    /**
     * Stop at the first failure (a budget of 0). When neither this nor a budget is given, the
     * job stops at the first failure, as nw-edit did; `false` with no budget = unlimited.
     */
    stop_on_error: z.boolean().optional(),
    /**
     * Concurrency caps per group of devices ("never two cores at once", "one device per site
     * at a time"), on top of `concurrency`; a device starts only when every group it belongs to
     * is under its cap, and devices behind it start meanwhile.
     */
    limits: z.array(groupLimitSchema).max(20).optional(),
  })
  .strict();

/** Automatic retries of non-canary devices. */
export const retrySchema = z
  .object({
    /** Total attempts per device (1 = no retry). The canary always gets exactly one. */
    attempts: z.number().int().min(1).max(10).default(2),
    backoff_ms: z.number().int().min(0).max(600_000).default(1000),
    max_backoff_ms: z.number().int().min(0).max(3_600_000).default(30_000),
    /** Also retry failures that happened after the first config line was sent. */
    after_apply: z.boolean().default(false),
  })
  .strict();

/** Deadlines; the device deadline is enforced preemptively (the session is closed). */
export const timeoutsSchema = z
  .object({
    connect_ms: z.number().int().min(100).max(300_000).default(10_000),
    command_ms: z.number().int().min(100).max(3_600_000).default(20_000),
    device_ms: z.number().int().min(1000).max(86_400_000).default(180_000),
  })
  .strict();

/** Post-check assertions: regex sources that must / must not match the post-check output. */
export const assertionsSchema = z
  .object({
    expect: z.array(regexSource).max(100).default([]),
    forbid: z.array(regexSource).max(100).default([]),
  })
  .strict();

/** An instant with its time zone: a change window is never read in some server's local time. */
const instant = z.iso.datetime({
  offset: true,
  error:
    'an ISO 8601 date and time with a time zone, like 2026-12-08T02:00:00Z or 2026-12-08T02:00:00+01:00',
});

/**
 * The change window a job runs in. `start_at`: the job waits `queued` until then (a worker
 * starts it within seconds of the time; `POST /jobs/{id}/run` starts it early). `end_at`: no
 * device starts from then on; devices in flight finish, the rest end `skipped`
 * (`window_closed`) and the job ends `cancelled`.
 */
export const changeWindowSchema = z
  .object({
    start_at: instant.optional(),
    end_at: instant.optional(),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.start_at === undefined && w.end_at === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give start_at, end_at or both' });
    }
    if (
      w.start_at !== undefined &&
      w.end_at !== undefined &&
      Date.parse(w.end_at) <= Date.parse(w.start_at)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['end_at'],
        message: 'end_at must come after start_at',
      });
    }
  });

/** Which devices get the apply commands. */
export const CommandScope = { all: 'all', canary: 'canary' } as const;
/** Which devices run the verify commands. */
export const VerifyMode = { all: 'all', canary: 'canary', none: 'none' } as const;

/** A job submission (`POST /api/v1/jobs`). Field names are the operator vocabulary (snake_case). */
export const jobSubmissionSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(4000).optional(),
    /** Config command templates, one CLI line each, rendered per device. */
    commands: z.array(cliLine).min(1).max(10_000),
    /** Verify commands for every device; absent = each device's own `verify_cmds` from the inventory. */
    verify_commands: z.array(cliLine).max(1000).optional(),
    targets: z.array(targetSelector).min(1).max(MAX_TARGETS),
    canary: deviceKeySchema.optional(),
    command_scope: z.enum(['all', 'canary']).default('all'),
    verify_mode: z.enum(['all', 'canary', 'none']).default('all'),
    global_vars: z.record(variableName, z.string().max(4096)).default({}),
    strategy: strategySchema.default(() => strategySchema.parse({})),
    retry: retrySchema.default(() => retrySchema.parse({})),
    timeouts: timeoutsSchema.default(() => timeoutsSchema.parse({})),
    assertions: assertionsSchema.optional(),
    /** Commands run on a device whose post-check assertions failed. */
    rollback_commands: z.array(cliLine).max(10_000).optional(),
    dry_run: z.boolean().default(false),
    save_config: z.boolean().default(false),
    skip_diff: z.boolean().default(false),
    pause_after_canary: z.boolean().default(false),
    reapply_on_recovery: z.boolean().default(false),
    confirm_prod: z.boolean().default(false),
    /** Cap on each stored diff, in UTF-8 bytes. */
    diff_max_bytes: z
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(256 * 1024),
    /**
     * POSTed the job's summary when it ends (signed, retried; see the worker's README). No
     * credentials in the URL: it is shown with the job, so it must not carry a secret.
     */
    notify_url: z
      .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
      .max(2048)
      .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), 'credentials in notify_url are refused')
      .optional(),
    labels: z.record(z.string().max(64), z.string().max(256)).optional(),
    tags: z.array(tagSchema).max(50).optional(),
    /** When the job may start and by when its devices must have started (a maintenance window). */
    window: changeWindowSchema.optional(),
  })
  .strict()
  .superRefine((job, ctx) => {
    const { max_failures, max_failure_pct } = job.strategy;
    if (job.dry_run && job.save_config) {
      ctx.addIssue({ code: 'custom', path: ['save_config'], message: 'a dry run never saves' });
    }
    const hasBudget = max_failures !== undefined || max_failure_pct !== undefined;
    if (hasBudget && job.strategy.stop_on_error === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['strategy', 'stop_on_error'],
        message: 'stop_on_error contradicts max_failures / max_failure_pct: give one or the other',
      });
    }
  });

/** A job submission as sent (defaults optional). */
export type JobSubmissionInput = z.input<typeof jobSubmissionSchema>;
/** A validated job submission, defaults applied. */
export type JobSubmission = z.output<typeof jobSubmissionSchema>;
