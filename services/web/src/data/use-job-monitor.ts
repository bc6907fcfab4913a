import { useEffect, useState } from 'react';
import type { JobDetail } from './api-types';
import { watchJob } from './job-socket';
import { applyEvents, initialMonitor, type JobMonitor } from '../model/job-monitor';
import { useSession } from '../session';

/** The live monitor of one job, and the gateway connection's state. */
export interface JobMonitorState {
  readonly job: JobDetail | null;
  readonly monitor: JobMonitor | null;
  readonly connection: 'connecting' | 'live' | 'reconnecting' | 'refused';
  readonly error: unknown;
}

/**
 * Loads a job and its devices over REST, then follows its events on the gateway (replay from
 * the start, then live; reconnects resume after the last sequence seen).
 */
export function useJobMonitor(jobId: string): JobMonitorState {
  const { api, token, config } = useSession();
  const [job, setJob] = useState<JobDetail | null>(null);
  const [monitor, setMonitor] = useState<JobMonitor | null>(null);
  const [connection, setConnection] = useState<JobMonitorState['connection']>('connecting');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    Promise.all([api.job(jobId), api.result(jobId)]).then(
      ([detail, result]) => {
        if (cancelled) return;
        setJob(detail);
        setMonitor(
          initialMonitor(
            detail.status,
            detail.canary,
            result.devices.map((d) => ({ key: d.key, state: 'pending' })),
          ),
        );
        stop = watchJob(config.gatewayUrl, token, jobId, {
          onEvents: (events) => setMonitor((m) => (m ? applyEvents(m, events) : m)),
          onConnection: (state) => setConnection(state),
        });
      },
      (e: unknown) => setError(e),
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [api, token, config.gatewayUrl, jobId]);
  return { job, monitor, connection, error };
}
