// The receipt is plain data that the checkout fills in: every amount arrives both as integer minor units and as
// the string the checkout formatted, so that no renderer ever computes or formats money (DESIGN.md "Exact money").
import { z } from 'zod';

/** An amount as the checkout computed it (minor units) and formatted it (the words printed on paper). */
export const receiptMoneySchema = z.object({
  minor: z.number().int().refine(Number.isSafeInteger, 'a safe integer count of minor units'),
  formatted: z.string().min(1).max(40),
});
export type ReceiptMoney = z.infer<typeof receiptMoneySchema>;

export const paperWidths = [58, 80] as const;
export const paperWidthSchema = z.union([z.literal(58), z.literal(80)]);
export type PaperWidthMm = z.infer<typeof paperWidthSchema>;

const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 alphabetic code, upper case');
const shortText = z.string().max(200);

export const receiptStoreSchema = z.object({
  name: z.string().min(1).max(80),
  addressLines: z.array(shortText).max(6),
  taxId: shortText.optional(),
  phone: shortText.optional(),
});
export type ReceiptStore = z.infer<typeof receiptStoreSchema>;

export const receiptIssuedAtSchema = z.object({
  /** The instant of the sale, ISO 8601 with an offset or Z. */
  iso: z.iso.datetime({ offset: true }),
  /** BCP 47 locale and IANA time zone the date is shown in, e.g. "fr-FR" and "Europe/Paris". */
  locale: z.string().min(2).max(35),
  timeZone: z.string().min(1).max(64),
  /** When the checkout already formatted the date, it is printed as given. */
  display: shortText.optional(),
});
export type ReceiptIssuedAt = z.infer<typeof receiptIssuedAtSchema>;

export const receiptDiscountSchema = z.object({
  label: shortText,
  /** Negative for a reduction, as the checkout computed it. */
  amount: receiptMoneySchema,
});
export type ReceiptDiscount = z.infer<typeof receiptDiscountSchema>;

export const receiptLineSchema = z.object({
  description: z.string().min(1).max(300),
  /** In the smallest dispensable unit (DESIGN.md "Data"); negative on a return. */
  quantity: z.number().int().refine((q) => q !== 0, 'a line has a quantity'),
  unit: z.string().max(20),
  unitPrice: receiptMoneySchema,
  lineTotal: receiptMoneySchema,
  discount: receiptDiscountSchema.optional(),
  /** The letter that ties the line to its row in the tax breakdown. */
  taxCode: z.string().regex(/^[A-Z]$/),
  /** Batch and expiry of the stock sold, for medicines (recalls are traced from the receipt). */
  medicine: z
    .object({
      batch: z.string().min(1).max(40),
      expiry: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'YYYY-MM or YYYY-MM-DD'),
    })
    .optional(),
});
export type ReceiptLine = z.infer<typeof receiptLineSchema>;

export const receiptTaxRowSchema = z.object({
  code: z.string().regex(/^[A-Z]$/),
  label: shortText,
  taxable: receiptMoneySchema,
  tax: receiptMoneySchema,
});
export type ReceiptTaxRow = z.infer<typeof receiptTaxRowSchema>;

export const receiptTotalsSchema = z.object({
  subtotal: receiptMoneySchema.optional(),
  taxTotal: receiptMoneySchema.optional(),
  total: receiptMoneySchema,
});
export type ReceiptTotals = z.infer<typeof receiptTotalsSchema>;

/** Cash rounding to the smallest coin: the difference and the amount actually settled. */
export const receiptCashRoundingSchema = z.object({
  amount: receiptMoneySchema,
  totalDue: receiptMoneySchema,
});
export type ReceiptCashRounding = z.infer<typeof receiptCashRoundingSchema>;

export const receiptTenderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash'), amount: receiptMoneySchema }),
  z.object({
    kind: z.literal('card'),
    amount: receiptMoneySchema,
    brand: shortText.optional(),
    /** Only the last digits, as the payment terminal printed them ("**** 1234"); never a full card number. */
    maskedPan: z.string().regex(/^[*xX•\s-]*\d{0,4}$/).max(30).optional(),
    approvalRef: z.string().min(1).max(40),
  }),
  z.object({ kind: z.literal('storeCredit'), amount: receiptMoneySchema, reference: shortText.optional() }),
  z.object({
    kind: z.literal('foreignCash'),
    currency: currencyCodeSchema,
    /** What the customer handed over, in the foreign currency. */
    foreignAmount: receiptMoneySchema,
    /** The rate as the checkout applied and formatted it, e.g. "1 USD = 0.9215 EUR". */
    rate: shortText,
    /** Its value in the receipt's currency. */
    amount: receiptMoneySchema,
  }),
]);
export type ReceiptTender = z.infer<typeof receiptTenderSchema>;

