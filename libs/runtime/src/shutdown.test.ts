import { EventEmitter } from 'node:events';
import { installShutdown } from './shutdown';

function fakeProcess(): EventEmitter & Pick<NodeJS.Process, 'on' | 'off'> {
  return new EventEmitter() as EventEmitter & Pick<NodeJS.Process, 'on' | 'off'>;
}

describe('installShutdown', () => {
  it('drains every closer in order on the first signal, then exits 0', async () => {
    const signals = fakeProcess();
    const order: string[] = [];
    const exits: number[] = [];
    const drain = installShutdown(
      [async () => void order.push('stop taking work'), async () => void order.push('close redis')],
      { signals, exit: (code) => exits.push(code) },
    );
    signals.emit('SIGTERM');
    await drain();
    expect(order).toEqual(['stop taking work', 'close redis']);
    expect(exits).toEqual([0]);
  });

  it('forces exit 1 on a second signal while draining', async () => {
    const signals = fakeProcess();
    const exits: number[] = [];
    const events: unknown[] = [];
    let release!: () => void;
    const drain = installShutdown([() => new Promise<void>((resolve) => (release = resolve))], {
      signals,
      exit: (code) => exits.push(code),
      onEvent: (event, detail) => events.push([event, detail]),
    });
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(exits).toEqual([1]);
    expect(events).toEqual([
      ['draining', undefined],
      ['forced', 'second signal'],
    ]);
    release();
    await drain();
  });

  it('forces exit 1 when a closer fails', async () => {
    const exits: number[] = [];
    const drain = installShutdown([() => Promise.reject(new Error('stuck'))], {
      signals: fakeProcess(),
      exit: (code) => exits.push(code),
    });
    await drain();
    expect(exits).toEqual([1]);
  });
});
