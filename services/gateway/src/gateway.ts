import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { JOBS_NAMESPACE } from '@fleetpush/contracts';
import {
  MetricsRegistry,
  probeHandler,
  redisAnswers,
  registerGatewayMetrics,
  type Logger,
} from '@fleetpush/runtime';
import { EventLog, type AdminToken, type RedisKeys } from '@fleetpush/store';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { authenticate, type TokenVerifier } from './authenticate';
import { Dashboard } from './dashboard';
import { GatewayError, GatewayErrorCode } from './errors';
import { EventFanout } from './event-fanout';
import { watchJobs } from './job-watch';
import type { GatewayServer, JobsNamespace } from './socket-types';

/** Options every gateway takes, mounted or standalone. */
export interface GatewayBaseOptions {
  /** Commands (stream reads, token checks, the adapter's publishes); the caller owns it. */
  readonly redis: Redis;
  readonly keys: RedisKeys;
  readonly tokens: TokenVerifier;
  /** `FLEETPUSH_ADMIN_TOKEN`, accepted as the bootstrap admin. */
  readonly adminToken?: AdminToken;
  /** Browser origins allowed besides the gateway's own (`FLEETPUSH_CORS_ORIGINS`). */
  readonly corsOrigins: readonly string[];
  readonly logger: Logger;
  /** How long live events are gathered per job before being sent (default 5 ms). */
  readonly coalesceMs?: number;
  /** Events per stream read during a replay (default 500). */
  readonly replayPageSize?: number;
  /** Jobs one connection may watch at once (default 100). */
  readonly maxJobsPerSocket?: number;
  /** A job's dashboard summary goes out at most this often (default 250 ms). */
  readonly summaryIntervalMs?: number;
  /**
   * The registry the gateway's metrics go to (default: one of its own). A standalone gateway
   * serves it at `/metrics`; a mounted one leaves serving it to the server's owner.
   */
  readonly metrics?: MetricsRegistry;
}

/** Mounted on an existing HTTP server (the API's, under `fleetpush start`), which the caller owns. */
export interface MountedGatewayOptions extends GatewayBaseOptions {
  readonly httpServer: HttpServer;
}

/** A standalone gateway listening on its own port (`FLEETPUSH_GATEWAY_PORT`; 0 = any free one). */
export interface StandaloneGatewayOptions extends GatewayBaseOptions {
  readonly port: number;
  /** Interface to listen on (default all). */
  readonly host?: string;
}

/** Options of {@link createGateway}. */
export type GatewayOptions = MountedGatewayOptions | StandaloneGatewayOptions;

/** The live event gateway. */
export interface Gateway {
  /** Subscribes to the events channel, then accepts connections (and listens, standalone). */
  start(): Promise<void>;
  /** Disconnects every client of this replica and releases its connections. Idempotent. */
  close(): Promise<void>;
  /** The port listened on once started (standalone), else `undefined`. */
  readonly port: number | undefined;
  /** Disconnects every socket authenticated with a token, on every replica (after a revoke). */
  disconnectToken(tokenId: string): void;
  /** What `/metrics` serves. */
  readonly metrics: MetricsRegistry;
}

/** Default coalescing window: a few ms merges a burst without being visible to a human. */
const DEFAULT_COALESCE_MS = 5;
/** Default replay page: large enough to replay 10,000 events in 20 reads, small per message. */
const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_MAX_JOBS_PER_SOCKET = 100;
/** Dashboards redraw a few times a second at most; more is noise and CPU. */
const DEFAULT_SUMMARY_INTERVAL_MS = 250;
/** Active jobs sent to a new dashboard at most. */
const MAX_SNAPSHOT = 1000;
/** Clients send only small requests (join, leave, subscribe); anything bigger is refused. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

function tokenRoom(tokenId: string): string {
  return `token:${tokenId}`;
}

/**
 * Creates the Socket.IO gateway on the `/jobs` namespace: bearer-token auth on connect, a room
 * per job with replay-then-live delivery, the `jobs` dashboard channel, and the Redis adapter
 * so that replicas behind a load balancer act as one (see README).
 */
