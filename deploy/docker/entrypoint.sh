#!/bin/sh
# Entrypoint of the fleetpush image: the first argument selects the service, and the process
# is exec'd so that it is PID 1 and receives SIGTERM itself (each service drains on the first
# SIGTERM and exits at once on a second one).
#
#   fleetpush-entrypoint api | worker | gateway     the service, configured by FLEETPUSH_* variables
#   fleetpush-entrypoint sim [flags]                the device simulator (--help lists its flags)
#   fleetpush-entrypoint healthcheck <service>      exit 0 when the service is healthy
set -eu
cd /app

service="${1:-api}"
[ "$#" -gt 0 ] && shift

case "$service" in
  api) main=services/api/dist/main.js ;;
  worker) main=services/worker/dist/main.js ;;
  gateway) main=services/gateway/dist/main.js ;;
  sim) main=services/device-sim/dist/main.js ;;
  healthcheck) exec node deploy/docker/healthcheck.cjs "$@" ;;
  *)
    echo "fleetpush-entrypoint: unknown service '$service' (expected api, worker, gateway, sim or healthcheck)" >&2
    exit 64
    ;;
esac

# node flags per service, as in libs/config/src/service-node-flags.ts (a test keeps them in step)
flags=''
[ "$service" = worker ] && flags='--single-threaded-gc'

# shellcheck disable=SC2086 # $flags is a list of words, or nothing
exec node $flags "$main" "$@"
