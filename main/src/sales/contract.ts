// The counter's sale as typed operations: scan to cart, price, complete, look up, return and void, plus
// the data that drives them (tax rules, exchange rates, discount and quantity limits). Pure.
import { z } from 'zod';
import { taxRuleSetSchema } from '../money/contract.js';
import { cartSchema, cartTenderSchema, pricedCartSchema, scanProposalSchema } from './contract/cart-schemas.js';
import {
  exchangeRateSchema,
  quantityLimitSchema,
  returnLineInputSchema,
  saleReturnSchema,
  saleSchema,
  saleSummarySchema,
  salesPolicySchema,
  storeCreditSchema,
  taxRulesStateSchema,
  discountLimitsSchema,
} from './contract/sale-schemas.js';

export * from './contract/cart-schemas.js';
export * from './contract/sale-schemas.js';

/** A key the client makes once per Pay press: the same key twice returns the first result. */
const idempotencyKeySchema = z.string().trim().min(8).max(80);

export const salesOperations = {
  'sales.lookupScan': {
    input: z
      .object({
        scan: z.string().max(4096).optional(),
        /** A product chosen without a barcode (search pick, quick key): its lot is picked first expiry first out. */
        productId: z.string().min(1).max(80).optional(),
        /** The character a keyboard-wedge scanner sends for GS (FNC1), when it cannot send character 29. */
        gsSubstitute: z.string().length(1).optional(),
      })
      .refine((v) => (v.scan === undefined) !== (v.productId === undefined), {
        message: 'give either a scan or a product id, not both',
        path: ['scan'],
      }),
    output: scanProposalSchema,
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'Turn a scanned barcode, or a product chosen by id, into a cart line: the product, its lot (scanned batch or first expiry first out) and price.',
  },
  'sales.priceCart': {
    input: cartSchema.extend({ tenders: z.array(cartTenderSchema).max(20).optional() }),
    output: pricedCartSchema,
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'Price a cart with its tax breakdown, check its discounts and limits, and say where its tenders stand.',
  },
  'sales.authorizeDiscount': {
    input: cartSchema.omit({ discountApprovalId: true }).extend({ reason: z.string().trim().min(3).max(500) }),
    output: z.object({ approvalId: z.string(), percent: z.string(), discountMinor: z.number().int(), expiresAt: z.number() }),
    permission: 'sales.discount',
    writes: true,
    topics: ['sales'],
    overridable: true,
    summary: "Approve this cart's discount beyond the cashier's own limit.",
  },
  'sales.completeSale': {
    input: cartSchema.extend({ idempotencyKey: idempotencyKeySchema, tenders: z.array(cartTenderSchema).max(20) }),
    output: saleSchema.extend({ replayed: z.boolean() }),
    permission: 'sales.sell',
    writes: true,
    topics: ['sales', 'stock', 'shifts'],
    summary: 'Complete a sale: check and price the cart again, take the tenders, move the stock and number the receipt.',
  },
  'sales.getSale': {
    input: z.object({ id: z.string().uuid() }),
    output: saleSchema,
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'One sale with its lines, taxes, payments, returns and void.',
  },
  'sales.findByReceipt': {
    input: z.object({ receipt: z.string().trim().min(1).max(200) }),
    output: saleSchema,
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: "The sale behind a receipt's barcode (or its number on this terminal).",
  },
  'sales.listSales': {
    input: z.object({
      limit: z.number().int().min(1).max(100).default(25),
      /** The `nextCursor` of the previous page. */
      cursor: z.number().int().positive().optional(),
      shiftId: z.string().uuid().optional(),
    }),
    output: z.object({ sales: z.array(saleSummarySchema), nextCursor: z.number().int().nullable() }),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'Recent sales on this terminal, newest first.',
  },
  'sales.returnItems': {
    input: z
      .object({
        saleId: z.string().uuid().optional(),
        receipt: z.string().trim().min(1).max(200).optional(),
        lines: z.array(returnLineInputSchema).min(1).max(200),
        reason: z.string().trim().min(3).max(500),
        /** original: back to the tenders that paid; storeCredit: a new store credit for the whole refund. */
        refundAs: z.enum(['original', 'storeCredit']).default('original'),
        /** The card terminal's reference for the part refunded to a card. */
        cardReference: z.string().trim().min(1).max(80).optional(),
        idempotencyKey: idempotencyKeySchema,
      })
      .refine((v) => (v.saleId === undefined) !== (v.receipt === undefined), {
        message: 'give either saleId or receipt',
        path: ['saleId'],
      }),
    output: saleReturnSchema,
    permission: 'sales.refund',
    writes: true,
    topics: ['sales', 'stock', 'shifts'],
    overridable: true,
    summary: 'Take back some or all of a sale: refund the tenders and put the medicines in quarantine.',
  },
  'sales.voidSale': {
    input: z.object({ saleId: z.string().uuid(), reason: z.string().trim().min(3).max(500) }),
    output: saleSchema,
    permission: 'sales.void',
    writes: true,
    topics: ['sales', 'stock', 'shifts'],
    overridable: true,
    summary: 'Void a completed sale of the open shift: reverse its tenders and put its stock back.',
  },
  'sales.getTaxRules': {
    input: z.object({}),
    output: taxRulesStateSchema,
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'The tax rule set in force on this terminal.',
  },
  'sales.setTaxRules': {
    input: z.object({ rules: taxRuleSetSchema }),
    output: taxRulesStateSchema,
    permission: 'settings.taxRules',
    writes: true,
    topics: ['sales', 'settings'],
    summary: 'Replace the tax rule set in force (rates, rounding, categories).',
  },
  'sales.listExchangeRates': {
    input: z.object({}),
    output: z.object({ base: z.string(), rates: z.array(exchangeRateSchema) }),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'The exchange rates foreign cash is taken at.',
  },
  'sales.setExchangeRate': {
    input: z.object({
      currency: z.string().regex(/^[A-Z]{3}$/),
      /** Base units per one foreign unit ("0.8512"); null stops taking that currency. */
      rate: z.string().trim().max(40).nullable(),
    }),
    output: z.object({ base: z.string(), rates: z.array(exchangeRateSchema) }),
    permission: 'sales.exchangeRates',
    writes: true,
    topics: ['sales', 'settings'],
    overridable: true,
    summary: 'Set or remove the rate a foreign currency is taken at.',
  },
  'sales.getPolicy': {
    input: z.object({}),
    output: salesPolicySchema,
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: "This store's sales policy: negative stock, discount limits per role.",
  },
  'sales.updatePolicy': {
    input: z.object({
      allowNegativeStock: z.boolean().optional(),
      discountLimitPercent: discountLimitsSchema.partial().optional(),
      discountApprovalMinutes: z.number().int().min(1).max(240).optional(),
    }),
    output: salesPolicySchema,
    permission: 'settings.manage',
    writes: true,
    topics: ['sales', 'settings'],
    summary: "Change this store's sales policy.",
  },
  'sales.listQuantityLimits': {
    input: z.object({}),
    output: z.array(quantityLimitSchema),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'Over-the-counter quantity limits per sale, by ingredient.',
  },
  'sales.setQuantityLimit': {
    input: z.object({
      ingredient: z.string().trim().min(2).max(120),
      group: z.string().trim().min(2).max(120).optional(),
      /** null removes the limit. */
      maxPacks: z.number().int().min(1).max(1000).nullable(),
      note: z.string().trim().max(300).optional(),
    }),
    output: z.array(quantityLimitSchema),
    permission: 'settings.manage',
    writes: true,
    topics: ['sales', 'settings'],
    summary: 'Set or remove the most packs of an ingredient one sale may hold.',
  },
  'sales.getStoreCredit': {
    input: z.object({ code: z.string().trim().min(1).max(40) }),
    output: storeCreditSchema,
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: "A store credit's balance.",
  },
  'stock.releaseFromQuarantine': {
    input: z.object({
      lotId: z.string().uuid(),
      quantity: z.number().int().min(1).max(1_000_000),
      toLocation: z.enum(['shelf', 'dispensary', 'controlled-cabinet']),
      reason: z.string().trim().min(3).max(500),
    }),
    output: z.object({ fromLotId: z.string(), toLotId: z.string(), quantity: z.number().int(), remainingInQuarantine: z.number().int() }),
    permission: 'stock.releaseQuarantine',
    writes: true,
    topics: ['stock'],
    summary: 'A pharmacist releases checked, returned stock from quarantine back to a sellable location.',
  },
} as const;