export function createGateway(options: GatewayOptions): Gateway {
  const metrics = options.metrics ?? new MetricsRegistry({ service: 'gateway' });
  const fanout = new EventFanout({
    subscriber: options.redis.duplicate(),
    channel: options.keys.eventsChannel,
    coalesceMs: options.coalesceMs ?? DEFAULT_COALESCE_MS,
    logger: options.logger,
    metrics: registerGatewayMetrics(metrics),
  });
  // Ready = Redis answers and live events flow in.
  const probes = probeHandler({
    checks: { redis: redisAnswers(options.redis), events: () => fanout.subscribed },
    metrics,
  });
  const owned =
    'httpServer' in options
      ? undefined
      : createServer((req, res) => probes(req, res) || notFound(req, res));
  const httpServer = owned ?? (options as MountedGatewayOptions).httpServer;
  const events = new EventLog(options.redis, options.keys);
  let io: GatewayServer | undefined;
  let adapterSubscriber: Redis | undefined;
  let dashboard: Dashboard | undefined;
  let closing: Promise<void> | undefined;

  const start = async (): Promise<void> => {
    if (io || closing) throw new Error('the gateway was already started');
    await fanout.start();
    adapterSubscriber = options.redis.duplicate();
    io = new Server(httpServer, {
      serveClient: false,
      maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES,
      cors: options.corsOrigins.length > 0 ? { origin: [...options.corsOrigins] } : undefined,
      adapter: createAdapter(options.redis, adapterSubscriber, {
        key: `${options.keys.prefix}:socket.io`,
      }),
    });
    io.use((_socket, next) =>
      next(
        new GatewayError(
          GatewayErrorCode.wrongNamespace,
          `connect to the ${JOBS_NAMESPACE} namespace`,
        ),
      ),
    );
    dashboard = serveJobs(io.of(JOBS_NAMESPACE), options, events, fanout);
    if (owned && 'port' in options) await listen(owned, options.port, options.host);
  };

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      dashboard?.close();
      if (io) await closeIo(io, owned);
      else owned?.close();
      await fanout.close();
      await adapterSubscriber?.quit().catch(() => adapterSubscriber?.disconnect());
    })());

  return {
    start,
    close,
    metrics,
    get port() {
      const address = owned?.address();
      return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
    },
    disconnectToken: (tokenId) =>
      io?.of(JOBS_NAMESPACE).in(tokenRoom(tokenId)).disconnectSockets(true),
  };
}

function serveJobs(
  namespace: JobsNamespace,
  options: GatewayOptions,
  events: EventLog,
  fanout: EventFanout,
): Dashboard {
  const { redis, keys, logger } = options;
  const dashboard = new Dashboard({
    redis,
    keys,
    namespace,
    fanout,
    intervalMs: options.summaryIntervalMs ?? DEFAULT_SUMMARY_INTERVAL_MS,
    maxSnapshot: MAX_SNAPSHOT,
    logger,
  });
  const deps = {
    source: events,
    jobExists: async (jobId: string) => {
      const k = keys.job(jobId);
      return (await redis.exists(k.record, k.eventSeq)) > 0;
    },
    fanout,
    pageSize: options.replayPageSize ?? DEFAULT_PAGE_SIZE,
    maxJobsPerSocket: options.maxJobsPerSocket ?? DEFAULT_MAX_JOBS_PER_SOCKET,
    logger,
  };
  namespace.use(authenticate(options));
  namespace.on('connection', (socket) => {
    void socket.join(tokenRoom(socket.data.principal.id));
    watchJobs(socket, deps);
    dashboard.attach(socket);
  });
  return dashboard;
}

/**
 * Closes Socket.IO. `io.close()` also closes the HTTP server, which is right only when the
 * gateway owns it: a mounted gateway disconnects its sockets and leaves the server to its owner.
 */
async function closeIo(io: GatewayServer, owned: HttpServer | undefined): Promise<void> {
  if (owned) {
    const closed = io.close();
    owned.closeAllConnections();
    await closed;
    return;
  }
  for (const namespace of [io.of('/'), io.of(JOBS_NAMESPACE)]) {
    namespace.local.disconnectSockets(true);
    await namespace.adapter.close();
  }
  io.engine.close();
}

function listen(server: HttpServer, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Everything but Socket.IO's path and the probes: a standalone gateway serves nothing else. */
function notFound(_req: IncomingMessage, res: ServerResponse): true {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end('{"error":{"code":"not_found","message":"this is the fleetpush Socket.IO gateway"}}');
  return true;
}
