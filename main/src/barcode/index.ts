// Public surface of the barcode parser: one call for the checkout (parseScan) and the building blocks the CLI
// and tests use.
export { parseScan, DEFAULT_MAX_SCAN_LENGTH } from './scan.js';
export type { ParseScanOptions, Scan, ScanAi, ScanResult, ScanSource } from './scan.js';
export type { Gs1Error, Gs1ErrorCode, Gs1ErrorDetail, Gs1ErrorDetails, Result } from './errors.js';
export {
  DICTIONARY,
  aiMatchesPattern,
  lookupAi,
  parseSyntaxDictionary,
  SyntaxDictionaryError,
} from './dictionary.js';
export type { AiComponent, AiEntry, AiPattern, CharacterSet, SyntaxDictionary } from './dictionary.js';
export {
  GS,
  MAX_AIS,
  entryForAi,
  formatSpec,
  parseBracketed,
  parseElementString,
  toBracketed,
  toElementString,
  validateAiValue,
} from './element-string.js';
export type { ElementStringOptions, ParsedAi } from './element-string.js';
export { parseDigitalLink, looksLikeDigitalLink } from './digital-link.js';
export type { DigitalLink, DigitalLinkOptions } from './digital-link.js';
export {
  checkExclusions,
  checkRepeats,
  checkRequisites,
  checkSignatureKey,
  validateAssociations,
} from './associations.js';
export { LINTERS, runLinter } from './linters.js';
export type { GcpLookup, LintCode, LintContext, LintFailure, Linter } from './lint-types.js';
export { gs1CheckDigit, gs1CheckPair, hasValidGs1CheckDigit, toGtin14 } from './check-digits.js';
export { fullYearFromTwoDigits, resolveYymmdd, resolveYyyymmdd } from './dates.js';
export type { ResolvedDate } from './dates.js';
