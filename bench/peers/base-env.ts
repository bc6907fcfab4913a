/**
 * The bench's environment for child processes without any FLEETPUSH_* variable, so a child is
 * configured only by what the bench sets (a developer's shell settings cannot leak into a run).
 */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('FLEETPUSH_')) env[name] = value;
  }
  return env;
}
