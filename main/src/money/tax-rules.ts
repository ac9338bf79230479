// Tax rules are data, not code paths (DESIGN.md "Exact money"): a rule set arrives from head office as
// master data, so it is checked here before any basket is priced with it, and compiled to exact ratios.
import { taxRuleSetSchema, type TaxRuleSet, type TaxTreatment } from './contract.js';
import { currencyInfo } from './currencies.js';
import { add, canonicalPercent, multiply, one, parseDecimalRatio, ratio, zero, type Ratio } from './ratio.js';
import { attempt, fail, type MoneyResult } from './result.js';

export type CompiledComponent = {
  code: string;
  name: string;
  /** Canonical spelling of the percentage ("8.10" → "8.1"). */
  ratePercent: string;
  compound: boolean;
  /** The rate as a fraction: 20% → 1/5. */
  rate: Ratio;
  /** Tax of this component per unit of net, exactly (for a compound component it includes the cascade). */
  perNet: Ratio;
};

export type CompiledCategory = {
  key: string;
  treatment: TaxTreatment;
  components: readonly CompiledComponent[];
  /** Total tax per unit of net: gross = net × (1 + taxPerNet). */
  taxPerNet: Ratio;
  /** Categories with the same signature form one tax chain and are pooled for invoice-level rounding. */
  signature: string;
};

export type CompiledRuleSet = { rules: TaxRuleSet; categories: ReadonlyMap<string, CompiledCategory> };

const hundred = ratio(100n, 1n);

function invalid(message: string, details: Record<string, unknown>): never {
  fail('money.invalidRuleSet', message, details);
}

/** Validates a rule set (shape, then meaning) and compiles its rates to exact ratios. Throws MoneyFailure. */
export function compileTaxRuleSet(value: unknown): CompiledRuleSet {
  const parsed = taxRuleSetSchema.safeParse(value);
  if (!parsed.success) {
    invalid('the tax rule set is malformed', {
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  const rules = parsed.data;
  currencyInfo(rules.currency);
  const entries = Object.entries(rules.categories);
  if (entries.length === 0) invalid('a tax rule set needs at least one category', { id: rules.id });

  const categories = new Map<string, CompiledCategory>();
  for (const [key, rule] of entries) {
    const where = { id: rules.id, category: key };
    const codes = new Set<string>();
    let taxPerNet = zero;
    const components: CompiledComponent[] = rule.components.map((component, index) => {
      if (codes.has(component.code)) invalid(`component ${component.code} appears twice`, where);
      codes.add(component.code);
      const percent = parseDecimalRatio(component.ratePercent);
      if (percent === null) invalid('a rate is not a decimal', { ...where, rate: component.ratePercent });
      if (percent.num * hundred.den > hundred.num * percent.den) {
        invalid('a rate above 100% is not a tax this engine prices', {
          ...where,
          rate: component.ratePercent,
        });
      }
      const compound = component.compound === true;
      if (compound && index === 0) invalid('a compound component needs an earlier component', where);
      const rate = multiply(percent, ratio(1n, 100n));
      const base = compound ? add(one, taxPerNet) : one;
      const perNet = multiply(rate, base);
      taxPerNet = add(taxPerNet, perNet);
      return {
        code: component.code,
        name: component.name,
        ratePercent: canonicalPercent(component.ratePercent),
        compound,
        rate,
        perNet,
      };
    });
    const positive = components.filter((component) => component.rate.num > 0n).length;
    switch (rule.treatment) {
      case 'exempt':
        if (components.length > 0) invalid('an exempt category has no tax components', where);
        break;
      case 'zero-rated':
        if (components.length === 0 || positive > 0) {
          invalid('a zero-rated category has components, all at 0%', where);
        }
        break;
      case 'standard':
      case 'reduced':
        if (positive === 0) invalid(`a ${rule.treatment} category needs a component above 0%`, where);
        break;
      default: {
        const unknownTreatment: never = rule.treatment;
        invalid('unknown treatment', { ...where, treatment: String(unknownTreatment) });
      }
    }
    const signature = components
      .map((component) => `${component.code}@${component.ratePercent}${component.compound ? '+' : ''}`)
      .join(',');
    categories.set(key, { key, treatment: rule.treatment, components, taxPerNet, signature });
  }
  return { rules, categories };
}

const compiledByText = new Map<string, CompiledRuleSet>();
const COMPILED_KEPT = 16;

/**
 * The same rule set is priced against on every scan; compiling it (schema, exact ratios) each time costs more
 * than the pricing. Compiled sets are kept by their JSON text, so a changed rule set is compiled afresh.
 */
export function compileTaxRuleSetCached(value: unknown): CompiledRuleSet {
  const text = JSON.stringify(value);
  const kept = compiledByText.get(text);
  if (kept) return kept;
  const compiled = compileTaxRuleSet(value);
  if (compiledByText.size >= COMPILED_KEPT) compiledByText.delete(compiledByText.keys().next().value as string);
  compiledByText.set(text, compiled);
  return compiled;
}

/** Checks a rule set received as data: `money.invalidRuleSet` (with the reason) or the set, as typed. */
export function validateTaxRuleSet(value: unknown): MoneyResult<TaxRuleSet> {
  return attempt(() => compileTaxRuleSet(value).rules);
}
