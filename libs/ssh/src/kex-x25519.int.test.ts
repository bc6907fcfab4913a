import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const STRESS = path.join(__dirname, '__test-support__', 'kex-x25519-stress.cjs');

describe("ssh2's curve25519 key exchange (as patched)", () => {
  // patches/ssh2+1.17.0.patch once exported the X25519 public key of a generated KeyObject as
  // JWK. When a GC ran during that export's allocation, it could destroy the (already garbage)
  // generation job, whose destructor waits for the lock the export holds: the process hung for
  // good, every session with it (one run of the peer bench froze, in some 25,000 handshakes). With
  // a 1 MB young generation that version hung in this test 3 times in 3; the keys are
  // now encoded by the generation job itself.
  it('survives 20,000 exchanges under GC pressure, both ends deriving the same secret', () => {
    const run = spawnSync(process.execPath, ['--max-semi-space-size=1', STRESS, '20000'], {
      encoding: 'utf8',
      timeout: 90_000,
      killSignal: 'SIGKILL',
    });
    expect({ signal: run.signal, stderr: run.stderr }).toEqual({ signal: null, stderr: '' });
    expect(run.stdout.trim()).toBe('ok 20000');
  }, 120_000);
});