/** Printable ASCII without '{', which ESC/POS CODE128 reserves for code-set switches. */
export const receiptBarcodeSchema = z.object({
  symbology: z.literal('CODE128'),
  data: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[\x20-\x7A\x7C-\x7E]+$/, 'printable ASCII except "{"'),
});
export type ReceiptBarcode = z.infer<typeof receiptBarcodeSchema>;

/** The fixed words of a receipt, in the shop's language; the checkout passes its translations. */
export const receiptLabelsSchema = z.object({
  receipt: shortText,
  terminal: shortText,
  cashier: shortText,
  taxId: shortText,
  phone: shortText,
  batch: shortText,
  expiry: shortText,
  subtotal: shortText,
  total: shortText,
  taxHeader: shortText,
  taxable: shortText,
  tax: shortText,
  taxTotal: shortText,
  cashRounding: shortText,
  totalDue: shortText,
  cash: shortText,
  card: shortText,
  approval: shortText,
  storeCredit: shortText,
  foreignCash: shortText,
  change: shortText,
  copy: shortText,
  reprint: shortText,
});
export type ReceiptLabels = z.infer<typeof receiptLabelsSchema>;

export const defaultReceiptLabels: ReceiptLabels = {
  receipt: 'Receipt',
  terminal: 'Till',
  cashier: 'Cashier',
  taxId: 'Tax ID',
  phone: 'Tel',
  batch: 'Batch',
  expiry: 'Exp',
  subtotal: 'Subtotal',
  total: 'TOTAL',
  taxHeader: 'Tax',
  taxable: 'Net',
  tax: 'Tax',
  taxTotal: 'Total tax',
  cashRounding: 'Rounding',
  totalDue: 'To pay',
  cash: 'Cash',
  card: 'Card',
  approval: 'Approval',
  storeCredit: 'Store credit',
  foreignCash: 'Cash',
  change: 'Change',
  copy: '*** COPY ***',
  reprint: '*** REPRINT ***',
};

export const receiptModelSchema = z.object({
  version: z.literal(1),
  paperWidthMm: paperWidthSchema,
  currency: currencyCodeSchema,
  store: receiptStoreSchema,
  receiptNumber: z.string().min(1).max(40),
  terminal: z.string().min(1).max(40),
  cashier: z.string().min(1).max(80),
  issuedAt: receiptIssuedAtSchema,
  lines: z.array(receiptLineSchema),
  basketDiscount: receiptDiscountSchema.optional(),
  taxes: z.array(receiptTaxRowSchema),
  totals: receiptTotalsSchema,
  cashRounding: receiptCashRoundingSchema.optional(),
  tenders: z.array(receiptTenderSchema),
  change: receiptMoneySchema.optional(),
  barcode: receiptBarcodeSchema.optional(),
  footerLines: z.array(shortText).max(20),
  /** Absent on the original; a copy or a reprint says so in print, so it cannot pass for a second sale. */
  marker: z.enum(['copy', 'reprint']).optional(),
  labels: receiptLabelsSchema.partial().optional(),
});
export type ReceiptModel = z.infer<typeof receiptModelSchema>;

export type ReceiptError = { code: 'receipt.invalidModel'; message: string; details?: Record<string, unknown> };
export type ReceiptResult<T> = { ok: true; value: T } | { ok: false; error: ReceiptError };

/** Validates data from outside (IPC, a stored job) before it is rendered. */
export function parseReceiptModel(input: unknown): ReceiptResult<ReceiptModel> {
  const parsed = receiptModelSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: {
      code: 'receipt.invalidModel',
      message: 'The receipt data is not valid.',
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
    },
  };
}

export function receiptLabels(model: ReceiptModel): ReceiptLabels {
  const given = Object.entries(model.labels ?? {}).filter(([, v]) => typeof v === 'string');
  return { ...defaultReceiptLabels, ...Object.fromEntries(given) };
}

/** 32 columns of font A on 58 mm paper (384 dots / 12), 48 on 80 mm (576 dots / 12). */
export function columnsForPaper(widthMm: PaperWidthMm): number {
  return widthMm === 58 ? 32 : 48;
}
