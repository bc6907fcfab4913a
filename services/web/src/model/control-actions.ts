import type { ControlAction } from '../data/fleet-api';

/** The control actions a job in `status` accepts (what the run coordinator allows). */
export function allowedActions(status: string): ControlAction[] {
  switch (status) {
    case 'queued':
      return ['cancel', 'terminate'];
    case 'running':
      return ['pause', 'cancel', 'terminate'];
    case 'paused':
      return ['resume', 'cancel', 'terminate'];
    case 'cancelling':
      return ['terminate'];
    default:
      return [];
  }
}

/** The status a control action leads to, once the coordinator has applied it. */
const TARGET_STATUS: Readonly<Record<ControlAction, readonly string[]>> = {
  pause: ['paused'],
  resume: ['running'],
  cancel: ['cancelling', 'cancelled'],
  terminate: ['cancelling', 'cancelled'],
};

/** Whether a pending action is done: the job reached its target status, or a terminal one. */
export function actionSettled(action: ControlAction, status: string): boolean {
  return (
    TARGET_STATUS[action].includes(status) || ['completed', 'failed', 'cancelled'].includes(status)
  );
}

/** The honest label of an action while it is pending ("pausing…"). */
export const PENDING_LABEL: Readonly<Record<ControlAction, string>> = {
  pause: 'Pausing…',
  resume: 'Resuming…',
  cancel: 'Cancelling…',
  terminate: 'Terminating…',
};
