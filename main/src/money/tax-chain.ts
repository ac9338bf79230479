// One tax chain (a category's components in order) applied to one amount, with the rule set's rounding.
// Kept apart from the basket so that line-level and invoice-level rounding run the very same arithmetic.
import type { RoundingMode } from './contract.js';
import { allocateBig } from './allocate.js';
import { roundDivide } from './rounding.js';
import type { CompiledCategory } from './tax-rules.js';

export type ChainResult = { net: bigint; taxes: bigint[] };

/**
 * Exclusive pricing: `amount` is the net. Each component is rounded on its own, in order, and a compound
 * component is charged on the net plus the already rounded tax before it, as an invoice would show it.
 */
export function addTaxes(category: CompiledCategory, net: bigint, mode: RoundingMode): ChainResult {
  let prior = 0n;
  const taxes = category.components.map((component) => {
    const base = component.compound ? net + prior : net;
    const tax = roundDivide(base * component.rate.num, component.rate.den, mode);
    prior += tax;
    return tax;
  });
  return { net, taxes };
}

/**
 * Inclusive pricing: `amount` is the gross. The tax the gross contains is rounded once,
 * gross × t / (1 + t) with t the chain's exact tax per unit of net, and split across the components in
 * proportion to their exact shares. For a single component that is the familiar gross × r / (1 + r).
 * Rounding the total first keeps net ≥ 0 and the line's own net + tax = gross.
 */
export function extractTaxes(category: CompiledCategory, gross: bigint, mode: RoundingMode): ChainResult {
  const { num, den } = category.taxPerNet;
  const total = roundDivide(gross * num, den + num, mode);
  return { net: gross - total, taxes: splitAcrossComponents(category, total) };
}

/** Integer weights proportional to each component's exact share of the chain's tax. */
export function componentWeights(category: CompiledCategory): bigint[] {
  const common = category.components.reduce((product, component) => product * component.perNet.den, 1n);
  return category.components.map((component) => (component.perNet.num * common) / component.perNet.den);
}

export function splitAcrossComponents(category: CompiledCategory, total: bigint): bigint[] {
  if (category.components.length === 0) return [];
  return allocateBig(total, componentWeights(category));
}

/** The amount each component's rate applied to: the net, plus earlier taxes for a compound component. */
export function componentBases(category: CompiledCategory, net: bigint, taxes: readonly bigint[]): bigint[] {
  let prior = 0n;
  return category.components.map((component, index) => {
    const base = component.compound ? net + prior : net;
    prior += taxes[index] ?? 0n;
    return base;
  });
}
