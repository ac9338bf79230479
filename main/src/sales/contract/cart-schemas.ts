// Shapes of the counter's cart, its priced form and its tenders. Pure: schemas and types only.
// Money typed by a person arrives as a decimal string ("12.50") and is parsed by the core, so that a wrong
// number of decimals is refused with `money.tooManyDecimals` instead of being guessed; money leaving the
// core is integer minor units with the currency's exponent beside it.
import { z } from 'zod';
import { legalCategories, taxCategoryCodes } from '../../catalog/contract.js';
import { lineTaxSchema, taxBreakdownRowSchema, taxTreatmentSchema } from '../../money/contract.js';

/** A decimal amount in major units as typed: "12.50". Parsed in the core against the currency. */
export const decimalTextSchema = z.string().trim().min(1).max(30);

/** A percentage as typed: "10" or "12.5". */
export const percentTextSchema = z.string().trim().min(1).max(12);

/** A discount is an amount of money or a percentage of what it applies to, never both. */
export const cartDiscountSchema = z.union([
  z.strictObject({ amount: decimalTextSchema }),
  z.strictObject({ percent: percentTextSchema }),
]);
export type CartDiscount = z.infer<typeof cartDiscountSchema>;

export const saleUnits = ['pack', 'unit'] as const;

export const cartLineSchema = z.object({
  productId: z.string().uuid(),
  lotId: z.string().uuid(),
  /** Whole packs, or loose units (tablets, mL) when `unit` is 'unit'. Checked in the core. */
  quantity: z.number(),
  unit: z.enum(saleUnits).default('pack'),
  discount: cartDiscountSchema.optional(),
  /** The dispensed prescription item this line sells (from rx.listReady): a prescription-only line needs one. */
  dispense: z.object({ dispenseId: z.string().min(1).max(64), lineNo: z.number().int().min(1) }).optional(),
});
export type CartLine = z.infer<typeof cartLineSchema>;

export const cartSchema = z.object({
  lines: z.array(cartLineSchema).max(200),
  basketDiscount: cartDiscountSchema.optional(),
  /** From `sales.authorizeDiscount`, when the cart's discount is beyond the cashier's own limit. */
  discountApprovalId: z.string().uuid().optional(),
});
export type Cart = z.infer<typeof cartSchema>;

export const saleTenderKinds = ['cash', 'foreignCash', 'card', 'storeCredit'] as const;
export type SaleTenderKind = (typeof saleTenderKinds)[number];

export const cartTenderSchema = z.object({
  kind: z.enum(saleTenderKinds),
  /** In the tender's own currency: the base currency, or the foreign notes' currency for foreignCash. */
  amount: decimalTextSchema,
  /** Required for foreignCash; the base currency otherwise. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  /** The card terminal's approval code, or the store credit's code. */
  reference: z.string().trim().min(1).max(80).optional(),
});
export type CartTender = z.infer<typeof cartTenderSchema>;

export const cartProductSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  strength: z.string().nullable(),
  form: z.string(),
  packSize: z.number().int(),
  unit: z.string(),
  legalCategory: z.enum(legalCategories),
  taxCategory: z.enum(taxCategoryCodes),
  priceMinor: z.number().int(),
  currency: z.string(),
});

export const saleLotSchema = z.object({
  lotId: z.string(),
  batch: z.string(),
  expiry: z.string(),
  location: z.string(),
  onHand: z.number().int(),
});

export const scanProposalSchema = z.object({
  product: cartProductSchema,
  lot: saleLotSchema,
  /** scanned: the batch (and expiry) printed on the pack; fefo: first expiry first out. */
  lotSource: z.enum(['scanned', 'fefo']),
  /** Ready to add to the cart as it stands. */
  line: z.object({ productId: z.string(), lotId: z.string(), quantity: z.number().int(), unit: z.enum(saleUnits) }),
  /** Price of one pack, in the rule set's terms (gross when prices include tax). */
  unitPriceMinor: z.number().int(),
  packSize: z.number().int(),
  /** What the scan said; null when the product was chosen by id (search pick, quick key). */
  scan: z
    .object({
      gtin: z.string(),
      batch: z.string().nullable(),
      expiry: z.string().nullable(),
      serial: z.string().nullable(),
    })
    .nullable(),
  /** noStockOnRecord: the ledger shows none of this lot; sold only because the store allows it. */
  warnings: z.array(z.enum(['noStockOnRecord'])),
});
export type ScanProposal = z.infer<typeof scanProposalSchema>;

export const pricedCartLineSchema = z.object({
  lineNo: z.number().int(),
  productId: z.string(),
  lotId: z.string(),
  sku: z.string(),
  name: z.string(),
  strength: z.string().nullable(),
  batch: z.string(),
  expiry: z.string(),
  location: z.string(),
  quantity: z.number().int(),
  unit: z.enum(saleUnits),
  packSize: z.number().int(),
  /** What leaves stock, in the smallest unit. */
  stockUnits: z.number().int(),
  /** The shelf price of one pack; loose units cost their share of it, rounded half-up, in `extendedMinor`. */
  unitPriceMinor: z.number().int(),
  extendedMinor: z.number().int(),
  lineDiscountMinor: z.number().int(),
  basketDiscountMinor: z.number().int(),
  amountMinor: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  grossMinor: z.number().int(),
  taxCategory: z.string(),
  treatment: taxTreatmentSchema,
  taxes: z.array(lineTaxSchema),
});
export type PricedCartLine = z.infer<typeof pricedCartLineSchema>;

export const cartTotalsSchema = z.object({
  extendedMinor: z.number().int(),
  lineDiscountMinor: z.number().int(),
  basketDiscountMinor: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  grossMinor: z.number().int(),
});

export const discountCheckSchema = z.object({
  totalMinor: z.number().int(),
  /** The largest discount on any one line (its own plus its share of the basket's), as a percentage. */
  maxLinePercent: z.string(),
  /** The most the logged-in user may give on their own authority. */
  limitPercent: z.string(),
  needsApproval: z.boolean(),
  approvalId: z.string().nullable(),
});

export const paymentTenderSchema = z.object({
  kind: z.enum(saleTenderKinds),
  currency: z.string(),
  amountMinor: z.number().int(),
  /** The exchange rate used (base units per foreign unit), null in the base currency. */
  rate: z.string().nullable(),
  baseAmountMinor: z.number().int(),
  reference: z.string().nullable(),
});
export type PaymentTender = z.infer<typeof paymentTenderSchema>;

export const paymentStateSchema = z.object({
  status: z.enum(['settled', 'short']),
  dueMinor: z.number().int(),
  cashRoundingMinor: z.number().int(),
  amountToPayMinor: z.number().int(),
  tenderedMinor: z.number().int(),
  changeMinor: z.number().int(),
  changeRoundingMinor: z.number().int(),
  remainingMinor: z.number().int(),
  remainingCashMinor: z.number().int(),
  tenders: z.array(paymentTenderSchema),
});
export type PaymentState = z.infer<typeof paymentStateSchema>;

export const pricedCartSchema = z.object({
  currency: z.string(),
  exponent: z.number().int(),
  taxRuleSetId: z.string(),
  pricing: z.enum(['inclusive', 'exclusive']),
  lines: z.array(pricedCartLineSchema),
  totals: cartTotalsSchema,
  breakdown: z.array(taxBreakdownRowSchema),
  discount: discountCheckSchema,
  /** Where the payment stands when tenders were given: short (with what is owed) or settled (with change). */
  payment: paymentStateSchema.nullable(),
});
export type PricedCart = z.infer<typeof pricedCartSchema>;
