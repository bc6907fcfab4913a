import { z } from 'zod';

/** The control actions an operator can take on a running job. */
export const ControlAction = {
  pause: 'pause',
  resume: 'resume',
  cancel: 'cancel',
  terminate: 'terminate',
} as const;

/** A control action. */
export type ControlAction = (typeof ControlAction)[keyof typeof ControlAction];

/** All control actions. */
export const CONTROL_ACTIONS: readonly ControlAction[] = Object.values(ControlAction);

/** Body of `POST /jobs/{id}/{action}`. */
export const controlRequestSchema = z
  .object({
    reason: z.string().max(500).optional(),
  })
  .strict();

/**
 * The wake-up published on the control channel after the control state was stored. Workers
 * re-read the stored state; the message only says "look now".
 */
export const controlMessageSchema = z.object({
  jobId: z.string().min(1),
  action: z.enum(CONTROL_ACTIONS as [ControlAction, ...ControlAction[]]),
  at: z.number().int(),
});

/** A control wake-up message. */
export type ControlMessage = z.infer<typeof controlMessageSchema>;
