// The shapes a parsed X12 document takes: plain data, money as integer minor units with their exponent, and
// `null` where the file says nothing. Pure (zod only) so the renderer can show what a supplier sent; the
// fuzz tests also hold every successful parse against these schemas.
import { z } from 'zod';

/**
 * An exact decimal: `minor` units of 10^-`exponent` (9.25 is { minor: 925, exponent: 2 }). The exponent is
 * the decimals the file wrote, raised to the currency's ISO exponent when the currency is known, so 7.5 USD
 * is { minor: 750, exponent: 2 }. Never a float.
 */
export const amountSchema = z.object({
  minor: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  exponent: z.number().int().min(0).max(15),
});
export type Amount = z.infer<typeof amountSchema>;

const nullableText = z.string().nullable();
const nullableDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();

export const delimitersSchema = z.object({
  element: z.string().length(1),
  subElement: z.string().length(1),
  segment: z.string().length(1),
});
export type Delimiters = z.infer<typeof delimitersSchema>;

export const interchangeHeaderSchema = z.object({
  authorizationQualifier: z.string(),
  authorization: z.string(),
  securityQualifier: z.string(),
  security: z.string(),
  senderQualifier: z.string(),
  /** ISA06 without its padding. */
  senderId: z.string(),
  receiverQualifier: z.string(),
  receiverId: z.string(),
  /** ISA09 read as 20YY-MM-DD (the two-digit year of X12 004010 is taken in this century). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** HH:MM */
  time: z.string().regex(/^\d{2}:\d{2}$/),
  version: z.enum(['00400', '00401']),
  controlNumber: z.number().int().min(0),
  acknowledgmentRequested: z.boolean(),
  usage: z.enum(['P', 'T', 'I']),
  delimiters: delimitersSchema,
});
export type InterchangeHeader = z.infer<typeof interchangeHeaderSchema>;

export const groupHeaderSchema = z.object({
  /** GS01: PO purchase order, PR acknowledgement, IN invoice. */
  functionalId: z.string(),
  applicationSender: z.string(),
  applicationReceiver: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** HH:MM, or HH:MM:SS when GS05 carries seconds. */
  time: z.string().regex(/^\d{2}:\d{2}(?::\d{2})?$/),
  controlNumber: z.number().int().min(0),
  /** GS08, such as 004010 or 004010VICS. */
  version: z.string(),
});
export type GroupHeader = z.infer<typeof groupHeaderSchema>;

export const productIdSchema = z.object({
  /** X12 element 235: UP, UK, EN, N4, VN, VP, BP, IN, CB... */
  qualifier: z.string(),
  id: z.string(),
});
export type ProductId = z.infer<typeof productIdSchema>;

export const referenceSchema = z.object({
  qualifier: z.string(),
  value: nullableText,
  description: nullableText,
});
export type Reference = z.infer<typeof referenceSchema>;

export const dateReferenceSchema = z.object({
  /** X12 element 374: 002 delivery requested, 011 shipped, 017 estimated delivery, 068 current schedule ship. */
  qualifier: z.string(),
  date: nullableDate,
  time: nullableText,
});
export type DateReference = z.infer<typeof dateReferenceSchema>;

export const parsedAddressSchema = z.object({
  lines: z.array(z.string()),
  city: nullableText,
  region: nullableText,
  postalCode: nullableText,
  country: nullableText,
});
export type ParsedAddress = z.infer<typeof parsedAddressSchema>;

export const parsedPartySchema = z.object({
  /** N101: BY buyer, ST ship to, VN vendor, SU supplier, SE selling party, BT bill to, RE remit to. */
  code: z.string(),
  name: nullableText,
  idQualifier: nullableText,
  id: nullableText,
  /** N2 lines. */
  additionalNames: z.array(z.string()),
  address: parsedAddressSchema.nullable(),
});
export type ParsedParty = z.infer<typeof parsedPartySchema>;

