import { PLATFORMS, type Platform } from '@fleetpush/domain';
import { z } from 'zod';
import { cliLine, isoTime, platformSchema } from './fields';
import { assertionsSchema, retrySchema, strategySchema, timeoutsSchema } from './job-spec';

/**
 * The run settings a preset carries: the part of a job submission that says how to run, built
 * from the same schema pieces as `jobSubmissionSchema`, every field optional.
 */
export const presetSettingsSchema = z
  .object({
    strategy: strategySchema.optional(),
    retry: retrySchema.optional(),
    timeouts: timeoutsSchema.optional(),
    assertions: assertionsSchema.optional(),
    command_scope: z.enum(['all', 'canary']).optional(),
    verify_mode: z.enum(['all', 'canary', 'none']).optional(),
    dry_run: z.boolean().optional(),
    save_config: z.boolean().optional(),
    skip_diff: z.boolean().optional(),
    pause_after_canary: z.boolean().optional(),
    reapply_on_recovery: z.boolean().optional(),
  })
  .strict()
  .refine((s) => !(s.dry_run === true && s.save_config === true), {
    path: ['save_config'],
    message: 'a dry run never saves',
  });

/** A preset's run settings. */
export type PresetSettings = z.infer<typeof presetSettingsSchema>;

/** A preset's name: unique per OS model. */
export const presetNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** The body of `POST /presets` and `PUT /presets/{id}` (a PUT replaces the whole preset). */
export const presetInputSchema = z
  .object({
    name: presetNameSchema,
    /** The device type (platform) the preset is for; aliases are normalised. */
    os_model: platformSchema,
    description: z.string().max(4000).optional(),
    commands: z.array(cliLine).min(1).max(10_000),
    verify_commands: z.array(cliLine).max(1000).default([]),
    settings: presetSettingsSchema.default({}),
  })
  .strict();

/** A preset as sent. */
export type PresetInput = z.input<typeof presetInputSchema>;

/** A stored preset, as the API returns it. */
export const presetSchema = z.object({
  id: z.string(),
  name: presetNameSchema,
  os_model: z.enum(PLATFORMS as [Platform, ...Platform[]]),
  description: z.string().optional(),
  commands: z.array(z.string()),
  verify_commands: z.array(z.string()),
  settings: presetSettingsSchema,
  created_at: isoTime,
  updated_at: isoTime,
  /** The actor who last wrote it. */
  updated_by: z.string(),
});

/** A stored preset. */
export type Preset = z.infer<typeof presetSchema>;
