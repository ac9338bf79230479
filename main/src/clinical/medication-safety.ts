// One safety check for a dispense: interactions, allergies, duplicate therapy and dose limits together,
// ranked worst first, with every major or contraindicated finding marked for a pharmacist override, because
// a dispense must not proceed past such an alert without an accountable decision.
import type { DailyDose, Interaction, MedicationSafetyInput, MedicationSafetyReport, SafetyAlert, Severity } from './contract.js';
import { alertKinds, severityRank, severityRequiresOverride } from './contract.js';
import { allergyAlerts } from './allergies.js';
import type { Route } from './dose-limits.js';
import { canonicalUnit, checkDoseLimitIn, toMicrograms } from './dose-limits.js';
import { duplicateAlerts } from './duplicate-therapy.js';
import { interactionsInList } from './interactions.js';
import type { CompiledKnowledgeBase } from './knowledge-base.js';
import { resolveName } from './knowledge-base.js';
import { compareText, resolveList } from './resolve-list.js';

export function interactionAlert(i: Interaction): SafetyAlert {
  return {
    id: `interaction:${i.ruleId}:${i.drugs[0]}+${i.drugs[1]}`,
    kind: 'interaction',
    severity: i.severity,
    ingredients: [i.drugs[0], i.drugs[1]],
    reason: `${i.drugs[0]} + ${i.drugs[1]}: ${i.effect}`,
    advice: i.management,
    mechanism: i.mechanism,
    references: i.references.map((r) => ({ ...r })),
    ruleId: i.ruleId,
    requiresOverride: severityRequiresOverride(i.severity),
  };
}

export function compareAlerts(a: SafetyAlert, b: SafetyAlert): number {
  return (
    severityRank[b.severity] - severityRank[a.severity] ||
    alertKinds.indexOf(a.kind) - alertKinds.indexOf(b.kind) ||
    compareText(a.id, b.id)
  );
}

type DoseCheck = { alerts: SafetyAlert[]; problems: MedicationSafetyReport['doseProblems'] };

/** Doses of the same ingredient and route from several products are added up before the limit is applied. */
function doseAlerts(kb: CompiledKnowledgeBase, doses: readonly DailyDose[]): DoseCheck {
  const problems: MedicationSafetyReport['doseProblems'] = [];
  const groups = new Map<string, { ingredient: string; route: Route | undefined; unit: string; micrograms: number; raw: DailyDose }[]>();
  for (const dose of doses) {
    const resolved = resolveName(kb, dose.ingredient);
    const unit = canonicalUnit(dose.unit);
    const micrograms = toMicrograms(dose);
    if (resolved.kind === 'combination' || unit === null || micrograms === null || !(dose.value > 0) || !Number.isFinite(dose.value)) {
      const result = checkDoseLimitIn(kb, dose.ingredient, dose, dose.route);
      if (result.status === 'invalid-dose') problems.push({ ingredient: result.ingredient, code: result.error.code, message: result.error.message });
      continue;
    }
    const key = `${resolved.name}\u0000${dose.route ?? 'oral'}`;
    const list = groups.get(key) ?? [];
    list.push({ ingredient: resolved.name, route: dose.route, unit, micrograms, raw: dose });
    groups.set(key, list);
  }
  const alerts: SafetyAlert[] = [];
  for (const list of groups.values()) {
    const first = list[0];
    if (first === undefined) continue;
    const totalMicrograms = list.reduce((sum, d) => sum + d.micrograms, 0);
    const perUnit = toMicrograms({ value: 1, unit: first.unit }) ?? 1;
    const total = list.length === 1 ? first.raw.value : Math.round((totalMicrograms / perUnit) * 1000) / 1000;
    const result = checkDoseLimitIn(kb, first.ingredient, { value: total, unit: first.unit }, first.route);
    if (result.status === 'exceeds-limit') {
      const alert = { ...result.alert };
      if (list.length > 1) alert.reason = alert.reason.replace(/^Daily dose of/, `Combined daily dose (${list.length} products) of`);
      alerts.push(alert);
    }
  }
  return { alerts, problems };
}

export function medicationSafety(kb: CompiledKnowledgeBase, input: MedicationSafetyInput): MedicationSafetyReport {
  const newIngredients = input.newIngredients;
  const active = input.activeIngredients ?? [];
  const newCount = newIngredients.length;
  const all = resolveList(kb, [...newIngredients, ...active]);
  const isNew = (name: string): boolean => {
    for (const i of all.sources.get(name) ?? []) if (i < newCount) return true;
    return false;
  };
  const newOnly = resolveList(kb, newIngredients);

  const allergies = allergyAlerts(kb, newOnly, input.allergies ?? []);
  const doses = doseAlerts(kb, input.dailyDoses ?? []);
  const alerts = [
    ...interactionsInList(kb, all, isNew).map(interactionAlert),
    ...allergies.alerts,
    ...duplicateAlerts(kb, all, isNew),
    ...doses.alerts,
  ].sort(compareAlerts);

  const highest: Severity | null = alerts[0]?.severity ?? null;
  return {
    alerts,
    requiresOverride: alerts.some((a) => a.requiresOverride),
    highestSeverity: highest,
    unrecognised: { ingredients: [...all.unrecognised], allergies: allergies.unrecognised },
    doseProblems: doses.problems.sort((a, b) => compareText(a.ingredient, b.ingredient) || compareText(a.code, b.code)),
  };
}
