// Shapes of purchasing and transfers: purchase orders through their life, exported documents, EDI match
// reports, suggested orders and branch transfer documents. Pure: zod schemas and types only.
import { z } from 'zod';
import { costTextSchema, stockDateSchema } from '../contract/schemas.js';


/** What the API shows; 'cancelled' is stored as a closed order with a cancellation time. */
export const purchaseOrderStatusSchema = z.enum(['draft', 'approved', 'sent', 'partlyReceived', 'received', 'closed', 'cancelled']);
export type PurchaseOrderStatus = z.infer<typeof purchaseOrderStatusSchema>;

export const purchaseOrderLineInputSchema = z.object({
  productId: z.string().uuid(),
  packs: z.number().int().min(1).max(100_000),
  /** Expected cost per pack; when left out, the last cost paid to this supplier (or for the stock) is used. */
  cost: costTextSchema.optional(),
  note: z.string().trim().max(500).optional(),
});

export const purchaseOrderLineSchema = z.object({
  lineNo: z.number().int(),
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  gtin: z.string().nullable(),
  packSize: z.number().int(),
  packs: z.number().int(),
  suggestedPacks: z.number().int().nullable(),
  costMinor: z.number().int().nullable(),
  /** Packs received in good condition, and damaged, over every delivery against the order. */
  receivedPacks: z.number().int(),
  damagedPacks: z.number().int(),
  /** Ordered − received (good and damaged); negative when more came than was ordered. */
  outstandingPacks: z.number().int(),
  discrepancy: z.enum(['short', 'over']).nullable(),
  note: z.string().nullable(),
});
export type PurchaseOrderLine = z.infer<typeof purchaseOrderLineSchema>;

export const purchaseOrderViewSchema = z.object({
  id: z.string(),
  number: z.string(),
  supplierId: z.string(),
  supplierName: z.string(),
  status: purchaseOrderStatusSchema,
  origin: z.enum(['manual', 'suggested']),
  currency: z.string(),
  createdAt: z.number(),
  createdBy: z.string().nullable(),
  approvedAt: z.number().nullable(),
  approvedBy: z.string().nullable(),
  sentAt: z.number().nullable(),
  closedAt: z.number().nullable(),
  cancelledAt: z.number().nullable(),
  cancelReason: z.string().nullable(),
  note: z.string().nullable(),
  lines: z.array(purchaseOrderLineSchema),
  totalMinor: z.number().int(),
  deliveries: z.array(z.object({ id: z.string(), reference: z.string().nullable(), receivedAt: z.number() })),
  documents: z.array(
    z.object({ id: z.string(), direction: z.enum(['out', 'in']), transactionSet: z.string(), documentNumber: z.string().nullable(), matches: z.boolean().nullable(), at: z.number() }),
  ),
});
export type PurchaseOrderView = z.infer<typeof purchaseOrderViewSchema>;

export const purchaseOrderSummarySchema = purchaseOrderViewSchema.omit({ lines: true, deliveries: true, documents: true }).extend({ lineCount: z.number().int() });

export const exportedDocumentSchema = z.object({
  filename: z.string(),
  mediaType: z.string(),
  /** 'utf8' text (850, CSV) or 'base64' bytes (PDF). */
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
  bytes: z.number().int(),
});

export const ediDiscrepancySchema = z.object({
  kind: z.string(),
  orderLineNo: z.number().int().nullable(),
  documentLineNo: z.string().nullable(),
  expected: z.union([z.number(), z.string()]).nullable(),
  actual: z.union([z.number(), z.string()]).nullable(),
  against: z.string().nullable(),
  message: z.string(),
});

export const ediMatchReportSchema = z.object({
  documentId: z.string(),
  purchaseOrderId: z.string(),
  poNumber: z.string(),
  transactionSet: z.enum(['855', '810']),
  documentNumber: z.string().nullable(),
  matches: z.boolean(),
  discrepancies: z.array(ediDiscrepancySchema),
  lines: z.array(
    z.object({
      orderLineNo: z.number().int().nullable(),
      documentLineNos: z.array(z.string()),
      ordered: z.number().int().nullable(),
      /** Accepted (855) or invoiced (810). */
      answered: z.number().int().nullable(),
      /** 810 only: what receiving counted, good and damaged. */
      received: z.number().int().nullable(),
      damaged: z.number().int().nullable(),
      kinds: z.array(z.string()),
    }),
  ),
  totals: z.record(z.string(), z.number().nullable()),
});
export type EdiMatchReport = z.infer<typeof ediMatchReportSchema>;

export const suggestionRowSchema = z.object({
  productId: z.string(),
  name: z.string(),
  supplierId: z.string().nullable(),
  method: z.string().nullable(),
  classification: z.string().nullable(),
  mase: z.number().nullable(),
  baselineMase: z.number().nullable(),
  onHand: z.number().int(),
  onOrder: z.number().int(),
  reorderPoint: z.number().int().nullable(),
  orderUpToLevel: z.number().int().nullable(),
  units: z.number().int(),
  packs: z.number().int(),
  /** Why nothing is suggested: enough stock, no demand in the history, or no supplier known. */
  skipped: z.enum(['enoughStock', 'noDemand', 'noSupplier']).nullable(),
});

export const transferLineSchema = z.object({
  lineNo: z.number().int().min(1),
  gtin: z.string().regex(/^\d{14}$/),
  sku: z.string(),
  name: z.string(),
  batch: z.string().min(1).max(20),
  expiry: stockDateSchema,
  location: z.enum(['shelf', 'dispensary', 'controlled-cabinet']),
  /** Stock units (tablets, patches…), not packs. */
  quantity: z.number().int().min(1),
  packSize: z.number().int().min(1),
  costMinor: z.number().int().min(0).nullable(),
});

/** The file a transfer travels as until sync carries it: the checksum covers every other field. */
export const transferDocumentSchema = z.object({
  format: z.literal('mortar.stockTransfer'),
  version: z.literal(1),
  id: z.string().uuid(),
  tenantId: z.string(),
  fromBranchId: z.string(),
  fromBranchName: z.string(),
  toBranchId: z.string().nullable(),
  toBranchName: z.string().nullable(),
  createdAt: z.number().int(),
  currency: z.string(),
  note: z.string().nullable(),
  lines: z.array(transferLineSchema).min(1).max(1000),
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});
export type TransferDocument = z.infer<typeof transferDocumentSchema>;

export const transferSchema = z.object({
  id: z.string(),
  direction: z.enum(['out', 'in']),
  status: z.enum(['inTransit', 'received']),
  fromBranchId: z.string(),
  toBranchId: z.string().nullable(),
  checksum: z.string(),
  createdAt: z.number(),
  receivedAt: z.number().nullable(),
  lines: z.array(z.object({ lineNo: z.number().int(), productId: z.string(), batch: z.string(), expiry: z.string(), location: z.string(), quantity: z.number().int(), lotId: z.string() })),
});
export type TransferView = z.infer<typeof transferSchema>;
