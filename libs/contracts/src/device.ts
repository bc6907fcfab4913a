import { PLATFORMS, type Platform } from '@fleetpush/domain';
import { z } from 'zod';
import { deviceReachabilitySchema } from './device-reachability';
import { fingerprintSchema, isoTime } from './fields';

/**
 * An inventory device as the API shows it: secrets are never included, only whether they
 * are set (`has_password`).
 */
export const deviceViewSchema = z.object({
  key: z.string(),
  host: z.string(),
  port: z.number().int(),
  device_type: z.enum(PLATFORMS as [Platform, ...Platform[]]),
  name: z.string().optional(),
  username: z.string().optional(),
  has_password: z.boolean(),
  has_enable_secret: z.boolean(),
  credential: z.string().optional(),
  verify_commands: z.array(z.string()),
  host_vars: z.record(z.string(), z.string()),
  /** Extra CSV columns, usable as template variables. */
  vars: z.record(z.string(), z.string()),
  prod: z.boolean(),
  tags: z.array(z.string()),
  host_key: fingerprintSchema.optional(),
  created_at: isoTime,
  updated_at: isoTime,
  /**
   * The latest connection check (`validate=connect` import); `null` when never checked. The
   * API always sends it; optional so that answers of servers older than the field still parse.
   */
  reachability: deviceReachabilitySchema.nullable().optional(),
});

/** A device as the API returns it. */
export type DeviceView = z.infer<typeof deviceViewSchema>;
