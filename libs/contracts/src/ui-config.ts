import { z } from 'zod';
import { roleSchema } from './auth';

/** `GET /api/v1/ui-config`: what the web UI needs to know after sign-in. */
export const uiConfigSchema = z.looseObject({
  /** Where browsers reach the Socket.IO gateway; `null` = the page's own origin. */
  gatewayUrl: z.string().nullable(),
  /** Who the token is (the UI hides actions the role may not take). */
  principal: z.looseObject({ name: z.string(), role: roleSchema }),
});

/** The web UI's configuration. */
export type UiConfig = z.infer<typeof uiConfigSchema>;
