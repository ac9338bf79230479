// Public surface of the prescriptions module for the command line: reading an image to the documented shape.
export { readRxSummary, type RxReadSummary } from './read-summary.js';
export { createPrescriptionReader, type PrescriptionReader } from './intake/index.js';
