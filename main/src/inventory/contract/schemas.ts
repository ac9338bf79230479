// Shapes inventory operations answer with: suppliers, deliveries, expiry report rows, recalls and stocktakes.
// Pure: zod schemas and types only, shared with the renderer and the sync server.
import { z } from 'zod';

export const stockDateSchema = z.string().regex(/^\d{4}-[01]\d-[0-3]\d$/, 'a date as YYYY-MM-DD');
export const sellableLocationSchema = z.enum(['shelf', 'dispensary', 'controlled-cabinet']);
export const stockReasonSchema = z.string().trim().min(3).max(500);
/** A cost typed by a person, as a decimal string in the base currency ("3.20"); parsed exactly, never rounded. */
export const costTextSchema = z.string().trim().regex(/^\d{1,9}(\.\d{1,6})?$/, 'a cost such as 3.20');

export const supplierSchema = z.object({
  id: z.string(),
  name: z.string(),
  leadTimeDays: z.number().int(),
  minOrderPacks: z.number().int(),
  packMultiple: z.number().int(),
  ediQualifier: z.string().nullable(),
  ediId: z.string().nullable(),
  gln: z.string().nullable(),
  active: z.boolean(),
});
export type Supplier = z.infer<typeof supplierSchema>;

const supplierFields = {
  name: z.string().trim().min(2).max(120),
  leadTimeDays: z.number().int().min(0).max(365),
  minOrderPacks: z.number().int().min(1).max(100_000),
  packMultiple: z.number().int().min(1).max(10_000),
  /** The X12 interchange id qualifier (ISA05/07, e.g. "ZZ", "01") and id of the supplier's EDI mailbox. */
  ediQualifier: z.string().trim().regex(/^[A-Z0-9]{2}$/).nullable(),
  ediId: z.string().trim().min(1).max(15).nullable(),
  gln: z.string().regex(/^\d{13}$/).nullable(),
};

export const newSupplierSchema = z.object({
  ...supplierFields,
  minOrderPacks: supplierFields.minOrderPacks.default(1),
  packMultiple: supplierFields.packMultiple.default(1),
  ediQualifier: supplierFields.ediQualifier.optional(),
  ediId: supplierFields.ediId.optional(),
  gln: supplierFields.gln.optional(),
});

/** Only the fields given change; null clears an EDI id. */
export const supplierChangesSchema = z.object({
  id: z.string().uuid(),
  name: supplierFields.name.optional(),
  leadTimeDays: supplierFields.leadTimeDays.optional(),
  minOrderPacks: supplierFields.minOrderPacks.optional(),
  packMultiple: supplierFields.packMultiple.optional(),
  ediQualifier: supplierFields.ediQualifier.optional(),
  ediId: supplierFields.ediId.optional(),
  gln: supplierFields.gln.optional(),
  active: z.boolean().optional(),
});

export const deliveryLineInputSchema = z
  .object({
    /** A scanned GS1 element string or Digital Link carrying GTIN, batch and expiry; or type them below. */
    scan: z.string().max(4096).optional(),
    gsSubstitute: z.string().length(1).optional(),
    gtin: z.string().regex(/^\d{8,14}$/).optional(),
    batch: z.string().trim().min(1).max(20).optional(),
    expiry: stockDateSchema.optional(),
    /** Packs received in good condition. */
    quantity: z.number().int().min(0).max(100_000),
    /** Packs that arrived damaged: received, but straight into quarantine. */
    damagedQuantity: z.number().int().min(0).max(100_000).default(0),
    /** Packs the delivery note or order says were sent: a difference is recorded as short or over. */
    orderedQuantity: z.number().int().min(0).max(100_000).optional(),
    /** Cost price per pack. */
    cost: costTextSchema,
    location: sellableLocationSchema.default('shelf'),
    /** Receive this line into quarantine (needed for stock already past its expiry). */
    intoQuarantine: z.boolean().default(false),
    note: z.string().trim().max(500).optional(),
  })
  .refine((l) => l.scan !== undefined || l.gtin !== undefined, { message: 'a line needs a scan or a GTIN', path: ['gtin'] });

export const deliveryLineSchema = z.object({
  lineNo: z.number().int(),
  productId: z.string(),
  gtin: z.string(),
  batch: z.string(),
  expiry: z.string(),
  packs: z.number().int(),
  damagedPacks: z.number().int(),
  orderedPacks: z.number().int().nullable(),
  stockUnits: z.number().int(),
  costMinor: z.number().int(),
  lotId: z.string().nullable(),
  quarantineLotId: z.string().nullable(),
  discrepancy: z.enum(['short', 'over']).nullable(),
  note: z.string().nullable(),
});

export const deliverySchema = z.object({
  id: z.string(),
  supplierId: z.string(),
  purchaseOrderId: z.string().nullable(),
  reference: z.string().nullable(),
  currency: z.string(),
  receivedAt: z.number(),
  lines: z.array(deliveryLineSchema),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const expiryBandSchema = z.enum(['expired', 'within30', 'within60', 'within90']);
export const expiryRowSchema = z.object({
  lotId: z.string(),
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  batch: z.string(),
  expiry: z.string(),
  location: z.string(),
  onHand: z.number().int(),
  costMinor: z.number().int().nullable(),
  /** On-hand at cost: cost per pack × units ÷ pack size, rounded half-up; null when the lot has no cost. */
  valueMinor: z.number().int().nullable(),
  band: expiryBandSchema,
  daysLeft: z.number().int(),
});
export const expiryReportSchema = z.object({
  today: z.string(),
  currency: z.string(),
  rows: z.array(expiryRowSchema),
  totals: z.array(z.object({ band: expiryBandSchema, lots: z.number().int(), units: z.number().int(), valueMinor: z.number().int() })),
  truncated: z.boolean(),
});

export const movedSchema = z.object({ fromLotId: z.string(), toLotId: z.string(), quantity: z.number().int(), remaining: z.number().int() });

export const recallClassSchema = z.enum(['I', 'II', 'III']);
export const recallSchema = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  gtin: z.string().nullable(),
  wholeProduct: z.boolean(),
  batches: z.array(z.string()),
  class: recallClassSchema,
  reason: z.string(),
  reference: z.string().nullable(),
  enteredAt: z.number(),
});

export const recallTraceEntrySchema = z.object({
  kind: z.enum(['sale', 'dispense']),
  at: z.number(),
  date: z.string(),
  documentId: z.string(),
  receiptCode: z.string().nullable(),
  batch: z.string(),
  expiry: z.string(),
  quantity: z.number().int(),
  stockUnits: z.number().int(),
  customer: z.string().nullable(),
  voided: z.boolean(),
});
export type RecallTraceEntry = z.infer<typeof recallTraceEntrySchema>;

export const stocktakeScopeSchema = z.enum(['full', 'partial', 'cycle']);
