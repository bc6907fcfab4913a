import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes JSON with the service name and redacts secret fields at any depth', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 'worker', destination: stream });
    log.info(
      { jobId: 'j1', password: 'hunter2-marker', device: { secret: 'en-marker', host: 'r1' } },
      'hello',
    );
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      service: 'worker',
      jobId: 'j1',
      msg: 'hello',
      password: '[redacted]',
    });
    expect(lines[0]).not.toContain('hunter2-marker');
    expect(lines[0]).not.toContain('en-marker');
  });
});
