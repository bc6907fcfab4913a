/**
 * @packageDocumentation
 * The device inventory: CSV import with row-level validation, credential encryption at rest,
 * redaction.
 */
export * from './secret-box';
export {
  ImportReadError,
  ImportTooLargeError,
  InventoryErrorCode,
  type ImportLimit,
} from './errors';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './import-limits';
export {
  HEADER_PROBLEM,
  ROW_PROBLEM,
  devicesToStore,
  type ImportResult,
  type RejectedRow,
  type RowProblem,
} from './import-result';
export { importDevices, type ImportDevicesOptions } from './import-devices';
export { toCsv, joinVerifyCommands } from './devices-to-csv';
export { isSecretColumn, isVariableColumn } from './csv-columns';
export { REDACTED, redactRow } from './redaction';
export { neutraliseFormula, restoreFormula } from './spreadsheet-formula';
export { sealCredentialProfile } from './seal-credential-profile';
