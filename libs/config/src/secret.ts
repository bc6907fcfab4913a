/** What a secret shows wherever it is printed, serialised or logged. */
const REDACTED = '[redacted]';

/**
 * A configuration value that must never be printed: `String()`, `JSON.stringify`,
 * `util.inspect` and template literals all show `[redacted]`. Read it with `reveal()` at the
 * one place that needs it (the HTTP auth check, the cipher).
 */
export class Secret<T> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
  }

  /** The secret value itself. */
  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  /** Node's `util.inspect` hook (console.log, pino's fallback), keyed by its registry symbol. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}