/** What every line item (PO1, IT1) carries, whichever document it is in. */
const lineBaseShape = {
  /** PO101/IT101 as written (it is free text in X12); null when absent. */
  lineNo: nullableText,
  quantity: z.number().int().min(0).nullable(),
  unit: nullableText,
  unitPrice: amountSchema.nullable(),
  /** PO105/IT105, such as PE (price per each) or NT (net). */
  priceBasis: nullableText,
  productIds: z.array(productIdSchema),
  /** 14 digits, from UP/UK/EN when the check digit is right; otherwise only in `productIds`. */
  gtin: nullableText,
  /** 11 digits, from N4 (or N1/N2/N3/ND converted to 5-4-2). */
  ndc: nullableText,
  /** VN, else VP. */
  supplierSku: nullableText,
  /** BP, IN or CB: the buyer's own number. */
  buyerItemId: nullableText,
  /** PID05 of the free-form PID segments, joined with a space. */
  description: nullableText,
  /** Segment number of the PO1/IT1 in the interchange, for messages. */
  segment: z.number().int().min(1),
};

export const parsedOrderLineSchema = z.object(lineBaseShape);
export type ParsedOrderLine = z.infer<typeof parsedOrderLineSchema>;

export const parsedPurchaseOrderSchema = z.object({
  type: z.literal('850'),
  /** BEG01: 00 original, 01 cancellation, 05 replace, 06 confirmation. */
  purpose: z.string(),
  /** BEG02: SA stand-alone, NE new, RL release, DS dropship... */
  orderType: z.string(),
  poNumber: z.string(),
  releaseNumber: nullableText,
  orderDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  contractNumber: nullableText,
  currency: nullableText,
  references: z.array(referenceSchema),
  dates: z.array(dateReferenceSchema),
  parties: z.array(parsedPartySchema),
  lines: z.array(parsedOrderLineSchema),
  /** CTT01 and CTT02 (hash total as written). */
  lineCount: z.number().int().min(0).nullable(),
  hashTotal: nullableText,
  /** AMT with qualifier TT or 1 (total transaction / line item total). */
  totalAmount: amountSchema.nullable(),
});
export type ParsedPurchaseOrder = z.infer<typeof parsedPurchaseOrderSchema>;

export const ackStatusCategories = [
  'accepted',
  'changed',
  'substituted',
  'pending',
  'backordered',
  'held',
  'rejected',
] as const;
export type AckStatusCategory = (typeof ackStatusCategories)[number];

export const ackStatusSchema = z.object({
  /** ACK01: IA accepted, IB backordered, IR rejected, IQ quantity changed, IP price changed, IS substituted... */
  code: z.string(),
  category: z.enum(ackStatusCategories),
  quantity: z.number().int().min(0).nullable(),
  unit: nullableText,
  dateQualifier: nullableText,
  date: nullableDate,
  /** ACK07–ACK28: the item the supplier will send instead, for a substitution. */
  productIds: z.array(productIdSchema),
});
export type AckStatus = z.infer<typeof ackStatusSchema>;

export const ackLineSchema = z.object({
  ...lineBaseShape,
  statuses: z.array(ackStatusSchema),
  dates: z.array(dateReferenceSchema),
});
export type AckLine = z.infer<typeof ackLineSchema>;

export const purchaseOrderAcknowledgementSchema = z.object({
  type: z.literal('855'),
  purpose: z.string(),
  /** BAK02: AC with detail and change, AD with detail no change, AE exception detail only, RJ rejected... */
  ackType: z.string(),
  poNumber: z.string(),
  poDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  releaseNumber: nullableText,
  /** BAK06, the supplier's order number. */
  referenceNumber: nullableText,
  /** BAK09 */
  ackDate: nullableDate,
  currency: nullableText,
  references: z.array(referenceSchema),
  dates: z.array(dateReferenceSchema),
  parties: z.array(parsedPartySchema),
  lines: z.array(ackLineSchema),
  lineCount: z.number().int().min(0).nullable(),
  hashTotal: nullableText,
});
export type PurchaseOrderAcknowledgement = z.infer<typeof purchaseOrderAcknowledgementSchema>;

