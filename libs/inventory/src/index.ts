/**
 * @packageDocumentation
 * The device inventory: CSV import with row-level validation, credential encryption at rest,
 * redaction.
 */
export * from './secret-box';
