import { type AnyEnvVariable } from './env-variable';
import { ENV_VARIABLES } from './env-variables';
import { type ConfigService, SERVICE_VARIABLES } from './service-schemas';

/** One environment variable, as documented in the README and set in deployment manifests. */
export interface ConfigVariable {
  readonly name: string;
  readonly description: string;
  /** The default as written in the environment, or `undefined` when there is none. */
  readonly default: string | undefined;
  /** The default for people, or what happens when it is unset. */
  readonly defaultDescription: string;
  readonly secret: boolean;
  /** The services that read it. */
  readonly usedBy: readonly ConfigService[];
}

const services = Object.entries(SERVICE_VARIABLES) as [ConfigService, readonly AnyEnvVariable[]][];

/**
 * Every variable fleetpush reads, with its default and description: the source the README's
 * configuration table and the deployment manifests are checked against.
 */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = Object.values(ENV_VARIABLES).map(
  (v: AnyEnvVariable): ConfigVariable => ({
    name: v.name,
    description: v.description,
    default: v.default,
    defaultDescription: v.defaultDescription,
    secret: v.secret,
    usedBy: services.filter(([, vars]) => vars.includes(v)).map(([service]) => service),
  }),
);
