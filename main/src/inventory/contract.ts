// Inventory as typed operations: suppliers, receiving deliveries, expiry views, quarantine, disposals and
// recalls. Pure: zod schemas and types only, shared with the renderer and the sync server.
import { z } from 'zod';
import {
  deliveryLineInputSchema,
  deliverySchema,
  expiryReportSchema,
  movedSchema,
  recallClassSchema,
  recallSchema,
  recallTraceEntrySchema,
  sellableLocationSchema,
  stockDateSchema,
  stockReasonSchema,
  stocktakeScopeSchema,
  newSupplierSchema,
  supplierChangesSchema,
  supplierSchema,
} from './contract/schemas.js';
import { purchaseOrderOperations, transferOperations } from './contract/purchasing-operations.js';

export * from './contract/schemas.js';
export * from './contract/purchasing-schemas.js';

const lotQuantity = { lotId: z.string().uuid(), quantity: z.number().int().min(1).max(1_000_000) };

export const receivingOperations = {
  'inventory.createSupplier': {
    input: newSupplierSchema,
    output: supplierSchema,
    permission: 'suppliers.manage',
    writes: true,
    topics: ['inventory'],
    summary: 'Add a supplier with its lead time, minimum order, pack multiple and EDI ids.',
  },
  'inventory.updateSupplier': {
    input: supplierChangesSchema,
    output: supplierSchema,
    permission: 'suppliers.manage',
    writes: true,
    topics: ['inventory'],
    summary: "Change a supplier's terms or EDI ids, or retire it.",
  },
  'inventory.listSuppliers': {
    input: z.object({ includeInactive: z.boolean().default(false) }),
    output: z.array(supplierSchema),
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'Suppliers by name.',
  },
  'inventory.receiveDelivery': {
    input: z.object({
      supplierId: z.string().uuid(),
      purchaseOrderId: z.string().uuid().optional(),
      /** The supplier's delivery note or invoice number. */
      reference: z.string().trim().min(1).max(80).optional(),
      note: z.string().trim().max(1000).optional(),
      lines: z.array(deliveryLineInputSchema).min(1).max(500),
    }),
    output: deliverySchema,
    permission: 'stock.receive',
    writes: true,
    topics: ['stock', 'inventory'],
    summary: 'Receive a delivery line by line (scanned or typed): batch, expiry, packs and cost into the stock ledger.',
  },
} as const;

export const expiryOperations = {
  'inventory.expiryReport': {
    input: z.object({
      horizonDays: z.union([z.literal(30), z.literal(60), z.literal(90)]).default(90),
      includeQuarantine: z.boolean().default(true),
      limit: z.number().int().min(1).max(5000).default(1000),
    }),
    output: expiryReportSchema,
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'Lots in stock that have expired or expire within 30/60/90 days, soonest first, with value at cost.',
  },
} as const;

export const stockControlOperations = {
  'inventory.quarantineStock': {
    input: z.object({ ...lotQuantity, reason: stockReasonSchema }),
    output: movedSchema,
    permission: 'stock.quarantine',
    writes: true,
    topics: ['stock', 'inventory'],
    summary: 'Move stock of a lot into quarantine, where it cannot be sold.',
  },
  'inventory.releaseFromQuarantine': {
    input: z.object({ ...lotQuantity, toLocation: sellableLocationSchema, reason: stockReasonSchema }),
    output: movedSchema,
    permission: 'stock.releaseQuarantine',
    writes: true,
    topics: ['stock', 'inventory'],
    summary: 'Release checked stock from quarantine to a sellable location; never an expired or recalled batch.',
  },
  'inventory.disposeStock': {
    input: z.object({
      ...lotQuantity,
      kind: z.enum(['writeOff', 'destruction', 'supplierReturn']),
      reason: stockReasonSchema,
      supplierId: z.string().uuid().optional(),
      /** The supplier's return authorisation, or the destruction certificate number. */
      reference: z.string().trim().min(1).max(80).optional(),
      /** Who witnessed a destruction (required for controlled drugs). */
      witness: z.string().trim().min(2).max(120).optional(),
    }),
    output: z.object({ disposalId: z.string(), lotId: z.string(), kind: z.string(), quantity: z.number().int(), remaining: z.number().int() }),
    permission: 'stock.writeOff',
    writes: true,
    topics: ['stock', 'inventory'],
    summary: 'Write off, destroy or return stock to its supplier: a movement out of the lot and a disposal record.',
  },
  'inventory.enterRecall': {
    input: z
      .object({
        gtin: z.string().regex(/^\d{8,14}$/),
        batches: z.array(z.string().trim().min(1).max(20)).max(200).default([]),
        wholeProduct: z.boolean().default(false),
        class: recallClassSchema,
        reason: stockReasonSchema,
        reference: z.string().trim().min(1).max(80).optional(),
      })
      .refine((r) => r.wholeProduct !== r.batches.length > 0, {
        message: 'name the recalled batches, or recall the whole product (not both)',
        path: ['batches'],
      }),
    output: z.object({
      recall: recallSchema,
      quarantined: z.array(z.object({ fromLotId: z.string(), toLotId: z.string(), batch: z.string(), quantity: z.number().int() })),
    }),
    permission: 'stock.recall',
    writes: true,
    topics: ['stock', 'inventory'],
    summary: 'Enter a recall: every matching lot in stock moves to quarantine at once.',
  },
  'inventory.listRecalls': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(recallSchema),
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'Recalls entered, newest first.',
  },
  'inventory.recallTrace': {
    input: z.object({ recallId: z.string().uuid() }),
    output: z.object({ recall: recallSchema, entries: z.array(recallTraceEntrySchema) }),
    permission: 'stock.recall',
    writes: false,
    topics: [],
    summary: 'Every sale and dispense of the recalled stock, with date, receipt and customer where known.',
  },
  'inventory.exportRecallTraceCsv': {
    input: z.object({ recallId: z.string().uuid() }),
    output: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int() }),
    permission: 'stock.recall',
    writes: false,
    topics: [],
    summary: 'The recall trace as RFC 4180 CSV.',
  },
} as const;


