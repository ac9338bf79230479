// The prescription directions ("sig") parser: directions in, FHIR R4 Dosage out, with what was not
// understood; plus days' supply and a plain-words rendering for labels.
export { parseSig, MAX_SIG_LENGTH } from './parse-sig.js';
export { daysSupply } from './days-supply.js';
export type { DaysSupply, DaysSupplyBasis, DaysSupplyOptions, DaysSupplyReason } from './days-supply.js';
export { describeDosage } from './describe-dosage.js';
export type * from './types.js';
