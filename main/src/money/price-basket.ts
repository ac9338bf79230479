// Prices a basket so that every figure reconciles to the minor unit (DESIGN.md "Exact money"): line nets,
// taxes and grosses add up to the totals, the breakdown adds up to the total tax, and discounts allocate
// exactly. Tax rules come from the rule set as data; no jurisdiction has a code path of its own.
import type { BasketInput, LineTax, PricedBasket, PricedLine, TaxBreakdownRow } from './contract.js';
import { allocateBig } from './allocate.js';
import { readNonNegativeMinor, sumBig, toMinor } from './amount.js';
import { currencyInfo } from './currencies.js';
import { attempt, fail, type MoneyResult } from './result.js';
import { addTaxes, componentBases, extractTaxes, type ChainResult } from './tax-chain.js';
import { compileTaxRuleSetCached, type CompiledCategory, type CompiledRuleSet } from './tax-rules.js';
import { parseDecimalRatio } from './ratio.js';

type CheckedLine = {
  id: string;
  category: CompiledCategory;
  quantity: number;
  unitPrice: bigint;
  extended: bigint;
  lineDiscount: bigint;
};

type TaxedLine = CheckedLine & { basketDiscount: bigint; amount: bigint; net: bigint; taxes: bigint[] };

function checkLines(input: BasketInput, compiled: CompiledRuleSet): CheckedLine[] {
  if (!Array.isArray(input.lines)) fail('money.invalidLine', 'lines must be a list', {});
  const seen = new Set<string>();
  return input.lines.map((line, index) => {
    const field = `lines[${index}]`;
    if (typeof line !== 'object' || line === null)
      fail('money.invalidLine', `${field} is not a line`, { field });
    if (typeof line.id !== 'string' || line.id.length === 0 || seen.has(line.id)) {
      fail('money.invalidLine', 'each line needs its own non-empty id', { field, id: String(line.id) });
    }
    seen.add(line.id);
    const unitPrice = readNonNegativeMinor(line.unitPriceMinor, `${field}.unitPriceMinor`);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      fail('money.invalidQuantity', 'a quantity is a whole number of at least 1', {
        field: `${field}.quantity`,
        value: String(line.quantity),
      });
    }
    const category = compiled.categories.get(line.taxCategory);
    if (category === undefined) {
      fail('money.unknownTaxCategory', `rule set ${compiled.rules.id} has no category ${line.taxCategory}`, {
        field: `${field}.taxCategory`,
        taxCategory: String(line.taxCategory),
        ruleSetId: compiled.rules.id,
      });
    }
    const extended = unitPrice * BigInt(line.quantity);
    toMinor(extended, `${field}.extended`);
    const lineDiscount =
      line.discountMinor === undefined
        ? 0n
        : readNonNegativeMinor(line.discountMinor, `${field}.discountMinor`);
    if (lineDiscount > extended) {
      fail('money.invalidDiscount', 'a line discount cannot exceed the line', {
        field: `${field}.discountMinor`,
        discountMinor: Number(lineDiscount),
        extendedMinor: Number(extended),
      });
    }
    return { id: line.id, category, quantity: line.quantity, unitPrice, extended, lineDiscount };
  });
}

/** Tax on each line's own amount, rounded per line. */
function taxPerLine(lines: readonly CheckedLine[], amounts: readonly bigint[], compiled: CompiledRuleSet) {
  const { pricing, rounding } = compiled.rules;
  return lines.map((line, index): ChainResult => {
    const amount = amounts[index] ?? 0n;
    return pricing === 'exclusive'
      ? addTaxes(line.category, amount, rounding.mode)
      : extractTaxes(line.category, amount, rounding.mode);
  });
}

/**
 * Tax rounded once per tax chain (categories with identical components pooled), then handed back to the
 * lines by largest remainder so that the lines still add up to the rounded invoice figures.
 */
