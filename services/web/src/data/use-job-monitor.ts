import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { FleetEvent, JobView } from '@fleetpush/contracts';
import type { JobDetail } from './api-types';
import type { FleetApi } from './fleet-api';
import { applyEvents, initialMonitor, type JobMonitor } from '../model/job-monitor';
import { followsLimitHold } from '../model/limit-hold';
import { useSession } from '../session';

/** Events are applied at most this often: a 10,000-device run redraws ~8 times a second. */
const FLUSH_MS = 120;
/**
 * How often the run of a job with group limits is read again: no event says that a device is
 * held back by a full group, `GET /jobs/{id}` does (`run.held_by_limits`).
 */
const RUN_POLL_MS = 3_000;

/** The live monitor of one job, and the gateway connection's state. */
export interface JobMonitorState {
  readonly job: JobDetail | null;
  readonly monitor: JobMonitor | null;
  /** `live` once events flow; `refused` when the gateway said no (with why in `error`). */
  readonly connection: 'connecting' | 'live' | 'refused';
  readonly error: unknown;
  /**
   * Takes a newer view of the job the API answered (an approval): what no event carries, such as
   * who approved it. The live status still comes from the events.
   */
  readonly jobChanged: (view: JobView) => void;
}

/**
 * Loads a job and its devices over REST, then follows its events on the gateway (replay from
 * the start, then live; reconnects resume after the last sequence seen, inside the client).
 */
export function useJobMonitor(jobId: string): JobMonitorState {
  const { api, config } = useSession();
  const [job, setJob] = useState<JobDetail | null>(null);
  const [monitor, setMonitor] = useState<JobMonitor | null>(null);
  const [connection, setConnection] = useState<JobMonitorState['connection']>('connecting');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    let buffer: FleetEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      const batch = buffer;
      buffer = [];
      setMonitor((m) => (m ? applyEvents(m, batch) : m));
    };
    Promise.all([api.job(jobId), api.result(jobId)]).then(
      ([detail, result]) => {
        if (cancelled) return;
        setJob(detail);
        setMonitor(
          initialMonitor(
            detail.status,
            detail.canary,
            result.devices.map((d) => ({ key: d.key, state: d.state })),
          ),
        );
        const watch = api.watch(
          jobId,
          config.gatewayUrl,
          (event) => {
            // the approval is the job view's, not the monitor's: the banner and header follow it
            if (event.type === 'job:approved')
              setJob((current) => current && approvedBy(current, event.approvedBy));
            buffer.push(event);
            setConnection('live');
            timer ??= setTimeout(flush, FLUSH_MS);
          },
          (e) => {
            setConnection('refused');
            setError(e);
          },
        );
        stop = () => watch.close();
      },
      (e: unknown) => setError(e),
    );
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
      stop?.();
    };
  }, [api, config.gatewayUrl, jobId]);
  const followsHold =
    job !== null &&
    monitor !== null &&
    followsLimitHold({ status: monitor.status, spec: job.spec });
  useRunPoll(api, jobId, followsHold, setJob);
  const jobChanged = useCallback(
    (view: JobView) => setJob((current) => current && { ...current, ...view }),
    [],
  );
  return { job, monitor, connection, error, jobChanged };
}

/**
 * While `active`, reads the job again every {@link RUN_POLL_MS} (one request at a time) and takes
 * its `run` only: the live status and counts stay the events'. Stops when no longer active or
 * on unmount; a failed read is tried again at the next period.
 */
function useRunPoll(
  api: FleetApi,
  jobId: string,
  active: boolean,
  setJob: Dispatch<SetStateAction<JobDetail | null>>,
): void {
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (): void => {
      const again = (): void => {
        if (!stopped) timer = setTimeout(read, RUN_POLL_MS);
      };
      api.job(jobId).then((detail) => {
        if (!stopped) setJob((current) => current && { ...current, run: detail.run });
        again();
      }, again);
    };
    timer = setTimeout(read, RUN_POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, jobId, active, setJob]);
}

/** The job as a `job:approved` event leaves it: approved, by whom (its status moves separately). */
function approvedBy(job: JobDetail, approver: string): JobDetail {
  return { ...job, approval: 'approved', approved_by: approver };
}
