import { connect } from 'node:net';
import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { openShell } from './__fixtures__/shell-client';
import { startControlServer } from './control-server';
import { UnknownDeviceError } from './errors';
import { startFleet } from './sim-fleet';

installLeakCheck();

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('startFleet', () => {
  it('starts 1,000 devices of every platform and close() leaves no listener', async () => {
    const fleet = await startFleet({ devices: 1000, platforms: 'mix' });
    expect(new Set(fleet.devices.map((d) => d.port)).size).toBe(1000);
    expect(new Set(fleet.devices.map((d) => d.platform)).size).toBe(8);
    const csv = fleet.toCsv().trimEnd().split('\n');
    expect(csv[0]).toBe('host,port,device_type,username,password,name,prod,enable_secret');
    expect(csv).toHaveLength(1001);
    await fleet.close();
    await fleet.close();
    expect(await refused(fleet.devices[0]!.port)).toBe(true);
    expect(await refused(fleet.devices[999]!.port)).toBe(true);
  }, 60_000);

  it('finds devices by key or index and refuses unknown ones', async () => {
    const fleet = await startFleet({ devices: 2 });
    try {
      const second = fleet.device(1);
      expect(fleet.device(second.key)).toBe(second);
      expect(() => fleet.device('127.0.0.1:1')).toThrow(UnknownDeviceError);
    } finally {
      await fleet.close();
    }
  });

  it('records sessions with open and close times', async () => {
    const fleet = await startFleet({ devices: 1 });
    const device = fleet.device(0);
    try {
      const a = await openShell(device);
      const b = await openShell(device);
      await waitUntil(() => device.activeSessions() === 2);
      await a.close();
      await b.close();
      await waitUntil(() => device.activeSessions() === 0);
      const [first, second] = device.sessions();
      expect(first?.username).toBe('admin');
      expect(second!.sessionId).toBeGreaterThan(first!.sessionId);
      expect(first!.closedAt).toBeGreaterThanOrEqual(first!.openedAt);
      expect(second!.openedAt).toBeLessThan(first!.closedAt!);
    } finally {
      await fleet.close();
    }
  });

  it('chooses the faulty fraction deterministically', async () => {
    const options = {
      devices: 100,
      faultyFraction: { fraction: 0.05, faults: { commandLatencyMs: 7 }, seed: 3 },
    } as const;
    const a = await startFleet(options);
    const b = await startFleet(options);
    try {
      const slow = (f: typeof a): number[] =>
        f.devices.filter((d) => d.currentFaults().commandLatencyMs === 7).map((d) => d.index);
      expect(slow(a)).toHaveLength(5);
      expect(slow(a)).toEqual(slow(b));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('serves ledgers, sessions and faults over the control endpoint', async () => {
    const fleet = await startFleet({ devices: 2 });
    const control = await startControlServer(fleet);
    try {
      const devices = (await (await fetch(`${control.url}/devices`)).json()) as { key: string }[];
      expect(devices.map((d) => d.key)).toEqual(fleet.devices.map((d) => d.key));
      expect(JSON.stringify(devices)).not.toContain(fleet.device(0).password);
      const set = await fetch(`${control.url}/devices/1/faults`, {
        method: 'POST',
        body: JSON.stringify({ commandLatencyMs: 12 }),
      });
      expect(set.status).toBe(200);
      expect(fleet.device(1).currentFaults()).toEqual({ commandLatencyMs: 12 });
      const bad = await fetch(`${control.url}/devices/1/faults`, {
        method: 'POST',
        body: JSON.stringify({ hangOnCommand: '(' }),
      });
      expect(bad.status).toBe(400);
      expect(await (await fetch(`${control.url}/devices/0/ledger`)).json()).toEqual([]);
      expect((await fetch(`${control.url}/devices/7/sessions`)).status).toBe(404);
    } finally {
      await control.close();
      await fleet.close();
    }
  });
});
