// Public surface of the prescription intake: image in, checked fields with confidence and boxes out.
export type { IntakeError, IntakeErrorCode } from './errors.js';
export type { DeaOptions, IdentifierErrorCode, IdentifierResult } from './identifiers.js';
export { deaCheckDigit, npiCheckDigit, validateDea, validateNpi } from './identifiers.js';
export type { CatalogEntry, DrugCandidate, DrugIndex, DrugMatch } from './match-drug.js';
export { buildDrugIndex, matchDrug, repairNumbers } from './match-drug.js';
export type { Box } from './ocr.js';
export type { IntakeProgress, IntakeResult, IntakeStage, IntakeTimings } from './protocol.js';
export type { FieldReading, IntakeItem, IntakeWarning, PrescriptionReading } from './read-page.js';
export type { PrescriptionReader, ReaderOptions, ReadOptions } from './read-prescription.js';
export { createPrescriptionReader, readPrescription } from './read-prescription.js';
export { MAX_FILE_BYTES, MAX_PIXELS } from './clean-up.js';
