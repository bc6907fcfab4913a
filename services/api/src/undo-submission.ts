import type { JobSubmission, undoRequestSchema } from '@fleetpush/contracts';
import type { z } from 'zod';
import { ApiErrorCode, ApiHttpError } from './errors';
import { followUpSubmission, storedSubmission } from './follow-up-submission';

/** A parsed undo request. */
export type UndoChoice = z.output<typeof undoRequestSchema>;

/** The ended job's stored submission; 409 when it has no rollback commands to undo it with. */
export function undoableSubmission(jobId: string, spec: unknown): JobSubmission {
  const stored = storedSubmission(jobId, spec);
  if ((stored.rollback_commands ?? []).length > 0) return stored;
  throw new ApiHttpError(
    409,
    ApiErrorCode.invalidState,
    `job ${jobId} has no rollback_commands: nothing says how to undo it`,
  );
}

/**
 * The submission of an undo: the ended job's `rollback_commands` as the commands, on the devices
 * it changed (`keys`), with its verify commands (so each diff shows the change going back), its
 * canary when among them, waves and budgets; no assertions (they were about the change) and no
 * rollback of the rollback.
 */
export function undoSubmission(
  jobId: string,
  stored: JobSubmission,
  keys: readonly string[],
  choice: UndoChoice,
): JobSubmission {
  return followUpSubmission(jobId, stored, {
    name: choice.name,
    words: `undo: ${keys.length} device${keys.length === 1 ? '' : 's'}`,
    targets: keys,
    confirmProd: choice.confirm_prod,
    window: choice.window,
    label: 'undo_of',
    replace: {
      commands: stored.rollback_commands,
      rollback_commands: undefined,
      assertions: undefined,
    },
  });
}
