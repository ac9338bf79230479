// Public surface of the clinical decision support module: the checks, the knowledge-base format and importer.
export type {
  AlertKind,
  AllergyRule,
  CombinationEntry,
  DailyDose,
  DoseAmount,
  DoseLimit,
  DoseUnit,
  DrugClass,
  IngredientEntry,
  Interaction,
  InteractionRule,
  KnowledgeBase,
  KnowledgeBaseSection,
  MedicationSafetyInput,
  MedicationSafetyReport,
  Reference,
  SafetyAlert,
  Severity,
} from './contract.js';
export {
  interactionSchema,
  knowledgeBaseSchema,
  medicationSafetyInputSchema,
  medicationSafetyReportSchema,
  safetyAlertSchema,
  severities,
  severityRank,
  severityRequiresOverride,
} from './contract.js';
export type { ClinicalChecker, IngredientResolution } from './checker.js';
export {
  checkAllergies,
  checkDoseLimit,
  checkDuplicateTherapy,
  checkInteractions,
  checkMedicationSafety,
  createClinicalChecker,
  getDefaultClinicalChecker,
  resolveIngredient,
} from './checker.js';
export type { DoseLimitInfo, DoseLimitResult, Route } from './dose-limits.js';
export type { ImportErrorCode, ImportOptions, ImportResult, ImportSource, RowError } from './importer.js';
export { importKnowledgeBase } from './importer.js';
export type { KnowledgeBaseIssue } from './knowledge-base.js';
export { builtInKnowledgeBase } from './data/built-in.js';
export { nameKey as normaliseIngredientName } from './normalise.js';
