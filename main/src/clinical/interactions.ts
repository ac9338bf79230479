// Finds drug-drug interactions between ingredient pairs through the rule index; a more specific rule
// replaces the general one it supersedes so that the pharmacist sees the label's own verdict once.
import type { Interaction } from './contract.js';
import { severityRank } from './contract.js';
import type { CompiledKnowledgeBase } from './knowledge-base.js';
import { ingredientTermKeys } from './knowledge-base.js';
import type { ResolvedList } from './resolve-list.js';
import { compareText, sameSingleSource } from './resolve-list.js';

function sideCodes(kb: CompiledKnowledgeBase, name: string): ReadonlySet<number> {
  const cached = kb.sideCache.get(name);
  if (cached !== undefined) return cached;
  const codes = new Set<number>();
  // A name outside the index is computed each time rather than cached, so odd input cannot grow memory.
  for (const key of ingredientTermKeys(kb, name)) for (const code of kb.ruleTermIndex.get(key) ?? []) codes.add(code);
  return codes;
}

/** Every interaction between two distinct ingredients (canonical names), superseded rules removed. */
export function interactionsForPair(kb: CompiledKnowledgeBase, x: string, y: string): Interaction[] {
  if (x === y) return [];
  const cx = sideCodes(kb, x);
  const cy = sideCodes(kb, y);
  // rule index → which ingredient sits on side a (x, y, or both when the rule is symmetric for this pair)
  const matched = new Map<number, { xOnA: boolean; yOnA: boolean }>();
  const [small, large, smallIsX] = cx.size <= cy.size ? [cx, cy, true] : [cy, cx, false];
  for (const code of small) {
    const rule = code >> 1;
    const side = code & 1;
    if (!large.has(rule * 2 + (1 - side))) continue;
    const m = matched.get(rule) ?? { xOnA: false, yOnA: false };
    const smallOnA = side === 0;
    if (smallIsX ? smallOnA : !smallOnA) m.xOnA = true;
    else m.yOnA = true;
    matched.set(rule, m);
  }
  if (matched.size === 0) return [];
  const superseded = new Set<string>();
  for (const r of matched.keys()) for (const s of kb.rules[r]?.supersedes ?? []) superseded.add(s);
  const out: Interaction[] = [];
  for (const [r, m] of matched) {
    const rule = kb.rules[r];
    if (rule === undefined || superseded.has(rule.id)) continue;
    // Side a first (e.g. "warfarin + ibuprofen"), alphabetical when both could be on side a.
    const drugs: [string, string] = m.xOnA && !m.yOnA ? [x, y] : m.yOnA && !m.xOnA ? [y, x] : x < y ? [x, y] : [y, x];
    out.push({
      drugs,
      severity: rule.severity,
      mechanism: rule.mechanism,
      effect: rule.effect,
      management: rule.management,
      references: rule.references.map((ref) => ({ ...ref })),
      ruleId: rule.id,
    });
  }
  return out;
}

export function compareInteractions(a: Interaction, b: Interaction): number {
  return (
    severityRank[b.severity] - severityRank[a.severity] ||
    compareText(a.drugs[0], b.drugs[0]) ||
    compareText(a.drugs[1], b.drugs[1]) ||
    compareText(a.ruleId, b.ruleId)
  );
}

/**
 * Interactions among a resolved list. With `isNew`, only pairs that involve at least one new ingredient are
 * checked (the active list was checked when it was dispensed).
 */
export function interactionsInList(
  kb: CompiledKnowledgeBase,
  list: ResolvedList,
  isNew: (name: string) => boolean = () => true,
): Interaction[] {
  const out: Interaction[] = [];
  const names = list.ingredients;
  for (let i = 0; i < names.length; i++) {
    const x = names[i] as string;
    for (let j = i + 1; j < names.length; j++) {
      const y = names[j] as string;
      if (!isNew(x) && !isNew(y)) continue;
      if (sameSingleSource(list, x, y)) continue;
      for (const found of interactionsForPair(kb, x, y)) out.push(found);
    }
  }
  return out.sort(compareInteractions);
}
