/**
 * Largest CSV body an import accepts: 20 MiB holds ~100,000 rows of a typical inventory
 * (~200 bytes a row) with room for long `verify_cmds` and `host_vars`.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * Most data rows (blank and comment lines not counted) an import accepts: ten times the
 * 10,000-device fleet fleetpush is sized for, and what a job may target at most.
 */
export const MAX_IMPORT_ROWS = 100_000;
