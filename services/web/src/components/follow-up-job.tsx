import { FleetpushApiError } from '@fleetpush/client';
import { deviceLeftChanged } from '@fleetpush/contracts';
import { TERMINAL_JOB_STATES, type JobState } from '@fleetpush/domain';
import { useEffect, useState } from 'react';
import type { JobResultDevice } from '../data/api-types';
import { windowOf, type ChangeWindow, type WindowFields } from '../model/change-window';
import { navigate } from '../route';
import { useSession } from '../session';
import { ErrorBox } from './error-box';

/** Whether the API refused a follow-up only because production was not confirmed. */
function needsProdConfirmation(error: unknown): boolean {
  return (
    error instanceof FleetpushApiError &&
    error.status === 400 &&
    error.details.some((d) => d.path === 'confirm_prod')
  );
}

/** One follow-up of an ended job (a rerun, an undo): its button, question and request. */
interface FollowUp {
  readonly button: string;
  readonly question: string;
  /** The confirmation group's accessible name. */
  readonly group: string;
  readonly failure: string;
  /** A checkbox that widens the follow-up (its label), passed to `launch` as `widened`. */
  readonly widen?: string;
  readonly launch: (
    confirmProd: boolean,
    widened: boolean,
    window: ChangeWindow | undefined,
  ) => Promise<{ readonly job: { readonly id: string } }>;
}

/** The follow-up's own change window: both times optional (blank start: now). */
const WINDOW_INPUTS = [
  { field: 'windowStart', label: 'Start at (blank: now)' },
  { field: 'windowEnd', label: 'Stop starting devices at' },
] as const satisfies readonly { field: keyof WindowFields; label: string }[];

/** The two optional times of a follow-up, read in the browser's time zone. */
function FollowUpWindow({
  form,
  set,
}: {
  readonly form: WindowFields;
  readonly set: (patch: Partial<WindowFields>) => void;
}): React.JSX.Element {
  return (
    <>
      {WINDOW_INPUTS.map((w) => (
        <label key={w.field} className="small">
          {w.label}{' '}
          <input
            type="datetime-local"
            value={form[w.field]}
            onChange={(e) => set({ [w.field]: e.target.value })}
          />
        </label>
      ))}
    </>
  );
}

/**
 * A follow-up job of an ended job, after a confirmation; then the new job's monitor. When its
 * devices include production ones, the API says so and the confirmation asks for them too.
 */
function FollowUpJob({ followUp }: { readonly followUp: FollowUp }): React.JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [prod, setProd] = useState<'unknown' | 'asked' | 'confirmed'>('unknown');
  const [widened, setWidened] = useState(false);
  const [times, setTimes] = useState<WindowFields>({ windowStart: '', windowEnd: '' });
  const window = windowOf(times);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const { job } = await followUp.launch(prod === 'confirmed', widened, window);
      navigate({ page: 'monitor', jobId: job.id });
    } catch (e) {
      if (needsProdConfirmation(e) && prod === 'unknown') setProd('asked');
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {confirming ? (
        <span className="row" role="group" aria-label={followUp.group}>
          <span className="small">{followUp.question}</span>
          {followUp.widen !== undefined && (
            <label className="small">
              <input
                type="checkbox"
                checked={widened}
                onChange={(e) => setWidened(e.target.checked)}
              />{' '}
              {followUp.widen}
            </label>
          )}
          {prod !== 'unknown' && (
            <label className="small">
              <input
                type="checkbox"
                checked={prod === 'confirmed'}
                onChange={(e) => setProd(e.target.checked ? 'confirmed' : 'asked')}
              />{' '}
              Change the production devices among them
            </label>
          )}
          <FollowUpWindow form={times} set={(patch) => setTimes({ ...times, ...patch })} />
          <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
            {window?.start_at !== undefined ? 'Yes, schedule it' : 'Yes, start it'}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          {followUp.button}
        </button>
      )}
      <ErrorBox error={error} title={followUp.failure} />
    </>
  );
}

/** Whether the signed-in role may start a follow-up of a job in this status. */
function mayFollowUp(role: string, status: string): boolean {
  return role !== 'viewer' && TERMINAL_JOB_STATES.has(status as JobState);
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * "Rerun N failed devices…" (failed or aborted), optionally with the skipped ones too; or, when
 * none failed, "Run on the M skipped devices…" (a cancelled rollout finished later): the ended
 * job's change again, as a new job. Operators and admins.
 */
export function RerunJob({
  jobId,
  status,
  failed,
  skipped,
}: {
  readonly jobId: string;
  readonly status: string;
  /** How many devices failed or were aborted. */
  readonly failed: number;
  /** How many devices were skipped (never started). */
  readonly skipped: number;
}): React.JSX.Element | null {
  const { api, config } = useSession();
  if (failed + skipped === 0 || !mayFollowUp(config.principal.role, status)) return null;
  const rerun = (confirmProd: boolean, all: boolean, window: ChangeWindow | undefined) =>
    api.rerunJob(jobId, {
      confirm_prod: confirmProd,
      devices: all ? 'not_succeeded' : 'failed',
      ...(window && { window }),
    });
  const failedDevices = plural(failed, 'failed device');
  const skippedDevices = plural(skipped, 'skipped device');
  const followUp =
    failed > 0
      ? {
          button: `Rerun ${failedDevices}…`,
          question: `Run this change again, as a new job, on the ${failedDevices}?`,
          ...(skipped > 0 && { widen: `and on the ${skippedDevices}` }),
          launch: rerun,
        }
      : {
          button: `Run on the ${skippedDevices}…`,
          question: `Run this change, as a new job, on the ${skippedDevices}?`,
          launch: (confirmProd: boolean, _widened: boolean, window: ChangeWindow | undefined) =>
            rerun(confirmProd, true, window),
        };
  return (
    <FollowUpJob
      followUp={{ ...followUp, group: 'Confirm the rerun', failure: 'The job was not rerun' }}
    />
  );
}

/**
 * "Undo on N devices…": the ended job's rollback commands, as a new job, on the devices it left
 * changed; shown when the job has rollback commands. Operators and admins.
 */
export function UndoJob({
  jobId,
  status,
  devices,
}: {
  readonly jobId: string;
  readonly status: string;
  readonly devices: readonly JobResultDevice[];
}): React.JSX.Element | null {
  const { api, config } = useSession();
  const [rollback, setRollback] = useState<number | null>(null);
  const allowed = mayFollowUp(config.principal.role, status);
  useEffect(() => {
    if (!allowed) return;
    api.job(jobId).then(
      (job) => {
        const lines = (job.spec as { rollback_commands?: unknown }).rollback_commands;
        setRollback(Array.isArray(lines) ? lines.length : 0);
      },
      () => setRollback(0),
    );
  }, [api, jobId, allowed]);
  const changed = devices.filter((d) => deviceLeftChanged(d.result)).length;
  if (!allowed || !rollback || changed === 0) return null;
  const what = plural(changed, 'device');
  return (
    <FollowUpJob
      followUp={{
        button: `Undo on ${what}…`,
        question: `Run this job's ${plural(rollback, 'rollback command')}, as a new job, on the ${what} it changed?`,
        group: 'Confirm the undo',
        failure: 'The job was not undone',
        launch: (confirmProd, _widened, window) =>
          api.undoJob(jobId, { confirm_prod: confirmProd, ...(window && { window }) }),
      }}
    />
  );
}
