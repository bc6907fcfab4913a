import { z } from 'zod';
import { cliLine, deviceKeySchema } from './fields';

/** Most commands in one `POST /commands/exec`: a troubleshooting round, not a bulk job. */
export const MAX_EXEC_COMMANDS = 50;

/** The body of `POST /commands/exec`: read-only commands on one imported device. */
export const execRequestSchema = z
  .object({
    device: deviceKeySchema,
    commands: z
      .array(cliLine.pipe(z.string().min(1)))
      .min(1)
      .max(MAX_EXEC_COMMANDS),
    /** Deadline of each command's response (the login has its own, 10 s at most). */
    timeout_ms: z.number().int().min(1000).max(120_000).default(20_000),
  })
  .strict();

/** An exec request as sent. */
export type ExecRequestInput = z.input<typeof execRequestSchema>;

/** One command's framed output. */
export const execOutputSchema = z.object({
  /** The command as sent (whitespace collapsed). */
  command: z.string(),
  output: z.string(),
  duration_ms: z.number(),
  /** The device's error line, when it rejected the command. */
  rejected: z.string().optional(),
});

/** The reply of `POST /commands/exec`. */
export const execResponseSchema = z.object({
  device: z.string(),
  platform: z.string(),
  outputs: z.array(execOutputSchema),
});

/** An exec reply. */
export type ExecResponse = z.infer<typeof execResponseSchema>;
