// Rule: the core prices every cart itself from the catalog and the rule set in force, and checks it again at
// payment (CONVENTIONS.md 4: the UI never computes a price): product, lot, quantity, stock, OTC quantity
// limits and discount limits are all checked here, for pricing and for completing alike.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../api/core-error.js';
import type { Actor } from '../api/command-context.js';
import { catalogStore, type ProductRow } from '../catalog/catalog-store.js';
import type { Cart, CartDiscount, PricedCartLine } from '../contract.js';
import { canonicalJson, sha256Hex } from '../kernel/canonical-json.js';
import { getCurrency, parseMinor, priceBasket, roundDivide, type CurrencyInfo, type PricedBasket } from '../money/index.js';
import { checkTillLine, type DispenseRef } from '../rx/rx-till.js';
import { checkSellableProduct } from './lookup-scan.js';
import { lotsStore, type SaleLotRow } from './lots-store.js';
import { greater, isoDay, parsePercent, passThrough, percentText, unwrap, type Fraction } from './sales-rules.js';
import { activeTaxRules, baseCurrency, listQuantityLimits, readPolicy, type ActiveTaxRules } from './sales-settings-store.js';
import { discountApprovals } from './sales-store.js';

const MAX_QUANTITY = 100_000;

export type ResolvedLine = {
  lineNo: number;
  product: ProductRow;
  lot: SaleLotRow;
  quantity: number;
  unit: 'pack' | 'unit';
  stockUnits: number;
  extendedMinor: number;
  lineDiscountMinor: number;
  /** The line pushes its lot below zero (only when the store allows it). */
  negativeStock: boolean;
  /** The dispensed prescription item the line sells: its stock already left with the dispense. */
  dispense: DispenseRef | null;
};

export type DiscountCheck = {
  totalMinor: number;
  maxLinePercent: string;
  limitPercent: string;
  needsApproval: boolean;
  approvalId: string | null;
};

export type PricedCartCore = {
  currency: CurrencyInfo;
  rules: ActiveTaxRules;
  lines: ResolvedLine[];
  basket: PricedBasket;
  pricedLines: PricedCartLine[];
  discount: DiscountCheck;
  cartDigest: string;
};

function discountAmount(discount: CartDiscount | undefined, ofMinor: number, currency: string, field: string): number {
  if (discount === undefined) return 0;
  if ('amount' in discount) {
    const amount = unwrap(parseMinor(discount.amount, currency));
    if (amount < 0) throw passThrough({ code: 'money.negativeAmount', message: `${field} must not be negative`, details: { field } });
    return amount;
  }
  const percent = parsePercent(discount.percent);
  if (!percent) {
    throw new CoreError('sales.invalidDiscount', 'A discount percentage is a number from 0 to 100.', { field, percent: discount.percent });
  }
  return Number(roundDivide(BigInt(ofMinor) * percent.num, percent.den * 100n, 'half-up'));
}

/** The price of the line before discounts: whole packs at the shelf price, loose units pro rata, half-up. */
function extendedOf(product: ProductRow, quantity: number, unit: 'pack' | 'unit'): number {
  if (unit === 'pack') return product.price_minor * quantity;
  return Number(roundDivide(BigInt(product.price_minor) * BigInt(quantity), BigInt(product.pack_size), 'half-up'));
}

function resolveLine(db: Database, line: Cart['lines'][number], lineNo: number, currency: string, today: string): ResolvedLine {
  const { quantity, unit } = line;
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new CoreError('sales.invalidQuantity', `Line ${lineNo}: a quantity is a whole number from 1 to ${MAX_QUANTITY}.`, {
      lineNo,
      quantity,
    });
  }
  const product = catalogStore(db).byId(line.productId);
  if (!product) throw new CoreError('catalog.productNotFound', `Line ${lineNo}: there is no such product.`, { lineNo, productId: line.productId });
  const dispense = line.dispense ?? null;
  if (dispense !== null) checkTillLine(db, dispense, line, lineNo);
  checkSellableProduct(product, lineNo, dispense !== null);
  if (product.currency !== currency) {
    throw passThrough({ code: 'money.currencyMismatch', message: `${product.name} is priced in ${product.currency}, not ${currency}.`, details: { lineNo } });
  }
  const lot = lotsStore.byId(db, line.lotId);
  if (!lot || lot.product_id !== product.id) {
    throw new CoreError('sales.unknownLot', `Line ${lineNo}: that batch is not a batch of ${product.name}.`, { lineNo, lotId: line.lotId });
  }
  if (lot.sellable !== 1) {
    throw new CoreError('stock.batchQuarantined', `Batch ${lot.batch} is in ${lot.location} and may not be sold.`, {
      lineNo,
      lotId: lot.lot_id,
      batch: lot.batch,
      location: lot.location,
    });
  }
  if (lot.expiry < today) {
    throw new CoreError('stock.batchExpired', `Batch ${lot.batch} expired on ${lot.expiry}.`, { lineNo, lotId: lot.lot_id, expiry: lot.expiry });
  }
  const extendedMinor = extendedOf(product, quantity, unit);
  const lineDiscountMinor = discountAmount(line.discount, extendedMinor, currency, `lines[${lineNo - 1}].discount`);
  return {
    lineNo,
    product,
    lot,
    quantity,
    unit,
    stockUnits: unit === 'pack' ? quantity * product.pack_size : quantity,
    extendedMinor,
    lineDiscountMinor,
    negativeStock: false,
    dispense,
  };
}

