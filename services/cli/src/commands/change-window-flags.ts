import { changeWindowSchema, type JobSubmissionInput } from '@fleetpush/contracts';
import { UsageError } from '../cli-errors';

/** Milliseconds in each unit of a relative time (`+30m`, `+2h`, `+1d`). */
const OFFSET_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `+N` then a unit; six digits are more than the API's 366 days in any unit. */
const RELATIVE_TIME = /^\+(\d{1,6})([mhd])$/;

/** An instant exactly as the API takes one in a change window (ISO 8601 with a time zone). */
const apiInstant = changeWindowSchema.shape.start_at;

/** The flags of `fleetpush jobs run` that make its change window. */
export interface ChangeWindowValues {
  readonly 'start-at'?: string | undefined;
  readonly 'end-at'?: string | undefined;
}

/**
 * A `--start-at` / `--end-at` value as the API takes it: an ISO 8601 instant with a time zone as
 * it is, or `+30m` / `+2h` / `+1d` from `now` in UTC; anything else is a {@link UsageError}
 * naming the flag. Whether the time is too late or already past is the API's to say.
 */
export function windowTimeFlag(flag: string, raw: string, now: Date, usage: string): string {
  const relative = RELATIVE_TIME.exec(raw.trim());
  if (relative) {
    const unit = relative[2] as keyof typeof OFFSET_UNIT_MS;
    return new Date(now.getTime() + Number(relative[1]) * OFFSET_UNIT_MS[unit]).toISOString();
  }
  if (apiInstant.safeParse(raw).success) return raw;
  throw new UsageError(
    `--${flag}: "${raw}" is not a time: give an ISO 8601 time with a zone (2026-12-08T02:00:00Z) or +30m / +2h / +1d`,
    usage,
  );
}

/** The submission's `window` from `--start-at` and `--end-at`, or undefined without either. */
export function changeWindowFlags(
  values: ChangeWindowValues,
  now: Date,
  usage: string,
): JobSubmissionInput['window'] {
  const start = values['start-at'];
  const end = values['end-at'];
  if (start === undefined && end === undefined) return undefined;
  return {
    ...(start !== undefined && { start_at: windowTimeFlag('start-at', start, now, usage) }),
    ...(end !== undefined && { end_at: windowTimeFlag('end-at', end, now, usage) }),
  };
}
