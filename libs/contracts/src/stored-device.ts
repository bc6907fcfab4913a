import { PLATFORMS, type Platform } from '@fleetpush/domain';
import { z } from 'zod';
import { fingerprintSchema, isoTime } from './fields';

/**
 * A device as the inventory stores it in Redis. Secrets are sealed (AES-256-GCM, the key is
 * never in Redis): `*_sealed` fields are opaque and are never returned by the API.
 */
export const storedDeviceSchema = z.object({
  key: z.string(),
  host: z.string(),
  port: z.number().int(),
  device_type: z.enum(PLATFORMS as [Platform, ...Platform[]]),
  name: z.string().optional(),
  username: z.string().optional(),
  credential: z.string().optional(),
  password_sealed: z.string().optional(),
  enable_secret_sealed: z.string().optional(),
  verify_commands: z.array(z.string()),
  host_vars: z.record(z.string(), z.string()),
  vars: z.record(z.string(), z.string()),
  prod: z.boolean(),
  tags: z.array(z.string()),
  host_key: fingerprintSchema.optional(),
  legacy_algorithms: z.boolean().optional(),
  created_at: isoTime,
  updated_at: isoTime,
});

/** A stored inventory device. */
export type StoredDevice = z.infer<typeof storedDeviceSchema>;

/** A device ready to store (an import's output): the store sets `created_at` / `updated_at`. */
export const newDeviceSchema = storedDeviceSchema.omit({ created_at: true, updated_at: true });

/** A device ready to store. */
export type NewDevice = z.infer<typeof newDeviceSchema>;

/** How the worker logs in to a device of a job (sealed secrets, opened only in the worker). */
export const taskCredentialsSchema = z.object({
  username: z.string(),
  password_sealed: z.string().optional(),
  private_key_sealed: z.string().optional(),
  passphrase_sealed: z.string().optional(),
  enable_secret_sealed: z.string().optional(),
});

/**
 * One device's part of a job, fixed at submission: the rendered commands (the audit record of
 * what was asked), its verify commands and a snapshot of its login (so that a re-import during
 * the run cannot change which credentials are used).
 */
export const deviceTaskSpecSchema = z.object({
  key: z.string(),
  host: z.string(),
  port: z.number().int(),
  platform: z.enum(PLATFORMS as [Platform, ...Platform[]]),
  name: z.string().optional(),
  prod: z.boolean(),
  isCanary: z.boolean(),
  commands: z.array(z.string()),
  verify: z.array(z.string()),
  credentials: taskCredentialsSchema,
  host_key: fingerprintSchema.optional(),
  legacy_algorithms: z.boolean().optional(),
});

/** A device task spec. */
export type DeviceTaskSpec = z.infer<typeof deviceTaskSpecSchema>;
