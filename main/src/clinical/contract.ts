// The clinical knowledge-base format and the shapes of every clinical alert, as zod schemas: the built-in
// data, an imported licensed knowledge base and the typed API all go through these, so a rule can never
// reach the checker without a severity, advice and a reference.
import { z } from 'zod';

export const severities = ['contraindicated', 'major', 'moderate', 'minor'] as const;
export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;

/** Higher is worse; used for ranking and for "the worst of several findings". */
export const severityRank: Readonly<Record<Severity, number>> = {
  contraindicated: 4,
  major: 3,
  moderate: 2,
  minor: 1,
};

/** Alerts at or above this severity must be overridden by a pharmacist with a reason. */
export function severityRequiresOverride(severity: Severity): boolean {
  return severityRank[severity] >= severityRank.major;
}

export const referenceKinds = ['label', 'regulatory', 'guideline', 'textbook', 'review', 'study', 'other'] as const;
export const referenceSchema = z.object({
  kind: z.enum(referenceKinds),
  citation: z.string().trim().min(5, 'a citation needs enough detail to find it'),
});
export type Reference = z.infer<typeof referenceSchema>;

const idPattern = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
export const classIdSchema = z.string().regex(idPattern, 'ids are lower-case kebab-case (a-z, 0-9, -)');
export const ruleIdSchema = z.string().regex(idPattern, 'ids are lower-case kebab-case (a-z, 0-9, -)');
const nameSchema = z.string().trim().min(1).max(120);

/** A rule side term: an ingredient name, or `class:<id>` for every ingredient of a class. */
export const termSchema = z
  .string()
  .trim()
  .min(1)
  .refine((t) => !t.startsWith('class:') || idPattern.test(t.slice(6)), 'class terms are class:<kebab-case id>');

export const doseUnits = ['mcg', 'mg', 'g'] as const;
export const doseUnitSchema = z.enum(doseUnits);
export type DoseUnit = z.infer<typeof doseUnitSchema>;

export const adjustmentFactors = ['renal', 'hepatic', 'weight', 'age'] as const;
export const routes = ['oral', 'parenteral', 'any'] as const;

export const drugClassSchema = z.object({
  id: classIdSchema,
  name: z.string().trim().min(1).max(240),
  /** Every member of this class is also a member of each parent (transitively). */
  parents: z.array(classIdSchema).optional(),
  /** Two different ingredients sharing this class are flagged as duplicate therapy. */
  duplicate: z.object({ severity: severitySchema, advice: z.string().min(1).optional() }).optional(),
  /** This class is an allergy cross-reactivity group. */
  allergy: z
    .object({
      /** Words a patient record may use for an allergy to the whole group ("penicillin", "sulfa"). */
      terms: z.array(z.string().trim().min(1)).optional(),
      /** The patient is allergic to the group as a whole and is given a member. */
      groupSeverity: severitySchema,
      /** The patient is allergic to one member and is given another member. */
      crossSeverity: severitySchema,
      advice: z.string().min(1),
      references: z.array(referenceSchema).min(1),
    })
    .optional(),
});
export type DrugClass = z.infer<typeof drugClassSchema>;

export const ingredientSchema = z.object({
  name: nameSchema,
  synonyms: z.array(nameSchema).optional(),
  classes: z.array(classIdSchema),
});
export type IngredientEntry = z.infer<typeof ingredientSchema>;

export const combinationSchema = z.object({
  name: nameSchema,
  synonyms: z.array(nameSchema).optional(),
  ingredients: z.array(nameSchema).min(2),
});
export type CombinationEntry = z.infer<typeof combinationSchema>;

export const interactionRuleSchema = z.object({
  id: ruleIdSchema,
  a: z.array(termSchema).min(1),
  b: z.array(termSchema).min(1),
  severity: severitySchema,
  mechanism: z.string().trim().min(1),
  effect: z.string().trim().min(1),
  management: z.string().trim().min(1),
  references: z.array(referenceSchema).min(1),
  /** More general rules this one replaces when both match the same pair. */
  supersedes: z.array(ruleIdSchema).optional(),
});
export type InteractionRule = z.infer<typeof interactionRuleSchema>;