export const allowanceChargeSchema = z.object({
  /** SAC01: A allowance, C charge, N no allowance or charge. */
  indicator: z.enum(['A', 'C', 'N']),
  /** SAC02, such as D240 freight or C310 discount. */
  code: nullableText,
  /** SAC05 (two implied decimals). */
  amount: amountSchema.nullable(),
  percent: nullableText,
  description: nullableText,
});
export type AllowanceCharge = z.infer<typeof allowanceChargeSchema>;

export const taxSchema = z.object({
  /** TXI01: ST state sales tax, GS goods and services, VA value added, LS state and local. */
  typeCode: z.string(),
  amount: amountSchema.nullable(),
  percent: nullableText,
});
export type Tax = z.infer<typeof taxSchema>;

export const termsSchema = z.object({
  typeCode: nullableText,
  basisDateCode: nullableText,
  discountPercent: nullableText,
  discountDueDate: nullableDate,
  discountDaysDue: z.number().int().min(0).nullable(),
  netDueDate: nullableDate,
  netDays: z.number().int().min(0).nullable(),
  discountAmount: amountSchema.nullable(),
  description: nullableText,
});
export type Terms = z.infer<typeof termsSchema>;

export const carrierSchema = z.object({
  transportMethod: nullableText,
  scac: nullableText,
  routing: nullableText,
  referenceQualifier: nullableText,
  reference: nullableText,
});
export type Carrier = z.infer<typeof carrierSchema>;

export const invoiceLineSchema = z.object({
  ...lineBaseShape,
  charges: z.array(allowanceChargeSchema),
  taxes: z.array(taxSchema),
  dates: z.array(dateReferenceSchema),
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const invoiceSchema = z.object({
  type: z.literal('810'),
  invoiceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  invoiceNumber: z.string(),
  poDate: nullableDate,
  poNumber: nullableText,
  releaseNumber: nullableText,
  currency: nullableText,
  notes: z.array(z.string()),
  references: z.array(referenceSchema),
  dates: z.array(dateReferenceSchema),
  parties: z.array(parsedPartySchema),
  terms: z.array(termsSchema),
  lines: z.array(invoiceLineSchema),
  /** TDS01: total invoice amount, charges included and allowances taken off, before terms discount. */
  total: amountSchema,
  amountSubjectToDiscount: amountSchema.nullable(),
  discountedAmountDue: amountSchema.nullable(),
  termsDiscount: amountSchema.nullable(),
  taxes: z.array(taxSchema),
  charges: z.array(allowanceChargeSchema),
  carrier: carrierSchema.nullable(),
  lineCount: z.number().int().min(0).nullable(),
  hashTotal: nullableText,
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const ediDocumentSchema = z.discriminatedUnion('type', [
  parsedPurchaseOrderSchema,
  purchaseOrderAcknowledgementSchema,
  invoiceSchema,
]);
export type EdiDocument = z.infer<typeof ediDocumentSchema>;

/** One interchange: its header, its groups, and each transaction set read into a document. */
export type EdiBatch<T> = {
  interchange: InterchangeHeader;
  groups: GroupHeader[];
  documents: Array<{ groupControlNumber: number; transactionControlNumber: string; document: T }>;
};

export function ediBatchSchema<T extends z.ZodType>(document: T) {
  return z.object({
    interchange: interchangeHeaderSchema,
    groups: z.array(groupHeaderSchema).min(1),
    documents: z
      .array(
        z.object({
          groupControlNumber: z.number().int().min(0),
          transactionControlNumber: z.string().min(4).max(9),
          document,
        }),
      )
      .min(1),
  });
}
