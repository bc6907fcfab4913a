/** One thing wrong with the environment: the variable, and a sentence saying what and how to fix it. */
export interface ConfigProblem {
  /** The environment variable, e.g. `FLEETPUSH_PORT`. */
  readonly variable: string;
  /** What was wrong and how to fix it; never contains a secret's value. */
  readonly message: string;
}

/** Stable codes of the errors of this package. */
export const ConfigErrorCode = {
  config_invalid: 'config_invalid',
} as const;

/** A config error code. */
export type ConfigErrorCode = (typeof ConfigErrorCode)[keyof typeof ConfigErrorCode];

/**
 * The environment does not make a valid configuration. The message lists every problem at
 * once, one per line, so that a deployment is fixed in one round. It carries no `cause`: the
 * underlying validation error holds the raw input, secrets included, and must not travel.
 */
export class ConfigError extends Error {
  readonly code: ConfigErrorCode = ConfigErrorCode.config_invalid;
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${p.variable}: ${p.message}`);
    super([`Invalid configuration (${count}):`, ...lines].join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
