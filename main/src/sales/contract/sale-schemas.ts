// Shapes of a completed sale (everything a receipt needs), its returns and voids, and the sales settings
// a manager keeps: tax rules, exchange rates, discount limits and OTC quantity limits. Pure.
import { z } from 'zod';
import { roles } from '../../api/contract.js';
import { taxBreakdownRowSchema, taxRuleSetSchema } from '../../money/contract.js';
import { cartTotalsSchema, paymentTenderSchema, pricedCartLineSchema } from '../contract/cart-schemas.js';

export const saleLineSchema = pricedCartLineSchema.extend({
  /** The sale pushed this lot's on-hand below zero (allowed only by the store's setting). */
  negativeStock: z.boolean(),
  /** Already taken back by returns, in the line's own unit. */
  returnedQuantity: z.number().int(),
});
export type SaleLine = z.infer<typeof saleLineSchema>;

export const saleReturnSummarySchema = z.object({
  id: z.string(),
  receiptNo: z.number().int(),
  receiptCode: z.string(),
  at: z.number(),
  refundMinor: z.number().int(),
});

export const saleVoidSummarySchema = z.object({
  id: z.string(),
  receiptNo: z.number().int(),
  receiptCode: z.string(),
  at: z.number(),
  actorName: z.string(),
  approvedById: z.string().nullable(),
  reason: z.string(),
});

export const saleSchema = z.object({
  id: z.string(),
  receiptNo: z.number().int(),
  /** What the receipt's barcode carries; `sales.findByReceipt` takes it back to this sale. */
  receiptCode: z.string(),
  at: z.number(),
  deviceId: z.string(),
  terminalName: z.string(),
  shiftId: z.string(),
  pharmacy: z.object({ name: z.string(), address: z.string(), taxId: z.string() }),
  cashier: z.object({ id: z.string(), displayName: z.string() }),
  currency: z.string(),
  exponent: z.number().int(),
  taxRuleSetId: z.string(),
  pricing: z.enum(['inclusive', 'exclusive']),
  lines: z.array(saleLineSchema),
  totals: cartTotalsSchema.extend({
    cashRoundingMinor: z.number().int(),
    amountToPayMinor: z.number().int(),
    tenderedMinor: z.number().int(),
    changeMinor: z.number().int(),
    changeRoundingMinor: z.number().int(),
  }),
  breakdown: z.array(taxBreakdownRowSchema),
  payments: z.array(paymentTenderSchema),
  discountApproval: z.object({ id: z.string(), approvedById: z.string(), percent: z.string() }).nullable(),
  negativeStock: z.boolean(),
  returns: z.array(saleReturnSummarySchema),
  voided: saleVoidSummarySchema.nullable(),
});
export type Sale = z.infer<typeof saleSchema>;

export const saleSummarySchema = z.object({
  id: z.string(),
  receiptNo: z.number().int(),
  receiptCode: z.string(),
  at: z.number(),
  cashierName: z.string(),
  currency: z.string(),
  grossMinor: z.number().int(),
  lineCount: z.number().int(),
  status: z.enum(['completed', 'partlyReturned', 'returned', 'voided']),
});

export const returnLineInputSchema = z.object({
  lineNo: z.number().int().min(1),
  /** In the unit the line was sold in (packs or loose units). Checked in the core. */
  quantity: z.number(),
});

export const refundSchema = z.object({
  kind: z.enum(['cash', 'card', 'storeCredit']),
  currency: z.string(),
  amountMinor: z.number().int(),
  reference: z.string().nullable(),
});

export const saleReturnSchema = z.object({
  id: z.string(),
  saleId: z.string(),
  receiptNo: z.number().int(),
  receiptCode: z.string(),
  at: z.number(),
  actorName: z.string(),
  approvedById: z.string().nullable(),
  reason: z.string(),
  currency: z.string(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      name: z.string(),
      quantity: z.number().int(),
      unit: z.string(),
      stockUnits: z.number().int(),
      grossMinor: z.number().int(),
      netMinor: z.number().int(),
      taxMinor: z.number().int(),
      /** Returned medicines wait in quarantine until a pharmacist releases them. */
      quarantineLotId: z.string(),
    }),
  ),
  grossMinor: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  cashRoundingMinor: z.number().int(),
  refundMinor: z.number().int(),
  refunds: z.array(refundSchema),
  /** Set when the refund was issued as a new store credit. */
  storeCreditCode: z.string().nullable(),
  replayed: z.boolean(),
});
export type SaleReturn = z.infer<typeof saleReturnSchema>;

export const taxRulesStateSchema = z.object({
  rules: taxRuleSetSchema,
  /** default: chosen from the examples by base currency (stored at the first sale); manager: set by hand. */
  source: z.enum(['default', 'manager']),
  stored: z.boolean(),
  setAt: z.number().nullable(),
  setById: z.string().nullable(),
});

export const exchangeRateSchema = z.object({
  currency: z.string(),
  /** Base-currency units one unit of `currency` buys, as an exact decimal. */
  rate: z.string(),
  setAt: z.number(),
  setById: z.string().nullable(),
});

export const discountLimitsSchema = z.object(
  Object.fromEntries(roles.map((r) => [r, z.string()])) as Record<(typeof roles)[number], z.ZodString>,
);

export const salesPolicySchema = z.object({
  /** Sell a lot the ledger says is empty, and flag the sale, instead of refusing it. */
  allowNegativeStock: z.boolean(),
  /** Per role, the largest discount (percent of any line) a user may give without approval. */
  discountLimitPercent: discountLimitsSchema,
  /** How long a discount approval stays valid for its cart. */
  discountApprovalMinutes: z.number().int().min(1).max(240),
});
export type SalesPolicy = z.infer<typeof salesPolicySchema>;

export const quantityLimitSchema = z.object({
  ingredient: z.string(),
  group: z.string(),
  maxPacks: z.number().int(),
  note: z.string().nullable(),
});

export const storeCreditSchema = z.object({
  code: z.string(),
  currency: z.string(),
  balanceMinor: z.number().int(),
  issuedAt: z.number(),
});
