/**
 * @packageDocumentation
 * A fleet of simulated network devices (Cisco IOS/IOS-XE/NX-OS/IOS-XR, Arista EOS, Juniper Junos,
 * FRR, Linux) speaking real SSH on 127.0.0.1, with per-device ledgers of applied config lines and
 * fault knobs, for testing fleetpush's SSH driver and workers against what real devices print.
 */
export { startFleet, type SimFleet } from './sim-fleet';
export type { SimFleetOptions, SimDeviceSpec } from './fleet-plan';
export { planFleet } from './fleet-plan';
export type { SimDevice } from './sim-device';
export type { FaultSpec } from './fault-spec';
export { type LedgerEntry, LedgerEntryKind, type MutationLedger } from './mutation-ledger';
export type { SessionRecord } from './session-log';
export { INVENTORY_COLUMNS } from './inventory-csv';
export * from './errors';
export { startControlServer, type ControlServer } from './control-server';
export { parseSimArgs, SIM_USAGE, type SimProgramOptions } from './sim-args';
