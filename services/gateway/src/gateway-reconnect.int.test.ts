import type { FleetEvent } from '@fleetpush/contracts';
import { installLeakCheck, withRedis } from '@fleetpush/testing';
import { EVENTS_PER_DEVICE, produceDeviceRun } from './__fixtures__/device-run';
import { ADMIN_TOKEN, gatewayWorld, join, seqs } from './__fixtures__/gateway-fixture';

installLeakCheck();

const DEVICES = 500;
const TOTAL = DEVICES * EVENTS_PER_DEVICE + 1;
/** How long the flaky client stays connected each time (the 2 s, scaled down). */
const CONNECTED_MS = 100;

describe('gateway under a reconnecting client', () => {
  it('delivers every seq exactly once, in order, across reconnects during a 500-device job', async () => {
    await withRedis(async (ctx) => {
      const world = gatewayWorld(ctx);
      let producer: Promise<void> | undefined;
      try {
        // Small pages and no coalescing: live events keep arriving while each replay runs.
        const gateway = await world.startGateway({ replayPageSize: 20, coalesceMs: 0 });
        await world.events.append('big', [
          { type: 'job:created', jobId: 'big', name: 'big', targets: DEVICES },
        ]);
        let producing = true;
        producer = produceDeviceRun(world.events, 'big', DEVICES, {
          lanes: 10,
          // Paced so that production lasts well past several reconnects on any machine.
          pauseMs: 4,
        }).finally(() => (producing = false));
        const received: FleetEvent[] = [];
        let connections = 0;
        let rejoinsMidStream = 0;
        while (producing || received.at(-1)?.seq !== TOTAL) {
          if (connections > 500) throw new Error(`stuck at seq ${received.at(-1)?.seq ?? 0}`);
          const socket = await world.connect(gateway, { token: ADMIN_TOKEN });
          connections += 1;
          socket.on('job:events', (batch) => received.push(...batch));
          const since = received.at(-1)?.seq ?? 0;
          if (producing && since > 0) rejoinsMidStream += 1;
          const ack = await join(socket, { jobId: 'big', since });
          expect(ack).toMatchObject({ ok: true, truncated: false });
          // The scenario itself, not a wait for a condition: the client drops after a while.
          await new Promise((resolve) => setTimeout(resolve, CONNECTED_MS));
          socket.disconnect();
        }
        await producer;
        // The scenario really happened: the client rejoined mid-stream several times.
        expect(rejoinsMidStream).toBeGreaterThanOrEqual(5);
        expect(received.map((e) => e.seq)).toEqual(seqs(1, TOTAL));
        expect(received.filter((e) => e.type === 'device:result')).toHaveLength(DEVICES);
      } finally {
        await producer?.catch(() => undefined);
        await world.closeAll();
      }
    });
  });
});