function taxPerInvoice(lines: readonly CheckedLine[], amounts: readonly bigint[], compiled: CompiledRuleSet) {
  const { pricing, rounding } = compiled.rules;
  const results: ChainResult[] = lines.map((line, index) => ({
    net: amounts[index] ?? 0n,
    taxes: line.category.components.map(() => 0n),
  }));
  const chains = new Map<string, number[]>();
  lines.forEach((line, index) => {
    const members = chains.get(line.category.signature) ?? [];
    members.push(index);
    chains.set(line.category.signature, members);
  });
  for (const members of chains.values()) {
    const category = lines[members[0]!]!.category;
    if (category.components.length === 0) continue;
    const weights = members.map((index) => amounts[index] ?? 0n);
    const pooled = sumBig(weights);
    const chain =
      pricing === 'exclusive'
        ? addTaxes(category, pooled, rounding.mode)
        : extractTaxes(category, pooled, rounding.mode);
    const shares: bigint[][] = category.components.map(() => []);
    if (pricing === 'exclusive') {
      // Every component's exact tax is proportional to the net, so the nets are the weights throughout.
      chain.taxes.forEach((tax, component) => (shares[component] = allocateBig(tax, weights)));
    } else {
      // Each line's total tax first (never more than its gross), then the components within those totals.
      const lineTotals = allocateBig(sumBig(chain.taxes), weights);
      const room = [...lineTotals];
      chain.taxes.forEach((tax, component) => {
        const last = component === chain.taxes.length - 1;
        const share = last ? [...room] : allocateBig(tax, weights, room);
        share.forEach((value, position) => (room[position] = room[position]! - value));
        shares[component] = share;
      });
    }
    members.forEach((index, position) => {
      const taxes = shares.map((share) => share[position] ?? 0n);
      const amount = amounts[index] ?? 0n;
      results[index] = { net: pricing === 'exclusive' ? amount : amount - sumBig(taxes), taxes };
    });
  }
  return results;
}

function compareRates(a: string, b: string): number {
  const left = parseDecimalRatio(a);
  const right = parseDecimalRatio(b);
  if (left === null || right === null) return 0;
  const difference = left.num * right.den - right.num * left.den;
  return difference === 0n ? 0 : difference > 0n ? -1 : 1;
}

function breakdownOf(lines: readonly PricedLine[], compiled: CompiledRuleSet): TaxBreakdownRow[] {
  const codeOrder: string[] = [];
  for (const category of compiled.categories.values()) {
    for (const component of category.components) {
      if (!codeOrder.includes(component.code)) codeOrder.push(component.code);
    }
  }
  const rows = new Map<string, TaxBreakdownRow>();
  const row = (key: string, fresh: () => TaxBreakdownRow): TaxBreakdownRow => {
    const existing = rows.get(key);
    if (existing !== undefined) return existing;
    const created = fresh();
    rows.set(key, created);
    return created;
  };
  for (const line of lines) {
    if (line.taxes.length === 0) {
      const exempt = row('exempt', () => ({
        key: 'exempt',
        kind: 'exempt',
        code: null,
        name: 'Exempt',
        ratePercent: null,
        compound: false,
        netMinor: 0,
        baseMinor: 0,
        taxMinor: 0,
      }));
      exempt.netMinor += line.netMinor;
      exempt.baseMinor += line.netMinor;
      continue;
    }
    for (const tax of line.taxes) {
      const key = `${tax.code}@${tax.ratePercent}${tax.compound ? '+' : ''}`;
      const target = row(key, () => ({
        key,
        kind: 'tax',
        code: tax.code,
        name: tax.name,
        ratePercent: tax.ratePercent,
        compound: tax.compound,
        netMinor: 0,
        baseMinor: 0,
        taxMinor: 0,
      }));
      target.netMinor += line.netMinor;
      target.baseMinor += tax.baseMinor;
      target.taxMinor += tax.taxMinor;
    }
  }
  const rank = (entry: TaxBreakdownRow): number =>
    entry.kind === 'exempt' ? Number.MAX_SAFE_INTEGER : codeOrder.indexOf(entry.code ?? '');
  return [...rows.values()].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      compareRates(a.ratePercent ?? '0', b.ratePercent ?? '0') ||
      Number(a.compound) - Number(b.compound),
  );
}

/**
 * Prices a basket under a tax rule set. Discounts are in the rule set's price terms (gross when prices
 * include tax, net when tax is added). The basket discount is shared across the lines in proportion to
 * what each line costs after its own discount, by largest remainder, before tax is worked out.
 */
