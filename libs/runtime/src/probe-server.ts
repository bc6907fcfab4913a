import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeHandler, type ProbeHandlerOptions } from './probe-handler';

/** Options of {@link startProbeServer}. */
export interface ProbeServerOptions extends ProbeHandlerOptions {
  /** Port to listen on (0 = any free one). */
  readonly port: number;
  /** Interface (default all: the kubelet and Prometheus call from outside the pod). */
  readonly host?: string;
}

/** A small HTTP server that serves only the probes and `/metrics` (a worker has no other). */
export interface ProbeServer {
  readonly port: number;
  /** Stops listening and drops open connections; idempotent. */
  close(): Promise<void>;
}

/** Starts a probe server; resolves once it listens. */
export async function startProbeServer(options: ProbeServerOptions): Promise<ProbeServer> {
  const handle = probeHandler(options);
  const server: Server = createServer((req, res) => {
    if (handle(req, res)) return;
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":{"code":"not_found","message":"only /healthz, /readyz and /metrics"}}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
