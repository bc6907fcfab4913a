import { waitUntil } from '@fleetpush/testing';
import { Client, type Algorithms, type ClientChannel } from 'ssh2';
import type { SimDevice } from '../sim-device';

/** Options of {@link openShell}. */
export interface ShellOptions {
  readonly username?: string;
  readonly password?: string;
  readonly pty?: boolean;
  readonly algorithms?: Algorithms;
  readonly readyTimeout?: number;
  /** Called with the host key's fingerprint material; return false to refuse. */
  readonly hostVerifier?: (key: Buffer) => boolean;
}

/**
 * A test driver: a real ssh2 client with an interactive shell, reading until a pattern appears.
 * Test-only; fleetpush's real driver lives in libs/ssh.
 */
export class Shell {
  /** Everything received so far. */
  text = '';
  private mark = 0;
  closed = false;

  constructor(
    readonly client: Client,
    readonly channel: ClientChannel,
  ) {
    channel.on('data', (d: Buffer) => (this.text += d.toString('latin1')));
    channel.on('close', () => (this.closed = true));
    client.on('close', () => (this.closed = true));
  }

  /** Sends raw text. */
  send(text: string): void {
    this.channel.write(text);
  }

  /** Waits until the text received since the last wait matches; returns that text. */
  async waitFor(pattern: RegExp, timeoutMs = 5_000): Promise<string> {
    const found = await waitUntil(
      () => {
        const rest = this.text.slice(this.mark);
        const m = pattern.exec(rest);
        return m ? rest.slice(0, m.index + m[0].length) : undefined;
      },
      { timeoutMs, description: `output matching ${pattern}` },
    );
    this.mark += found.length;
    return found;
  }

  /** Sends a line and returns everything up to (and including) the next match of `prompt`. */
  async run(line: string, prompt: RegExp, timeoutMs?: number): Promise<string> {
    this.send(`${line}\n`);
    return this.waitFor(prompt, timeoutMs);
  }

  /** Closes the connection and waits until it is closed. */
  async close(): Promise<void> {
    if (!this.closed) this.client.end();
    await waitUntil(() => this.closed, { description: 'ssh client closed' });
  }
}

/** Connects to a simulated device and opens a shell (with a pty unless `pty: false`). */
export function openShell(device: SimDevice, options: ShellOptions = {}): Promise<Shell> {
  const client = new Client();
  return new Promise<Shell>((resolve, reject) => {
    client.once('error', (error) => {
      client.destroy();
      reject(error);
    });
    client.once('ready', () => {
      const open = (err: Error | undefined, channel: ClientChannel): void => {
        if (err) reject(err);
        else resolve(new Shell(client, channel));
      };
      if (options.pty === false) client.shell(false, open);
      else client.shell({ term: 'vt100', rows: 24, cols: 80 }, open);
    });
    client.connect({
      host: device.host,
      port: device.port,
      username: options.username ?? device.username,
      password: options.password ?? device.password,
      readyTimeout: options.readyTimeout ?? 5_000,
      ...(options.algorithms ? { algorithms: options.algorithms } : {}),
      ...(options.hostVerifier ? { hostVerifier: options.hostVerifier } : {}),
    });
  });
}