/** One cart sells a dispensed item once. */
function checkDispensedOnce(lines: ResolvedLine[]): void {
  const seen = new Set<string>();
  for (const line of lines) {
    if (line.dispense === null) continue;
    const key = `${line.dispense.dispenseId}#${line.dispense.lineNo}`;
    if (seen.has(key)) {
      throw new CoreError('rx.alreadySold', `Line ${line.lineNo}: this dispensed prescription item is already in the cart.`, { lineNo: line.lineNo, dispenseId: line.dispense.dispenseId, itemLineNo: line.dispense.lineNo });
    }
    seen.add(key);
  }
}

/** Takes each lot down by what the cart holds; refuses going below zero unless the store allows it. */
function checkStock(lines: ResolvedLine[], allowNegative: boolean): void {
  const taken = new Map<string, number>();
  for (const line of lines) {
    if (line.dispense !== null) continue;
    const after = line.lot.on_hand - (taken.get(line.lot.lot_id) ?? 0) - line.stockUnits;
    taken.set(line.lot.lot_id, (taken.get(line.lot.lot_id) ?? 0) + line.stockUnits);
    if (after >= 0) continue;
    if (!allowNegative) {
      throw new CoreError('stock.wouldGoNegative', `Batch ${line.lot.batch} of ${line.product.name} has only ${line.lot.on_hand} in stock.`, {
        lineNo: line.lineNo,
        lotId: line.lot.lot_id,
        onHand: line.lot.on_hand,
        requested: taken.get(line.lot.lot_id),
      });
    }
    line.negativeStock = true;
  }
}

/** OTC limits per sale, by ingredient group, counted in packs (loose units as their share of a pack). */
function checkQuantityLimits(db: Database, lines: ResolvedLine[]): void {
  const limits = listQuantityLimits(db);
  if (limits.length === 0 || lines.length === 0) return;
  const byIngredient = new Map(limits.map((l) => [l.ingredient, l]));
  const groups = new Map<string, { max: number; ingredient: string; num: bigint; den: bigint }>();
  const store = catalogStore(db);
  for (const line of lines) {
    // A prescription is not an over-the-counter sale: the prescriber decided the quantity.
    if (line.dispense !== null) continue;
    const seen = new Set<string>();
    for (const ingredient of store.ingredientsOf(line.product.id)) {
      const name = ingredient.name.trim().toLowerCase();
      // "Pseudoephedrine hydrochloride" is pseudoephedrine: a salt or ester after the base name still counts.
      const limit = byIngredient.get(name) ?? byIngredient.get(name.split(' ')[0] ?? '');
      if (!limit || seen.has(limit.limit_group)) continue;
      seen.add(limit.limit_group);
      const g = groups.get(limit.limit_group) ?? { max: limit.max_packs, ingredient: limit.ingredient, num: 0n, den: 1n };
      const packs = line.unit === 'pack' ? { num: BigInt(line.quantity), den: 1n } : { num: BigInt(line.quantity), den: BigInt(line.product.pack_size) };
      g.num = g.num * packs.den + packs.num * g.den;
      g.den *= packs.den;
      g.max = Math.min(g.max, limit.max_packs);
      groups.set(limit.limit_group, g);
      if (g.num > BigInt(g.max) * g.den) {
        throw new CoreError('sales.quantityLimit', `One sale may hold at most ${g.max} pack(s) of ${limit.limit_group}.`, {
          lineNo: line.lineNo,
          group: limit.limit_group,
          ingredient: limit.ingredient,
          maxPacks: g.max,
          requestedPacks: Math.round((Number(g.num) / Number(g.den)) * 100) / 100,
        });
      }
    }
  }
}

export function cartDigest(cart: Pick<Cart, 'lines' | 'basketDiscount'>): string {
  return sha256Hex(canonicalJson({ lines: cart.lines, basketDiscount: cart.basketDiscount ?? null }));
}

/**
 * Whether any line's discount (its own plus its share of the basket's) is beyond `limit` percent of the line.
 * The limit is applied as a discount of that percent would be, rounded half-up, so "5%" is always within 5%.
 */
