import { type z } from 'zod';
import { type Env } from './env-variable';
import { ConfigError, type ConfigProblem } from './errors';

/**
 * Parses an injected environment (`process.env` in a `main.ts`, an object in tests) with a
 * config schema and returns the typed config. Throws one {@link ConfigError} listing every
 * problem, each naming the variable, what was wrong and how to fix it.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map(toProblem));
}

/** Our fields write complete sentences; zod's own issues (a non-string value) are generic. */
function toProblem(issue: z.core.$ZodIssue): ConfigProblem {
  const variable = issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)';
  return { variable, message: issue.message };
}
