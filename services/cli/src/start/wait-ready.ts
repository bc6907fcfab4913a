import { StartError, StartErrorCode } from './start-errors';
import type { ServiceProcess } from './service-process';

/** Options of {@link waitReady}. */
export interface WaitReadyOptions {
  /** Give up after this long. */
  readonly timeoutMs: number;
  /** Whether any answer counts (the gateway has no health route), or only a 2xx. */
  readonly anyAnswer?: boolean;
}

/** Poll period: fast enough that start feels instant, slow enough not to load a 2-core machine. */
const POLL_MS = 100;

async function answers(url: string, anyAnswer: boolean): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return anyAnswer || response.ok;
  } catch {
    return false;
  }
}

/**
 * Resolves once `url` answers; rejects with a {@link StartError} carrying the service's last
 * output when the process ends first or the timeout passes.
 */
export async function waitReady(
  service: ServiceProcess,
  url: string,
  options: WaitReadyOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (service.ended()) break;
    if (await answers(url, options.anyAnswer ?? false)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const why = service.ended() ? 'ended' : `was not ready within ${options.timeoutMs} ms`;
  throw new StartError(
    StartErrorCode.serviceFailed,
    `the ${service.name} ${why}; its last output:\n${service.tail()}`,
  );
}
