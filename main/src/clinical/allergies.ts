// Allergy checking: a recorded allergy (to an ingredient, a product or a whole group such as "penicillin" or
// "sulfa") is matched against each new ingredient, including partial cross-reactivity between groups, and
// only the worst finding per allergy and ingredient is shown so the pharmacist reads one clear reason.
import type { Reference, SafetyAlert, Severity } from './contract.js';
import { severityRank, severityRequiresOverride } from './contract.js';
import type { CompiledKnowledgeBase } from './knowledge-base.js';
import { ingredientTermKeys, resolveAllergyGroup, resolveName } from './knowledge-base.js';
import { ref } from './data/references.js';
import type { ResolvedList } from './resolve-list.js';
import { compareText } from './resolve-list.js';

type Finding = { severity: Severity; ruleId: string; reason: string; advice: string; references: Reference[] };

type RecordedAllergy =
  | { kind: 'group'; raw: string; group: string; classes: ReadonlySet<string> }
  | { kind: 'ingredients'; raw: string; ingredients: readonly string[] };

function interpretAllergy(kb: CompiledKnowledgeBase, raw: string): RecordedAllergy | null {
  const group = resolveAllergyGroup(kb, raw);
  if (group !== undefined) return { kind: 'group', raw, group, classes: kb.classClosure.get(group) ?? new Set([group]) };
  const resolved = resolveName(kb, raw);
  if (resolved.kind === 'ingredient') return { kind: 'ingredients', raw, ingredients: [resolved.name] };
  if (resolved.kind === 'combination') return { kind: 'ingredients', raw, ingredients: resolved.ingredients };
  return null;
}

function className(kb: CompiledKnowledgeBase, id: string): string {
  return kb.classes.get(id)?.name ?? id;
}

function findings(kb: CompiledKnowledgeBase, allergy: RecordedAllergy, given: string): Finding[] {
  const out: Finding[] = [];
  const givenClasses = kb.ingredientClasses.get(given) ?? new Set<string>();
  let fromKeys: Set<string>;

  if (allergy.kind === 'group') {
    fromKeys = new Set([...allergy.classes].map((c) => `c:${c}`));
    const cfg = kb.classes.get(allergy.group)?.allergy;
    if (cfg !== undefined && givenClasses.has(allergy.group)) {
      out.push({
        severity: cfg.groupSeverity,
        ruleId: `allergy-group-${allergy.group}`,
        reason: `${given} is one of the ${className(kb, allergy.group).toLowerCase()}, recorded as an allergy ("${allergy.raw.trim()}").`,
        advice: cfg.advice,
        references: cfg.references,
      });
    }
    for (const c of allergy.classes) {
      const shared = kb.classes.get(c)?.allergy;
      if (c === allergy.group || shared === undefined || !givenClasses.has(c)) continue;
      out.push({
        severity: shared.crossSeverity,
        ruleId: `allergy-cross-${c}`,
        reason: `${given} and the recorded allergy ("${allergy.raw.trim()}") are both ${className(kb, c).toLowerCase()}.`,
        advice: shared.advice,
        references: shared.references,
      });
    }
  } else {
    fromKeys = new Set(allergy.ingredients.flatMap((a) => ingredientTermKeys(kb, a)));
    for (const culprit of allergy.ingredients) {
      if (culprit === given) {
        out.push({
          severity: 'contraindicated',
          ruleId: 'allergy-same-ingredient',
          reason: `The patient has a recorded allergy to ${given}.`,
          advice: 'Do not give. Confirm the allergy history; if it is doubtful, arrange allergy assessment before any re-challenge.',
          references: [ref.niceDrugAllergy],
        });
        continue;
      }
      const culpritClasses = kb.ingredientClasses.get(culprit) ?? new Set<string>();
      for (const c of culpritClasses) {
        const shared = kb.classes.get(c)?.allergy;
        if (shared === undefined || !givenClasses.has(c)) continue;
        out.push({
          severity: shared.crossSeverity,
          ruleId: `allergy-cross-${c}`,
          reason: `Recorded allergy to ${culprit}; ${given} is also one of the ${className(kb, c).toLowerCase()}.`,
          advice: shared.advice,
          references: shared.references,
        });
      }
    }
  }

  const givenKeys = ingredientTermKeys(kb, given);
  for (const rule of kb.allergyRules) {
    if (![...rule.fromKeys].some((k) => fromKeys.has(k))) continue;
    if (!givenKeys.some((k) => rule.toKeys.has(k))) continue;
    out.push({ severity: rule.severity, ruleId: rule.id, reason: rule.reason, advice: rule.advice, references: rule.references });
  }
  return out;
}

function worst(list: Finding[]): Finding | undefined {
  return [...list].sort((a, b) => severityRank[b.severity] - severityRank[a.severity] || compareText(a.ruleId, b.ruleId))[0];
}

/** One alert per (recorded allergy, new ingredient) with the worst applicable finding. */
export function allergyAlerts(
  kb: CompiledKnowledgeBase,
  newList: ResolvedList,
  allergies: readonly string[],
): { alerts: SafetyAlert[]; unrecognised: string[] } {
  const alerts: SafetyAlert[] = [];
  const unrecognised = new Set<string>();
  const seen = new Set<string>();
  for (const raw of allergies) {
    if (raw.trim().length === 0) continue;
    const allergy = interpretAllergy(kb, raw);
    if (allergy === null) {
      unrecognised.add(raw.trim());
      continue;
    }
    for (const given of newList.ingredients) {
      const finding = worst(findings(kb, allergy, given));
      if (finding === undefined) continue;
      const id = `allergy:${finding.ruleId}:${given}:${raw.trim().toLowerCase()}`;
      if (seen.has(id)) continue;
      seen.add(id);
      alerts.push({
        id,
        kind: 'allergy',
        severity: finding.severity,
        ingredients: [given],
        allergy: raw.trim(),
        reason: finding.reason,
        advice: finding.advice,
        references: finding.references.map((r) => ({ ...r })),
        ruleId: finding.ruleId,
        requiresOverride: severityRequiresOverride(finding.severity),
      });
    }
  }
  return { alerts, unrecognised: [...unrecognised].sort(compareText) };
}
