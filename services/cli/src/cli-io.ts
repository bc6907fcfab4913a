/** What a command reads and writes: injected, so tests can run commands in-process. */
export interface CliIo {
  /** Results (tables, JSON) go here. */
  readonly stdout: (text: string) => void;
  /** Progress, messages and errors go here. */
  readonly stderr: (text: string) => void;
  /** The environment, handed to `loadConfig` (never read by name outside libs/config). */
  readonly env: NodeJS.ProcessEnv;
  /** The working directory (relative paths, the data directory). */
  readonly cwd: string;
  /** Whether stderr is a terminal (progress lines are redrawn in place). */
  readonly interactive: boolean;
  /** Resolves on the first SIGINT/SIGTERM; `second` on the next one. */
  readonly signals?: { readonly first: Promise<void>; readonly second: Promise<void> };
}
