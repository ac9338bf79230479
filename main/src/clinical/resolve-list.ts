// Turns the names a caller passes (ingredients, synonyms, salts, combination products) into distinct
// canonical ingredients, remembering which input each came from, so that every check sees the same
// ingredients whatever order or spelling the names arrived in.
import type { CompiledKnowledgeBase } from './knowledge-base.js';
import { resolveName } from './knowledge-base.js';

export type ResolvedList = {
  /** Distinct canonical ingredient names, sorted. Unknown names are included in display form. */
  readonly ingredients: readonly string[];
  /** canonical name → indexes of the inputs it came from. */
  readonly sources: ReadonlyMap<string, ReadonlySet<number>>;
  /** Inputs the knowledge base does not know, in display form, sorted and distinct. */
  readonly unrecognised: readonly string[];
};

export function resolveList(kb: CompiledKnowledgeBase, inputs: readonly string[], firstIndex = 0): ResolvedList {
  const sources = new Map<string, Set<number>>();
  const unrecognised = new Set<string>();
  inputs.forEach((raw, i) => {
    if (raw.trim().length === 0) return;
    const resolved = resolveName(kb, raw);
    const names = resolved.kind === 'combination' ? resolved.ingredients : [resolved.name];
    if (resolved.kind === 'unknown') unrecognised.add(resolved.name);
    for (const name of names) {
      const set = sources.get(name) ?? new Set<number>();
      set.add(firstIndex + i);
      sources.set(name, set);
    }
  });
  return { ingredients: [...sources.keys()].sort(compareText), sources, unrecognised: [...unrecognised].sort(compareText) };
}

/** True when both ingredients came only from one and the same input (one combination product). */
export function sameSingleSource(list: ResolvedList, a: string, b: string): boolean {
  const sa = list.sources.get(a);
  const sb = list.sources.get(b);
  if (sa === undefined || sb === undefined || sa.size !== 1 || sb.size !== 1) return false;
  const [ia] = sa;
  const [ib] = sb;
  return ia === ib;
}

/** Code-point order, independent of the runtime's locale, so output is the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
