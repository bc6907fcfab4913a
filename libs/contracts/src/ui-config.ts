import { z } from 'zod';
import { roleSchema } from './auth';

/** `GET /api/v1/ui-config`: what the web UI needs to know after sign-in. */
export const uiConfigSchema = z.looseObject({
  /** Where browsers reach the Socket.IO gateway; `null` = the page's own origin. */
  gatewayUrl: z.string().nullable(),
  /** Who the token is (the UI hides actions the role may not take). */
  principal: z.looseObject({ name: z.string(), role: roleSchema }),
  /**
   * `FLEETPUSH_APPROVAL_POLICY`: which jobs wait for a second person's approval (`none`,
   * `production`, `all`); absent from an API older than 2026-12-07.
   */
  approvalPolicy: z.enum(['none', 'production', 'all']).optional(),
});

/** The web UI's configuration. */
export type UiConfig = z.infer<typeof uiConfigSchema>;