const stocktakeLineSchema = z.object({
  lotId: z.string(),
  productId: z.string(),
  name: z.string(),
  batch: z.string(),
  expiry: z.string(),
  location: z.string(),
  counted: z.number().int().nullable(),
});
const stocktakeSheetSchema = z.object({
  id: z.string(),
  scope: stocktakeScopeSchema,
  status: z.enum(['counting', 'reviewed', 'approved']),
  startedAt: z.number(),
  /** What to count, without the expected quantity: counting is blind. */
  lines: z.array(stocktakeLineSchema),
});
const varianceLineSchema = stocktakeLineSchema.extend({
  expected: z.number().int(),
  variance: z.number().int(),
  valueMinor: z.number().int().nullable(),
  reason: z.string().nullable(),
});
const stocktakeIdSchema = z.object({ stocktakeId: z.string().uuid() });

export const stocktakeOperations = {
  'inventory.startStocktake': {
    input: z.object({
      scope: stocktakeScopeSchema,
      /** Partial and cycle counts: the products to count (a cycle count without them takes the least recently counted). */
      productIds: z.array(z.string().uuid()).max(5000).optional(),
      locations: z.array(z.enum(['shelf', 'dispensary', 'controlled-cabinet', 'quarantine'])).max(4).optional(),
      cycleSize: z.number().int().min(1).max(500).default(20),
      note: z.string().trim().max(500).optional(),
    }),
    output: stocktakeSheetSchema,
    permission: 'stock.count',
    writes: true,
    topics: ['inventory'],
    summary: 'Start a full, partial or cycle count: the lots in scope and their expected quantities are frozen now.',
  },
  'inventory.getCountSheet': {
    input: stocktakeIdSchema,
    output: stocktakeSheetSchema,
    permission: 'stock.count',
    writes: false,
    topics: [],
    summary: 'The lots of a stocktake and what has been counted so far, never what the ledger expects.',
  },
  'inventory.listStocktakes': {
    input: z.object({}),
    output: z.object({
      stocktakes: z.array(
        z.object({
          id: z.string(),
          scope: stocktakeScopeSchema,
          status: z.enum(['counting', 'reviewed']),
          startedAt: z.number(),
          startedBy: z.string().nullable(),
          note: z.string().nullable(),
          lines: z.number().int(),
          counted: z.number().int(),
        }),
      ),
    }),
    permission: 'stock.count',
    writes: false,
    topics: [],
    summary: 'The stocktakes not yet approved, newest first, so that a count is taken up again after a restart or on another terminal.',
  },
  'inventory.recordCount': {
    input: stocktakeIdSchema.extend({
      counts: z
        .array(
          z.object({
            productId: z.string().uuid(),
            batch: z.string().trim().min(1).max(20),
            location: z.enum(['shelf', 'dispensary', 'controlled-cabinet', 'quarantine']),
            /** Needed only for a batch found that the ledger does not know. */
            expiry: stockDateSchema.optional(),
            /** Units counted (tablets, patches…), not packs. */
            counted: z.number().int().min(0).max(10_000_000),
          }),
        )
        .min(1)
        .max(1000),
    }),
    output: z.object({ stocktakeId: z.string(), recorded: z.number().int(), uncounted: z.number().int() }),
    permission: 'stock.count',
    writes: true,
    topics: ['inventory'],
    summary: 'Record counted quantities, blind: the answer never says what was expected.',
  },
  'inventory.reviewStocktake': {
    input: stocktakeIdSchema.extend({ reasons: z.array(z.object({ lotId: z.string().uuid(), reason: stockReasonSchema })).max(5000).default([]) }),
    output: z.object({
      id: z.string(),
      status: z.enum(['counting', 'reviewed', 'approved']),
      lines: z.array(varianceLineSchema),
      totalVarianceUnits: z.number().int(),
      totalVarianceMinor: z.number().int(),
    }),
    permission: 'stock.approveStocktake',
    writes: true,
    topics: ['inventory'],
    summary: 'Close counting and show each variance (counted − expected) at cost, recording the reasons given.',
  },
  'inventory.approveStocktake': {
    input: stocktakeIdSchema,
    output: z.object({ id: z.string(), corrections: z.array(z.object({ lotId: z.string(), quantity: z.number().int() })) }),
    permission: 'stock.approveStocktake',
    writes: true,
    topics: ['stock', 'inventory'],
    summary: 'A manager approves a reviewed stocktake: every variance is posted as a stocktake correction movement.',
  },
} as const;

export const inventoryOperations = {
  ...receivingOperations,
  ...expiryOperations,
  ...stockControlOperations,
  ...stocktakeOperations,
  ...purchaseOrderOperations,
  ...transferOperations,
} as const;
