// Purchasing and transfers as typed operations: purchase orders, their documents, EDI imports, suggested
// orders and branch transfers by file. Pure: zod schemas only.
import { z } from 'zod';
import {
  ediMatchReportSchema,
  exportedDocumentSchema,
  purchaseOrderLineInputSchema,
  purchaseOrderViewSchema,
  purchaseOrderStatusSchema,
  purchaseOrderSummarySchema,
  suggestionRowSchema,
  transferSchema,
} from '../contract/purchasing-schemas.js';
import { stockReasonSchema } from '../contract/schemas.js';

const orderId = z.object({ id: z.string().uuid() });
const orderLines = z.array(purchaseOrderLineInputSchema).min(1).max(2000);

export const purchaseOrderOperations = {
  'inventory.createPurchaseOrder': {
    input: z.object({ supplierId: z.string().uuid(), lines: orderLines, note: z.string().trim().max(1000).optional() }),
    output: purchaseOrderViewSchema,
    permission: 'purchasing.order',
    writes: true,
    topics: ['inventory'],
    summary: 'Draft a purchase order: whole packs per product, in the supplier’s pack multiples and minimum order.',
  },
  'inventory.updatePurchaseOrder': {
    input: orderId.extend({ lines: orderLines.optional(), note: z.string().trim().max(1000).nullable().optional() }),
    output: purchaseOrderViewSchema,
    permission: 'purchasing.order',
    writes: true,
    topics: ['inventory'],
    summary: 'Edit a draft purchase order: its lines (replaced whole) or its note.',
  },
  'inventory.approvePurchaseOrder': {
    input: orderId,
    output: purchaseOrderViewSchema,
    permission: 'purchasing.approve',
    writes: true,
    topics: ['inventory'],
    summary: 'Approve a draft purchase order so that it can be sent.',
  },
  'inventory.sendPurchaseOrder': {
    input: orderId,
    output: purchaseOrderViewSchema,
    permission: 'purchasing.order',
    writes: true,
    topics: ['inventory'],
    summary: 'Record that an approved purchase order went to the supplier.',
  },
  'inventory.closePurchaseOrder': {
    input: orderId.extend({ reason: stockReasonSchema.optional() }),
    output: purchaseOrderViewSchema,
    permission: 'purchasing.approve',
    writes: true,
    topics: ['inventory'],
    summary: 'Close a sent or received purchase order: nothing more is expected against it.',
  },
  'inventory.cancelPurchaseOrder': {
    input: orderId.extend({ reason: stockReasonSchema }),
    output: purchaseOrderViewSchema,
    permission: 'purchasing.approve',
    writes: true,
    topics: ['inventory'],
    summary: 'Cancel a purchase order against which nothing has been received.',
  },
  'inventory.getPurchaseOrder': {
    input: orderId,
    output: purchaseOrderViewSchema,
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'A purchase order with its lines, what has been received, its deliveries and EDI documents.',
  },
  'inventory.listPurchaseOrders': {
    input: z.object({
      status: purchaseOrderStatusSchema.optional(),
      supplierId: z.string().uuid().optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.array(purchaseOrderSummarySchema),
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'Purchase orders, newest first.',
  },
  'inventory.exportPurchaseOrder': {
    input: orderId.extend({ format: z.enum(['850', 'csv', 'pdf']), usage: z.enum(['P', 'T']).default('P') }),
    output: exportedDocumentSchema,
    permission: 'purchasing.order',
    writes: true,
    topics: ['inventory'],
    summary: 'The order as an X12 850 (approved orders only; its control numbers are recorded), as CSV or as a printable PDF.',
  },
  'inventory.importAcknowledgement': {
    input: z.object({ text: z.string().min(1).max(10_000_000), purchaseOrderId: z.string().uuid().optional() }),
    output: ediMatchReportSchema,
    permission: 'purchasing.order',
    writes: true,
    topics: ['inventory'],
    summary: 'Import a supplier’s X12 855 acknowledgement, keep it, and match it against the order.',
  },
  'inventory.importInvoice': {
    input: z.object({ text: z.string().min(1).max(10_000_000), purchaseOrderId: z.string().uuid().optional() }),
    output: ediMatchReportSchema,
    permission: 'purchasing.order',
    writes: true,
    topics: ['inventory'],
    summary: 'Import a supplier’s X12 810 invoice, keep it, and match it against the order and what was received.',
  },
  'inventory.suggestPurchaseOrders': {
    input: z.object({
      serviceLevel: z.number().gt(0.5).lt(1).default(0.95),
      reviewPeriodDays: z.number().int().min(0).max(90).default(7),
      historyDays: z.number().int().min(28).max(730).default(364),
      /** Supplier for products never delivered before; without it such products are skipped. */
      defaultSupplierId: z.string().uuid().optional(),
      productIds: z.array(z.string().uuid()).max(2000).optional(),
      /** At most this many products are forecast in one call (those with the most demand first). */
      maxProducts: z.number().int().min(1).max(2000).default(500),
      /** Forecast worker threads (0: in the calling thread). */
      workers: z.number().int().min(0).max(4).default(1),
    }),
    output: z.object({ orders: z.array(purchaseOrderViewSchema), products: z.array(suggestionRowSchema), truncated: z.boolean() }),
    permission: 'purchasing.order',
    writes: true,
    topics: ['inventory'],
    summary: 'Forecast demand from the ledger and draft purchase orders per supplier up to each product’s order-up-to level.',
  },
} as const;

export const transferOperations = {
  'inventory.transferOut': {
    input: z.object({
      toBranchId: z.string().trim().min(1).max(64).optional(),
      toBranchName: z.string().trim().min(1).max(120).optional(),
      note: z.string().trim().max(500).optional(),
      lines: z.array(z.object({ lotId: z.string().uuid(), quantity: z.number().int().min(1).max(10_000_000) })).min(1).max(1000),
    }),
    output: transferSchema.extend({ document: z.string() }),
    permission: 'stock.writeOff',
    writes: true,
    topics: ['stock', 'inventory'],
    summary: 'Send stock to another branch: it leaves as transfer-out movements and the document is in transit.',
  },
  'inventory.exportTransfer': {
    input: z.object({ id: z.string().uuid() }),
    output: z.object({ filename: z.string(), document: z.string(), checksum: z.string() }),
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'The transfer document as JSON with its checksum, to carry to the receiving branch.',
  },
  'inventory.importTransfer': {
    input: z.object({ document: z.string().min(2).max(5_000_000) }),
    output: transferSchema,
    permission: 'stock.receive',
    writes: true,
    topics: ['stock', 'inventory'],
    summary: 'Receive a transfer from another branch of the chain: once only, and only if its checksum holds.',
  },
  'inventory.listTransfers': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(transferSchema.omit({ lines: true })),
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'Transfers sent and received, newest first.',
  },
} as const;