export const allergyRuleSchema = z.object({
  id: ruleIdSchema,
  /** What the patient is allergic to (terms as in interaction rules). */
  from: z.array(termSchema).min(1),
  /** What is being given. */
  to: z.array(termSchema).min(1),
  severity: severitySchema,
  reason: z.string().trim().min(1),
  advice: z.string().trim().min(1),
  references: z.array(referenceSchema).min(1),
});
export type AllergyRule = z.infer<typeof allergyRuleSchema>;

export const doseLimitSchema = z.object({
  ingredient: nameSchema,
  route: z.enum(routes),
  maxDailyDose: z.object({ value: z.number().positive().finite(), unit: doseUnitSchema }),
  adjustFor: z.array(z.enum(adjustmentFactors)),
  note: z.string().trim().min(1).optional(),
  references: z.array(referenceSchema).min(1),
});
export type DoseLimit = z.infer<typeof doseLimitSchema>;

export const knowledgeBaseSourceSchema = z.object({
  name: z.string().trim().min(1),
  licence: z.string().trim().min(1),
  version: z.string().trim().min(1).optional(),
});

export const knowledgeBaseSchema = z.object({
  format: z.literal('mortar-clinical-kb'),
  version: z.literal(1),
  source: knowledgeBaseSourceSchema,
  classes: z.array(drugClassSchema),
  ingredients: z.array(ingredientSchema),
  combinations: z.array(combinationSchema),
  interactions: z.array(interactionRuleSchema),
  allergyRules: z.array(allergyRuleSchema),
  doseLimits: z.array(doseLimitSchema),
});
export type KnowledgeBase = z.infer<typeof knowledgeBaseSchema>;
export type KnowledgeBaseSection = 'classes' | 'ingredients' | 'combinations' | 'interactions' | 'allergyRules' | 'doseLimits';

// ---- outputs -------------------------------------------------------------------------------------------

export const interactionSchema = z.object({
  drugs: z.tuple([z.string(), z.string()]),
  severity: severitySchema,
  mechanism: z.string(),
  effect: z.string(),
  management: z.string(),
  references: z.array(referenceSchema),
  ruleId: z.string(),
});
export type Interaction = z.infer<typeof interactionSchema>;

export const alertKinds = ['allergy', 'interaction', 'dose-limit', 'duplicate-therapy'] as const;
export type AlertKind = (typeof alertKinds)[number];

export const safetyAlertSchema = z.object({
  /** Stable within a check: kind, rule and ingredients. */
  id: z.string(),
  kind: z.enum(alertKinds),
  severity: severitySchema,
  /** Canonical ingredient names the alert is about. */
  ingredients: z.array(z.string()),
  /** The patient's allergy as recorded (allergy alerts only). */
  allergy: z.string().optional(),
  reason: z.string(),
  advice: z.string(),
  mechanism: z.string().optional(),
  references: z.array(referenceSchema),
  ruleId: z.string(),
  requiresOverride: z.boolean(),
});
export type SafetyAlert = z.infer<typeof safetyAlertSchema>;

export const doseAmountSchema = z.object({ value: z.number(), unit: z.string() });
export type DoseAmount = z.infer<typeof doseAmountSchema>;

export const dailyDoseSchema = z.object({
  ingredient: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  route: z.enum(routes).optional(),
});
export type DailyDose = z.infer<typeof dailyDoseSchema>;

export const medicationSafetyInputSchema = z.object({
  newIngredients: z.array(z.string()),
  activeIngredients: z.array(z.string()).default([]),
  allergies: z.array(z.string()).default([]),
  dailyDoses: z.array(dailyDoseSchema).optional(),
});
export type MedicationSafetyInput = z.input<typeof medicationSafetyInputSchema>;

export const medicationSafetyReportSchema = z.object({
  alerts: z.array(safetyAlertSchema),
  /** True when any alert is major or contraindicated. */
  requiresOverride: z.boolean(),
  highestSeverity: severitySchema.nullable(),
  /** Names the knowledge base does not know: they were not checked and the pharmacist must be told. */
  unrecognised: z.object({ ingredients: z.array(z.string()), allergies: z.array(z.string()) }),
  /** Daily doses that could not be checked (unknown unit, not a positive number, a combination name). */
  doseProblems: z.array(z.object({ ingredient: z.string(), code: z.string(), message: z.string() })),
});
export type MedicationSafetyReport = z.infer<typeof medicationSafetyReportSchema>;
