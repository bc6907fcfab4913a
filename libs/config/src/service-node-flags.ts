/**
 * Node flags the worker runs with, whoever starts it: the image's entrypoint
 * (`deploy/docker/entrypoint.sh`, kept in step by a test), `fleetpush start`, tests and benchmarks.
 *
 * `--single-threaded-gc`: the worker's garbage (SSH packets, command outputs, Redis replies)
 * is short-lived, and V8's parallel and concurrent GC threads cost more CPU in coordination than
 * they save when the machine's other cores are busy with SSH, Redis and the devices' side.
 * Measured on the 2-core development VM (peer bench, 1,000 devices, window 200, alternated):
 * about 6 % less worker CPU, the same wall time. Its longer pauses fall on a process whose every
 * wait is network I/O with timeouts of seconds.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--single-threaded-gc'];

/** The node flags a service's process starts with (see {@link WORKER_NODE_FLAGS}). */
export function serviceNodeFlags(service: string): readonly string[] {
  return service === 'worker' ? WORKER_NODE_FLAGS : [];
}
