/**
 * @packageDocumentation
 * The live event gateway: Socket.IO on `/jobs` with bearer-token auth, replay-then-live job
 * rooms, the `jobs` dashboard channel and the Redis adapter for replicas. Usable as a library
 * (the API mounts it under `fleetpush start`) or standalone (`src/main.ts`).
 */
export {
  createGateway,
  type Gateway,
  type GatewayOptions,
  type GatewayBaseOptions,
  type MountedGatewayOptions,
  type StandaloneGatewayOptions,
} from './gateway';
export { GatewayError, GatewayErrorCode } from './errors';
export { type TokenVerifier } from './authenticate';
export { originAllowed } from './origin-policy';
export { bearerToken } from './bearer-token';
export {
  JobFollower,
  type EventSource,
  type JobFollowerOptions,
  type ReplayOutcome,
} from './job-follower';
