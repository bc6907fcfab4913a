import { z } from 'zod';
import { type EnvField } from './fields';

/** The raw environment: `process.env` or a test's object. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Describes one `FLEETPUSH_*` variable: its name, meaning and default, in one place. */
export interface EnvVariable<K extends string, T> {
  readonly name: `FLEETPUSH_${string}`;
  /** The property of the parsed config that holds it (`FLEETPUSH_REDIS_URL` → `redisUrl`). */
  readonly key: K;
  readonly description: string;
  /** The default as it would be written in the environment; `undefined` when there is none. */
  readonly default: string | undefined;
  /** The default for people: the value, or what happens when the variable is unset. */
  readonly defaultDescription: string;
  /** Whether the value is a secret (never echoed, wrapped in `Secret`). */
  readonly secret: boolean;
  /** Validates the raw value; a blank value counts as unset. */
  readonly schema: z.ZodType<T, string | undefined>;
}

/** Any variable, whatever its key and type. */
export type AnyEnvVariable = EnvVariable<string, unknown>;

interface VariableSpec<K extends string, T> {
  readonly name: `FLEETPUSH_${string}`;
  readonly key: K;
  readonly description: string;
  readonly field: EnvField<T>;
  readonly secret?: boolean;
}

/** Empty and whitespace-only values count as unset, as orchestrators write `VAR=` for "none". */
const isBlank = (raw: string | undefined): raw is undefined =>
  raw === undefined || raw.trim() === '';

/** A variable with a default, parsed by the same field as a given value (so it is valid too). */
export function envVariable<K extends string, T>(
  spec: VariableSpec<K, T> & { readonly default: string },
): EnvVariable<K, T> {
  const schema = z
    .string()
    .optional()
    .transform((raw) => (isBlank(raw) ? spec.default : raw))
    .pipe(spec.field);
  const defaultDescription = spec.default === '' ? '(empty)' : spec.default;
  return { ...describe(spec), default: spec.default, defaultDescription, schema };
}

/** A variable without a default: unset gives `undefined`, and `whenUnset` says what follows. */
export function optionalEnvVariable<K extends string, T>(
  spec: VariableSpec<K, T> & { readonly whenUnset: string },
): EnvVariable<K, T | undefined> {
  const schema = z
    .string()
    .optional()
    .transform((raw) => (isBlank(raw) ? undefined : raw))
    .pipe(spec.field.optional());
  return { ...describe(spec), default: undefined, defaultDescription: spec.whenUnset, schema };
}

function describe<K extends string, T>(spec: VariableSpec<K, T>) {
  const { name, key, description } = spec;
  return { name, key, description, secret: spec.secret ?? false };
}

/** The typed config of a list of variables: one readonly property per `key`. */
export type ConfigOf<Vs extends readonly AnyEnvVariable[]> = {
  readonly [V in Vs[number] as V['key']]: z.output<V['schema']>;
};

/**
 * Composes variables into a schema that takes the environment and returns the typed config.
 * Every variable is validated, so one parse reports every problem.
 */
export function envSchema<const Vs extends readonly AnyEnvVariable[]>(
  variables: Vs,
): z.ZodType<ConfigOf<Vs>, Env> {
  const shape = Object.fromEntries(variables.map((v) => [v.name, v.schema]));
  return z
    .object(shape)
    .transform(
      (env) => Object.fromEntries(variables.map((v) => [v.key, env[v.name]])) as ConfigOf<Vs>,
    ) as unknown as z.ZodType<ConfigOf<Vs>, Env>;
}
