import { runSsh2Floor } from './ssh2-floor-runner';
import { CHANGE_LINES } from './change';
import { devicesAppliedOnce, startSimProcess, type SimProcess } from './sim-process';

// Needs the build (`npm run build`): the simulator runs from services/device-sim/dist.
describe('the SSH floor of the peer benchmark', () => {
  let sim: SimProcess;

  beforeAll(async () => {
    sim = await startSimProcess({ devices: 4, commandMs: 0 });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('pushes the whole change to every device over bare ssh2, canary first, and reports its own CPU', async () => {
    const m = await runSsh2Floor(sim, 4, 2, 1);
    expect(m).toMatchObject({ tool: 'ssh2 floor c2', devices: 4, run: 1, failures: 0 });
    expect(m.note).toBeUndefined();
    expect(m.cpuSeconds).toBeGreaterThan(0);
    expect(m.peakRssBytes).toBeGreaterThan(0);
    expect(await devicesAppliedOnce(sim, CHANGE_LINES)).toBe(4);
  });
});