export function beyondLimit(basket: PricedBasket, limit: Fraction): boolean {
  return basket.lines.some((line) => {
    const allowed = roundDivide(BigInt(line.extendedMinor) * limit.num, limit.den * 100n, 'half-up');
    return BigInt(line.lineDiscountMinor + line.basketDiscountMinor) > allowed;
  });
}

function checkDiscount(db: Database, basket: PricedBasket, limitText: string, cart: Cart, digest: string, deviceId: string, now: number): DiscountCheck {
  let maxLine: Fraction = { num: 0n, den: 1n };
  let totalMinor = 0;
  for (const line of basket.lines) {
    const given = line.lineDiscountMinor + line.basketDiscountMinor;
    totalMinor += given;
    if (line.extendedMinor > 0 && greater({ num: BigInt(given) * 100n, den: BigInt(line.extendedMinor) }, maxLine)) {
      maxLine = { num: BigInt(given) * 100n, den: BigInt(line.extendedMinor) };
    }
  }
  const limit = parsePercent(limitText) ?? { num: 0n, den: 1n };
  let approvalId: string | null = null;
  if (cart.discountApprovalId !== undefined) {
    const approval = discountApprovals(db).byId(cart.discountApprovalId);
    const reason =
      approval === null || approval.device_id !== deviceId
        ? 'unknown'
        : approval.used_by_sale_id !== null
          ? 'used'
          : approval.expires_at < now
            ? 'expired'
            : approval.cart_digest !== digest
              ? 'cartChanged'
              : null;
    if (reason !== null) {
      throw new CoreError('sales.approvalInvalid', 'That discount approval does not cover this cart; ask again.', { approvalId: cart.discountApprovalId, reason });
    }
    approvalId = cart.discountApprovalId;
  }
  return {
    totalMinor,
    maxLinePercent: percentText(maxLine),
    limitPercent: limitText,
    needsApproval: approvalId === null && beyondLimit(basket, limit),
    approvalId,
  };
}

export type PriceOptions = { actor: Actor; deviceId: string; now: number; requireLines?: boolean };

/** Resolves, checks and prices a cart under the rule set in force. Throws a CoreError for anything amiss. */
export function priceCartCore(db: Database, cart: Cart, o: PriceOptions): PricedCartCore {
  if (o.requireLines && cart.lines.length === 0) throw new CoreError('sales.emptyCart', 'The cart is empty.');
  const code = baseCurrency(db);
  const currency = unwrap(getCurrency(code));
  const rules = activeTaxRules(db, code);
  const today = isoDay(o.now);
  const policy = readPolicy(db);
  const lines = cart.lines.map((line, i) => resolveLine(db, line, i + 1, code, today));
  checkDispensedOnce(lines);
  checkStock(lines, policy.allowNegativeStock);
  checkQuantityLimits(db, lines);
  const afterLineDiscounts = lines.reduce((sum, l) => sum + Math.max(0, l.extendedMinor - l.lineDiscountMinor), 0);
  const basketDiscountMinor = discountAmount(cart.basketDiscount, afterLineDiscounts, code, 'basketDiscount');
  const basket = unwrap(
    priceBasket({
      currency: code,
      rules: rules.rules,
      lines: lines.map((l) => ({
        id: String(l.lineNo),
        unitPriceMinor: l.unit === 'pack' ? l.product.price_minor : l.extendedMinor,
        quantity: l.unit === 'pack' ? l.quantity : 1,
        taxCategory: l.product.tax_category,
        ...(l.lineDiscountMinor > 0 ? { discountMinor: l.lineDiscountMinor } : {}),
      })),
      ...(basketDiscountMinor > 0 ? { basketDiscountMinor } : {}),
    }),
  );
  const pricedLines = basket.lines.map((p, i): PricedCartLine => {
    const l = lines[i]!;
    return {
      lineNo: l.lineNo,
      productId: l.product.id,
      lotId: l.lot.lot_id,
      sku: l.product.sku,
      name: l.product.name,
      strength: l.product.strength,
      batch: l.lot.batch,
      expiry: l.lot.expiry,
      location: l.lot.location,
      quantity: l.quantity,
      unit: l.unit,
      packSize: l.product.pack_size,
      stockUnits: l.stockUnits,
      unitPriceMinor: l.product.price_minor,
      extendedMinor: p.extendedMinor,
      lineDiscountMinor: p.lineDiscountMinor,
      basketDiscountMinor: p.basketDiscountMinor,
      amountMinor: p.amountMinor,
      netMinor: p.netMinor,
      taxMinor: p.taxMinor,
      grossMinor: p.grossMinor,
      taxCategory: p.taxCategory,
      treatment: p.treatment,
      taxes: p.taxes,
    };
  });
  const digest = cartDigest(cart);
  const discount = checkDiscount(db, basket, policy.discountLimitPercent[o.actor.role], cart, digest, o.deviceId, o.now);
  return { currency, rules, lines, basket, pricedLines, discount, cartDigest: digest };
}
