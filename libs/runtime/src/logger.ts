import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field names whose values are secrets wherever they appear in a log object. Redaction is a
 * second line of defence: secrets should never be handed to the logger in the first place.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'password',
  'secret',
  'enableSecret',
  'enable_secret',
  'passphrase',
  'privateKey',
  'private_key',
  'token',
  'authorization',
  '*.password',
  '*.secret',
  '*.enableSecret',
  '*.enable_secret',
  '*.passphrase',
  '*.privateKey',
  '*.private_key',
  '*.token',
  '*.authorization',
  'req.headers.authorization',
];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** The service name, on every line. */
  readonly service: string;
  readonly level?: string;
  /** Where lines go (default stdout); tests pass a stream to read them. */
  readonly destination?: DestinationStream;
}

/** A JSON (pino) logger with the service name on every line and secret fields redacted. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
