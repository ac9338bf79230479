// The clinical checker: built once per knowledge base (indexes compiled at creation), then pure and
// deterministic per call. The module-level functions use the built-in knowledge base.
import type {
  DoseAmount,
  Interaction,
  KnowledgeBase,
  MedicationSafetyInput,
  MedicationSafetyReport,
  SafetyAlert,
} from './contract.js';
import { allergyAlerts } from './allergies.js';
import { builtInKnowledgeBase } from './data/built-in.js';
import type { DoseLimitResult, Route } from './dose-limits.js';
import { checkDoseLimitIn } from './dose-limits.js';
import { duplicateAlerts } from './duplicate-therapy.js';
import { interactionsInList } from './interactions.js';
import type { CompileResult, CompiledKnowledgeBase, KnowledgeBaseIssue } from './knowledge-base.js';
import { compileKnowledgeBase, resolveName } from './knowledge-base.js';
import { compareAlerts, medicationSafety } from './medication-safety.js';
import { compareText, resolveList } from './resolve-list.js';

export type IngredientResolution = {
  /** What the name was recognised as. */
  kind: 'ingredient' | 'combination' | 'unknown';
  /** Canonical name (ingredient), the name as given (combination) or the normalised unknown name. */
  name: string;
  /** The canonical ingredients it stands for (one for an ingredient, none when unknown). */
  ingredients: string[];
  /** Every class of those ingredients, ancestors included, sorted. */
  classes: string[];
};

export type ClinicalChecker = {
  readonly source: KnowledgeBase['source'];
  readonly warnings: readonly KnowledgeBaseIssue[];
  checkInteractions(ingredients: readonly string[]): Interaction[];
  checkAllergies(newIngredients: readonly string[], allergies: readonly string[]): SafetyAlert[];
  checkDuplicateTherapy(newIngredients: readonly string[], activeIngredients?: readonly string[]): SafetyAlert[];
  checkDoseLimit(ingredient: string, dailyDose: DoseAmount, route?: Route): DoseLimitResult;
  checkMedicationSafety(input: MedicationSafetyInput): MedicationSafetyReport;
  resolveIngredient(name: string): IngredientResolution;
};

function checkerFor(kb: CompiledKnowledgeBase): ClinicalChecker {
  return {
    source: kb.document.source,
    warnings: kb.warnings,
    checkInteractions: (ingredients) => interactionsInList(kb, resolveList(kb, ingredients)),
    checkAllergies: (newIngredients, allergies) => allergyAlerts(kb, resolveList(kb, newIngredients), allergies).alerts.sort(compareAlerts),
    checkDuplicateTherapy: (newIngredients, activeIngredients = []) => {
      const all = resolveList(kb, [...newIngredients, ...activeIngredients]);
      const isNew = (name: string): boolean => [...(all.sources.get(name) ?? [])].some((i) => i < newIngredients.length);
      return duplicateAlerts(kb, all, isNew).sort(compareAlerts);
    },
    checkDoseLimit: (ingredient, dailyDose, route) => checkDoseLimitIn(kb, ingredient, dailyDose, route),
    checkMedicationSafety: (input) => medicationSafety(kb, input),
    resolveIngredient: (name) => {
      const r = resolveName(kb, name);
      const ingredients = r.kind === 'ingredient' ? [r.name] : r.kind === 'combination' ? [...r.ingredients] : [];
      const classes = new Set<string>();
      for (const i of ingredients) for (const c of kb.ingredientClasses.get(i) ?? []) classes.add(c);
      return { kind: r.kind, name: r.name, ingredients, classes: [...classes].sort(compareText) };
    },
  };
}

/** Validates and indexes a knowledge base (built-in, imported or merged) and returns a checker for it. */
export function createClinicalChecker(
  knowledgeBase: KnowledgeBase,
): { ok: true; value: ClinicalChecker } | Extract<CompileResult, { ok: false }> {
  const compiled = compileKnowledgeBase(knowledgeBase);
  if (!compiled.ok) return compiled;
  return { ok: true, value: checkerFor(compiled.value) };
}

let defaultChecker: ClinicalChecker | undefined;

/** The checker over the built-in knowledge base, compiled on first use. */
export function getDefaultClinicalChecker(): ClinicalChecker {
  if (defaultChecker === undefined) {
    const created = createClinicalChecker(builtInKnowledgeBase);
    // The built-in data is covered by tests; failing here means a broken build, not bad user input.
    if (!created.ok) throw new Error(`${created.error.message} ${JSON.stringify(created.error.details.issues.slice(0, 5))}`);
    defaultChecker = created.value;
  }
  return defaultChecker;
}

export function checkInteractions(ingredients: readonly string[]): Interaction[] {
  return getDefaultClinicalChecker().checkInteractions(ingredients);
}

export function checkAllergies(newIngredients: readonly string[], allergies: readonly string[]): SafetyAlert[] {
  return getDefaultClinicalChecker().checkAllergies(newIngredients, allergies);
}

export function checkDuplicateTherapy(newIngredients: readonly string[], activeIngredients: readonly string[] = []): SafetyAlert[] {
  return getDefaultClinicalChecker().checkDuplicateTherapy(newIngredients, activeIngredients);
}

export function checkDoseLimit(ingredient: string, dailyDose: DoseAmount, route?: Route): DoseLimitResult {
  return getDefaultClinicalChecker().checkDoseLimit(ingredient, dailyDose, route);
}

export function checkMedicationSafety(input: MedicationSafetyInput): MedicationSafetyReport {
  return getDefaultClinicalChecker().checkMedicationSafety(input);
}

export function resolveIngredient(name: string): IngredientResolution {
  return getDefaultClinicalChecker().resolveIngredient(name);
}
