// Duplicate therapy: the same ingredient from two products, or two ingredients of one therapeutic class,
// is flagged because unintended duplication (two NSAIDs, two anticoagulants, paracetamol in two products)
// is a common and avoidable cause of harm.
import type { SafetyAlert, Severity } from './contract.js';
import { severityRank, severityRequiresOverride } from './contract.js';
import type { CompiledKnowledgeBase } from './knowledge-base.js';
import type { ResolvedList } from './resolve-list.js';
import { compareText, sameSingleSource } from './resolve-list.js';

const defaultAdvice = 'Confirm that both are intended (for example a switch in progress) and stop one if not.';

function alert(id: string, severity: Severity, ingredients: string[], ruleId: string, reason: string, advice: string): SafetyAlert {
  return { id, kind: 'duplicate-therapy', severity, ingredients, reason, advice, references: [], ruleId, requiresOverride: severityRequiresOverride(severity) };
}

/**
 * Duplicates in a resolved list. `isNew(name)` tells whether the ingredient comes from a new product;
 * `newSources(name)` how many new inputs carry it. Pairs of active-only ingredients are not re-reported.
 */
export function duplicateAlerts(
  kb: CompiledKnowledgeBase,
  list: ResolvedList,
  isNew: (name: string) => boolean,
): SafetyAlert[] {
  const out: SafetyAlert[] = [];
  const names = list.ingredients;
  for (const name of names) {
    const sources = list.sources.get(name);
    if (sources === undefined || sources.size < 2 || !isNew(name)) continue;
    out.push(
      alert(
        `duplicate-therapy:duplicate-same-ingredient:${name}`,
        'moderate',
        [name],
        'duplicate-same-ingredient',
        `${name} is in more than one product.`,
        'Check that the new product replaces the other rather than adds to it, and count the total daily dose across all products.',
      ),
    );
  }
  for (let i = 0; i < names.length; i++) {
    const x = names[i] as string;
    const cx = kb.ingredientClasses.get(x);
    if (cx === undefined) continue;
    for (let j = i + 1; j < names.length; j++) {
      const y = names[j] as string;
      if (!isNew(x) && !isNew(y)) continue;
      if (sameSingleSource(list, x, y)) continue;
      const cy = kb.ingredientClasses.get(y);
      if (cy === undefined) continue;
      let best: { id: string; severity: Severity; advice: string; name: string } | undefined;
      for (const c of cx) {
        if (!cy.has(c)) continue;
        const cls = kb.classes.get(c);
        const dup = cls?.duplicate;
        if (cls === undefined || dup === undefined) continue;
        const better =
          best === undefined ||
          severityRank[dup.severity] > severityRank[best.severity] ||
          (severityRank[dup.severity] === severityRank[best.severity] && compareText(c, best.id) < 0);
        if (better) best = { id: c, severity: dup.severity, advice: dup.advice ?? defaultAdvice, name: cls.name };
      }
      if (best === undefined) continue;
      out.push(
        alert(
          `duplicate-therapy:duplicate-class-${best.id}:${x}+${y}`,
          best.severity,
          [x, y],
          `duplicate-class-${best.id}`,
          `${x} and ${y} are both ${best.name.toLowerCase()}.`,
          best.advice,
        ),
      );
    }
  }
  return out;
}
