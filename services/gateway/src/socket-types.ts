import type { ClientToServerEvents, ServerToClientEvents } from '@fleetpush/contracts';
import type { TokenPrincipal } from '@fleetpush/store';
import type { Namespace, Server, Socket } from 'socket.io';

/** Events between gateway replicas: none, the Redis adapter carries only Socket.IO's own. */
export type InterServerEvents = Record<string, never>;

/** What the gateway keeps on each authenticated socket. */
export interface SocketData {
  readonly principal: TokenPrincipal;
}

/** The typed Socket.IO server of the gateway. */
export type GatewayServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** The typed `/jobs` namespace. */
export type JobsNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** A typed socket on `/jobs`. */
export type JobsSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
