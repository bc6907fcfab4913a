import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { installLeakCheck, waitUntil } from '@fleetpush/testing';
import { RequestAbortedError, requestBody } from './request-body';

installLeakCheck();

/** What the server saw of one request body. */
interface Seen {
  text: string;
  ended: boolean;
  error?: Error;
}

/** A server that reads each body through `requestBody`; `early` answers before reading it. */
async function withServer(
  early: boolean,
  fn: (port: number, seen: Seen[]) => Promise<void>,
): Promise<void> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const entry: Seen = { text: '', ended: false };
    seen.push(entry);
    const body = requestBody(req, res);
    if (early) {
      body.destroy();
      res.end('refused early');
      return;
    }
    body.setEncoding('utf8');
    body.on('data', (chunk: string) => (entry.text += chunk));
    body.on('end', () => {
      entry.ended = true;
      res.end(`got ${entry.text.length}`);
    });
    body.on('error', (error) => (entry.error = error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await fn((server.address() as AddressInfo).port, seen);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Sends a chunked body and reads the answer. */
function send(
  port: number,
  chunks: string[],
): Promise<{ status?: number; text: string; error?: Error }> {
  return new Promise((resolve) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', (error) => resolve({ text: '', error }));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('requestBody', () => {
  it('passes a whole body through', () =>
    withServer(false, async (port, seen) => {
      const answer = await send(port, ['host,port\n', 'r1,22\n']);
      expect(answer).toEqual({ status: 200, text: 'got 16' });
      expect(seen[0]).toMatchObject({ text: 'host,port\nr1,22\n', ended: true });
    }));

  it('fails the stream when the client goes away mid-upload (the reader never waits forever)', () =>
    withServer(false, async (port, seen) => {
      const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/' });
      req.on('error', () => undefined);
      req.write('host,port\n');
      // go away only once the server reads the body (earlier, it would never see a request)
      await waitUntil(() => (seen[0]?.text.length ?? 0) > 0, {
        description: 'the server reading the body',
      });
      req.destroy();
      const entry = await waitUntil(() => seen[0]?.error && seen[0], {
        description: 'the body stream to fail',
      });
      expect(entry.error).toBeInstanceOf(RequestAbortedError);
      expect(entry.ended).toBe(false);
    }));

  it('delivers an answer sent before the body was read, then ends the connection', () =>
    withServer(true, async (port) => {
      const answer = await send(port, ['host,port\n', 'x'.repeat(64 * 1024)]);
      expect(answer).toMatchObject({ status: 200, text: 'refused early' });
    }));
});