export function priceBasket(input: BasketInput): MoneyResult<PricedBasket> {
  return attempt(() => {
    const currency = currencyInfo(input.currency);
    const compiled = compileTaxRuleSetCached(input.rules);
    const { rules } = compiled;
    if (rules.currency !== currency.code) {
      fail(
        'money.currencyMismatch',
        `rule set ${rules.id} prices in ${rules.currency}, not ${currency.code}`,
        {
          ruleSetCurrency: rules.currency,
          currency: currency.code,
        },
      );
    }
    const checked = checkLines(input, compiled);
    const afterLine = checked.map((line) => line.extended - line.lineDiscount);
    const basketDiscount =
      input.basketDiscountMinor === undefined
        ? 0n
        : readNonNegativeMinor(input.basketDiscountMinor, 'basketDiscountMinor');
    const available = sumBig(afterLine);
    if (basketDiscount > available) {
      fail('money.invalidDiscount', 'the basket discount cannot exceed the basket', {
        field: 'basketDiscountMinor',
        discountMinor: Number(basketDiscount),
        availableMinor: toMinor(available, 'basket'),
      });
    }
    const shares = allocateBig(basketDiscount, afterLine);
    const amounts = afterLine.map((amount, index) => amount - (shares[index] ?? 0n));
    const chains =
      rules.rounding.level === 'line'
        ? taxPerLine(checked, amounts, compiled)
        : taxPerInvoice(checked, amounts, compiled);

    const taxed: TaxedLine[] = checked.map((line, index) => ({
      ...line,
      basketDiscount: shares[index] ?? 0n,
      amount: amounts[index] ?? 0n,
      net: chains[index]?.net ?? 0n,
      taxes: chains[index]?.taxes ?? [],
    }));
    const lines = taxed.map((line, index) => priced(line, index));
    const total = (pick: (line: TaxedLine) => bigint, field: string): number =>
      toMinor(sumBig(taxed.map(pick)), `totals.${field}`);
    return {
      currency: currency.code,
      exponent: currency.exponent,
      ruleSetId: rules.id,
      pricing: rules.pricing,
      rounding: { mode: rules.rounding.mode, level: rules.rounding.level },
      lines,
      totals: {
        extendedMinor: total((line) => line.extended, 'extendedMinor'),
        lineDiscountMinor: total((line) => line.lineDiscount, 'lineDiscountMinor'),
        basketDiscountMinor: total((line) => line.basketDiscount, 'basketDiscountMinor'),
        netMinor: total((line) => line.net, 'netMinor'),
        taxMinor: total((line) => sumBig(line.taxes), 'taxMinor'),
        grossMinor: total((line) => line.net + sumBig(line.taxes), 'grossMinor'),
      },
      breakdown: breakdownOf(lines, compiled),
    };
  });
}

function priced(line: TaxedLine, index: number): PricedLine {
  const field = `lines[${index}]`;
  const bases = componentBases(line.category, line.net, line.taxes);
  const taxes: LineTax[] = line.category.components.map((component, position) => ({
    code: component.code,
    name: component.name,
    ratePercent: component.ratePercent,
    compound: component.compound,
    baseMinor: toMinor(bases[position] ?? 0n, `${field}.taxes[${position}].baseMinor`),
    taxMinor: toMinor(line.taxes[position] ?? 0n, `${field}.taxes[${position}].taxMinor`),
  }));
  const tax = sumBig(line.taxes);
  return {
    id: line.id,
    taxCategory: line.category.key,
    treatment: line.category.treatment,
    quantity: line.quantity,
    unitPriceMinor: toMinor(line.unitPrice, `${field}.unitPriceMinor`),
    extendedMinor: toMinor(line.extended, `${field}.extendedMinor`),
    lineDiscountMinor: toMinor(line.lineDiscount, `${field}.lineDiscountMinor`),
    basketDiscountMinor: toMinor(line.basketDiscount, `${field}.basketDiscountMinor`),
    amountMinor: toMinor(line.amount, `${field}.amountMinor`),
    netMinor: toMinor(line.net, `${field}.netMinor`),
    taxes,
    taxMinor: toMinor(tax, `${field}.taxMinor`),
    grossMinor: toMinor(line.net + tax, `${field}.grossMinor`),
  };
}
