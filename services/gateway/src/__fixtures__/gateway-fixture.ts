import type {
  ClientToServerEvents,
  FleetEvent,
  JoinAck,
  JoinRequest,
  NewFleetEvent,
  ServerToClientEvents,
} from '@fleetpush/contracts';
import { createLogger, type Logger } from '@fleetpush/runtime';
import { EventLog, redisKeys, TokenStore, type RedisKeys } from '@fleetpush/store';
import type { TestRedis } from '@fleetpush/testing';
import { io, type Socket } from 'socket.io-client';
import { createGateway, type Gateway, type GatewayBaseOptions } from '../gateway';

/** A typed client socket on `/jobs`. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A silent logger: tests assert behaviour, not log lines. */
export const quietLogger: Logger = createLogger({ service: 'gateway-test', level: 'silent' });

/** An admin token of the length config demands. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** What a gateway test works with. */
export interface GatewayWorld {
  readonly keys: RedisKeys;
  readonly tokens: TokenStore;
  readonly events: EventLog;
  /** Starts a standalone gateway on a free port (closed by `closeAll`). */
  startGateway(options?: Partial<GatewayBaseOptions>): Promise<Gateway>;
  /** Connects a client (closed by `closeAll`); rejects with the `connect_error`. */
  connect(gateway: Gateway, options?: ConnectOptions): Promise<ClientSocket>;
  /** Closes every client, then every gateway. */
  closeAll(): Promise<void>;
}

/** Options of {@link GatewayWorld.connect}. */
export interface ConnectOptions {
  readonly token?: string;
  readonly headers?: Record<string, string>;
  readonly namespace?: string;
}

/** Builds a {@link GatewayWorld} on a test Redis. */
export function gatewayWorld({ redis, prefix }: TestRedis): GatewayWorld {
  const keys = redisKeys(prefix);
  const tokens = new TokenStore(redis, keys);
  const gateways: Gateway[] = [];
  const clients: ClientSocket[] = [];
  return {
    keys,
    tokens,
    events: new EventLog(redis, keys),
    async startGateway(options = {}) {
      const gateway = createGateway({
        redis,
        keys,
        tokens,
        adminToken: ADMIN_TOKEN,
        corsOrigins: [],
        logger: quietLogger,
        port: 0,
        host: '127.0.0.1',
        ...options,
      });
      gateways.push(gateway);
      await gateway.start();
      return gateway;
    },
    async connect(gateway, options = {}) {
      const socket: ClientSocket = io(
        `http://127.0.0.1:${gateway.port}${options.namespace ?? '/jobs'}`,
        {
          forceNew: true,
          reconnection: false,
          transports: ['websocket'],
          auth: options.token === undefined ? {} : { token: options.token },
          extraHeaders: options.headers,
        },
      );
      clients.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    },
    async closeAll() {
      for (const client of clients) client.disconnect();
      await Promise.all(gateways.map((g) => g.close()));
    },
  };
}

/** Sends `job:join` and waits for the ack. */
export function join(socket: ClientSocket, request: JoinRequest): Promise<JoinAck> {
  return socket.timeout(10_000).emitWithAck('job:join', request);
}

/** Collects the events a socket receives, in arrival order. */
export function collect(socket: ClientSocket): FleetEvent[] {
  const received: FleetEvent[] = [];
  socket.on('job:events', (batch) => received.push(...batch));
  return received;
}

/** `count` log events, numbered in their text. */
export function logEvents(jobId: string, count: number, from = 1): NewFleetEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'log',
    jobId,
    level: 'info',
    lines: [`line ${from + i}`],
  }));
}

/** 1, 2, …, n. */
export function seqs(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
