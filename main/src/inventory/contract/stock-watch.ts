// Stock watch as typed operations: expiry alerts, the quarantine list, reading a stocktake scan and one
// product's forecast chart. Pure: zod schemas and types only, shared with the renderer.
import { z } from 'zod';

export const expiryAlertBandSchema = z.enum(['within90', 'within60', 'within30', 'expired']);
export type ExpiryAlertBand = z.infer<typeof expiryAlertBandSchema>;

export const expiryAlertSchema = z.object({
  id: z.string(),
  lotId: z.string(),
  productId: z.string(),
  name: z.string(),
  sku: z.string(),
  band: expiryAlertBandSchema,
  batch: z.string(),
  expiry: z.string(),
  location: z.string(),
  /** Units in the lot when it crossed the horizon. */
  onHand: z.number().int(),
  /** Units in the lot now: an alert whose stock is gone needs no action. */
  onHandNow: z.number().int(),
  valueMinor: z.number().int().nullable(),
  crossedOn: z.string(),
  crossedAt: z.number(),
  acknowledgedAt: z.number().nullable(),
  acknowledgedBy: z.string().nullable(),
});
export type ExpiryAlert = z.infer<typeof expiryAlertSchema>;

export const quarantinedLotSchema = z.object({
  lotId: z.string(),
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  batch: z.string(),
  expiry: z.string(),
  onHand: z.number().int(),
  valueMinor: z.number().int().nullable(),
  expired: z.boolean(),
  /** The recall that covers this batch: such stock is never released, only returned or destroyed. */
  recallId: z.string().nullable(),
  recallClass: z.enum(['I', 'II', 'III']).nullable(),
  /** Why the last units went into quarantine, and when. */
  reason: z.string().nullable(),
  since: z.number().nullable(),
});
export type QuarantinedLot = z.infer<typeof quarantinedLotSchema>;

const datedQuantity = z.object({ date: z.string(), quantity: z.number() });
const errorPair = z.object({ mase: z.number().nullable(), wape: z.number().nullable() });

export const productForecastSchema = z.object({
  productId: z.string(),
  name: z.string(),
  unit: z.string(),
  today: z.string(),
  /** Units sold or dispensed per day, oldest first, ending yesterday (a day without movements sold 0). */
  history: z.array(datedQuantity),
  forecast: z.array(z.object({ date: z.string(), mean: z.number(), lower: z.number(), upper: z.number() })),
  /** Seasonal naive (same weekday last week) over the same days: the baseline the method must beat. */
  baseline: z.array(datedQuantity),
  intervalLevel: z.number(),
  method: z.string(),
  classification: z.string(),
  /** The chosen method's rolling-origin backtest error, and the seasonal-naive baseline's. */
  methodError: errorPair,
  baselineError: errorPair,
  backtest: z.array(z.object({ method: z.string(), mase: z.number().nullable(), wape: z.number().nullable() })),
  /** Stock expected at the end of each forecast day if nothing arrives: on-hand less the forecast demand so far. */
  projection: z.array(z.object({ date: z.string(), onHand: z.number().int() })),
  /** Sellable units in stock now (quarantine excluded). */
  onHand: z.number().int(),
  onOrder: z.number().int(),
  leadTimeDays: z.number().int(),
  supplierName: z.string().nullable(),
  serviceLevel: z.number(),
  reviewPeriodDays: z.number().int(),
  reorderPoint: z.number().int(),
  orderUpToLevel: z.number().int(),
});
export type ProductForecast = z.infer<typeof productForecastSchema>;

export const stockWatchOperations = {
  'inventory.listExpiryAlerts': {
    input: z.object({
      includeAcknowledged: z.boolean().default(false),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ alerts: z.array(expiryAlertSchema), open: z.number().int(), truncated: z.boolean() }),
    permission: 'stock.read',
    // The alert badge refreshes it on a timer: that must not keep an unattended terminal unlocked.
    background: true,
    writes: false,
    topics: [],
    summary: 'Lots that crossed an expiry horizon (90/60/30 days, expired), most urgent first; the open ones unless asked.',
  },
  'inventory.acknowledgeExpiryAlert': {
    input: z.object({ alertIds: z.array(z.string().uuid()).min(1).max(500) }),
    output: z.object({ acknowledged: z.array(expiryAlertSchema) }),
    permission: 'stock.quarantine',
    writes: true,
    topics: ['inventory'],
    summary: 'Mark expiry alerts as seen by someone who can take the stock off sale; an alert already acknowledged stays as it was.',
  },
  'inventory.listQuarantine': {
    input: z.object({ limit: z.number().int().min(1).max(5000).default(1000) }),
    output: z.object({ currency: z.string(), lots: z.array(quarantinedLotSchema), truncated: z.boolean() }),
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: 'Every lot in quarantine with its reason, whether it expired and the recall that holds it.',
  },
  'inventory.readCountScan': {
    input: z.object({
      scan: z.string().trim().min(1).max(4096),
      gsSubstitute: z.string().length(1).optional(),
    }),
    output: z.object({
      productId: z.string(),
      name: z.string(),
      gtin: z.string(),
      /** Units in one pack: a scanned pack counts this many units. */
      packSize: z.number().int(),
      unit: z.string(),
      batch: z.string().nullable(),
      expiry: z.string().nullable(),
    }),
    permission: 'stock.count',
    writes: false,
    topics: [],
    summary: 'Read a scanned or typed barcode (GS1, Digital Link, EAN/UPC) for a count: the product and, when the code carries them, batch and expiry.',
  },
  'inventory.productForecast': {
    input: z.object({
      productId: z.string().uuid(),
      historyDays: z.number().int().min(28).max(730).default(182),
      horizonDays: z.number().int().min(7).max(90).default(28),
      serviceLevel: z.number().gt(0.5).lt(1).default(0.95),
      reviewPeriodDays: z.number().int().min(0).max(90).default(7),
      /** Overrides the lead time of the product's last supplier (2 days when it has none). */
      leadTimeDays: z.number().int().min(0).max(365).optional(),
      /** Forecast worker threads (0: in the calling thread). */
      workers: z.number().int().min(0).max(4).default(1),
    }),
    output: productForecastSchema,
    permission: 'stock.read',
    writes: false,
    topics: [],
    summary: "One product's daily demand history, forecast with its interval, backtest error beside seasonal naive, on-hand, reorder point and order-up-to level.",
  },
} as const;
