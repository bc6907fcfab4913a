/**
 * The device side of the benchmark, in its own process so that the client's CPU time is
 * measured alone: a minimal IOS-like SSH device (ed25519 host key) on 127.0.0.1:0. Prints
 * `{"port": N}` on stdout, then serves until stdin closes.
 */
import { startMiniDevice } from '../src/__test-support__/mini-device';

async function main(): Promise<void> {
  const device = await startMiniDevice({ password: 'bench-pass' });
  process.stdout.write(`${JSON.stringify({ port: device.port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void device.close().then(() => process.exit(0)));
}

void main();
