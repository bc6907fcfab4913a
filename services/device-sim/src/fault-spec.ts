import { SimOptionsError } from './errors';

/**
 * Misbehaviour a simulated device shows on purpose, so that the SSH driver and the workers can be
 * tested against the failures real fleets produce. Every knob is optional; `{}` is a healthy device.
 */
export interface FaultSpec {
  /** Added before each command's response (the command itself takes effect at once). */
  commandLatencyMs?: number;
  /** Regex source (case-insensitive): echo a matching line, then never answer again. */
  hangOnCommand?: string;
  /**
   * Close the session abruptly (TCP reset, no SSH disconnect) when command N+1 arrives, so the
   * first N non-empty lines are answered and line N+1 is never applied.
   */
  dropAfterCommands?: number;
  /** Refuse the first N password attempts on this device (then accept); `Infinity` = always. */
  authFailures?: number;
  /** Regex source (case-insensitive): answer matching lines with the platform's error text. */
  rejectCommand?: string;
  /** Wait this long after the shell opens before sending the banner and the first prompt. */
  bannerDelayMs?: number;
  /** Offer only legacy algorithms (diffie-hellman-group14-sha1, aes*-cbc, ssh-rsa, hmac-sha1). */
  legacyOnly?: boolean;
  /**
   * Speeds up the `commit confirmed` timer of candidate platforms: the real delay is multiplied
   * by this (0.001 turns Junos' 1 minute into 60 ms), so tests need not wait minutes. Default 1.
   */
  confirmTimeScale?: number;
}

/** Compiles a fault regex source once; a bad source is an options error, not a crash later. */
export function compileFaultPattern(source: string | undefined): RegExp | undefined {
  if (source === undefined || source === '') return undefined;
  try {
    return new RegExp(source, 'i');
  } catch (error) {
    throw new SimOptionsError(`fault pattern ${JSON.stringify(source)} is not a valid regex`, {
      cause: error,
    });
  }
}

/** Rejects fault values that make no sense (negative delays, bad regexes). */
export function validateFaults(faults: FaultSpec): FaultSpec {
  const numbers: (keyof FaultSpec)[] = [
    'commandLatencyMs',
    'dropAfterCommands',
    'authFailures',
    'bannerDelayMs',
    'confirmTimeScale',
  ];
  for (const name of numbers) {
    const value = faults[name];
    if (value !== undefined && (typeof value !== 'number' || Number.isNaN(value) || value < 0)) {
      throw new SimOptionsError(`fault ${name} must be a number >= 0`);
    }
  }
  compileFaultPattern(faults.hangOnCommand);
  compileFaultPattern(faults.rejectCommand);
  return { ...faults };
}
