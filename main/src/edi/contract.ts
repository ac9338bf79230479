// The shapes of supplier EDI (X12 004010): the purchase order Mortar sends, the envelope numbers the caller
// owns, and the error codes. Pure (zod and other contracts only), so the renderer and the purchase-order
// handlers share one definition. The parsed documents are in ./contract/documents.ts, the match results in
// ./contract/matching.ts; both are re-exported here.
import { z } from 'zod';

export * from './contract/documents.js';
export * from './contract/matching.js';

export const ediErrorCodes = [
  /** Nothing to parse: an empty string, or whitespace only. */
  'edi.empty',
  /** Input past the configured size limit; nothing is read. */
  'edi.inputTooLarge',
  /** The ISA is not the fixed-width 106-character segment, or its separators are unusable. */
  'edi.badSeparators',
  /** The input stops inside a segment (no terminator) or inside the ISA. */
  'edi.truncated',
  /** A segment that is not a segment: empty, or its identifier is not 2–3 upper-case letters and digits. */
  'edi.badSegment',
  /** ISA/GS/ST nesting is wrong: a GS outside an interchange, data after IEA, a group without sets... */
  'edi.badEnvelope',
  /** SE01 is not the number of segments from ST to SE inclusive. */
  'edi.segmentCountMismatch',
  /** GE01 is not the number of transaction sets in the group. */
  'edi.transactionCountMismatch',
  /** IEA01 is not the number of functional groups in the interchange. */
  'edi.groupCountMismatch',
  /** IEA02/ISA13, GE02/GS06 or SE02/ST02 disagree. */
  'edi.controlNumberMismatch',
  /** Two transaction sets of one group share a control number. */
  'edi.duplicateControlNumber',
  /** CTT01 is not the number of line items. */
  'edi.lineCountMismatch',
  /** A segment this transaction set does not define. */
  'edi.unknownSegment',
  /** A segment the transaction set defines, in a place it may not stand (a heading segment after the lines). */
  'edi.segmentOutOfOrder',
  /** A mandatory segment (SE, GE, IEA, BEG, BAK, BIG, TDS, PO1...) is absent. */
  'edi.missingSegment',
  /** An element is missing, too long, of the wrong type, or holds a code this module does not know. */
  'edi.badElement',
  /** ISA12 is not 00400/00401, or GS08 is not 004010. */
  'edi.unsupportedVersion',
  /** A transaction set other than 850, 855 and 810, or not the one the caller asked for. */
  'edi.unsupportedTransaction',
  /** A sum that a safe integer cannot hold exactly. */
  'edi.amountOverflow',
  /** What the caller handed in (an order, envelope numbers, received quantities) breaks the contract. */
  'edi.invalidInput',
] as const;
export type EdiErrorCode = (typeof ediErrorCodes)[number];

export const ediErrorDetailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type EdiErrorDetails = z.infer<typeof ediErrorDetailsSchema>;

/**
 * `details` locates the fault in the file: `segment` (1-based, ISA is 1), `line` (1-based), `segmentId`,
 * `element` ("PO102"), `value`, and for counts `expected`/`actual`. Input errors carry `path` instead.
 */
export const ediErrorSchema = z.object({
  code: z.enum(ediErrorCodes),
  message: z.string(),
  details: ediErrorDetailsSchema,
});
export type EdiError = z.infer<typeof ediErrorSchema>;

export type EdiResult<T> = { ok: true; value: T } | { ok: false; error: EdiError };

// ------------------------------------------------------------------------------------------ text and codes

/**
 * Text written into an X12 element. Printable ASCII only (X12 004010's character sets have no accents; see
 * `toX12Text`), no leading or trailing space (X12 treats them as insignificant), and none of the separators
 * Mortar writes with: `*` (element), `>` (sub-element), `~` (segment) and `^` (the repetition separator of
 * later versions, so the text survives an upgrade).
 */
export function x12TextSchema(min: number, max: number) {
  return z
    .string()
    .min(min)
    .max(max)
    .regex(/^[\x20-\x7e]*$/, 'printable ASCII only')
    .regex(/^[^*>~^]*$/, 'none of the X12 separators * > ~ ^')
    .refine((text) => text.trim() === text, 'no leading or trailing spaces');
}

/** A calendar date, `YYYY-MM-DD`, written as CCYYMMDD. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((text) => isCalendarDate(text), 'not a calendar date');

function isCalendarDate(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** ISO 4217 alphabetic code; the generator also requires it to be a currency the money module knows. */
export const ediCurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 alphabetic code, upper case');

/** An X12 unit-of-measure code (data element 355): EA each, BX box, PK package, CA case, BO bottle, UN unit. */
export const unitCodeSchema = z.string().regex(/^[A-Z0-9]{2}$/, 'a two-character X12 unit code such as EA');

/** A GTIN in its 14-digit form (GTIN-8/12/13 left-padded), as the catalog stores it; check digit checked on use. */
export const gtin14Schema = z.string().regex(/^\d{14}$/, 'a GTIN as 14 digits');

/** An NDC in the 11-digit 5-4-2 form without hyphens (X12 qualifier N4); see `toNdc11` for 10-digit forms. */
export const ndc11Schema = z.string().regex(/^\d{11}$/, 'an NDC as 11 digits (5-4-2, no hyphens)');

/** An identification code qualifier (X12 element 66): 92 assigned by buyer, 91 by seller, UL GLN, 1 DUNS. */
export const idQualifierSchema = z.string().regex(/^[A-Z0-9]{1,2}$/, 'an X12 identification code qualifier');

// ------------------------------------------------------------------------------------------ the order

export const addressSchema = z.object({
  /** Street lines: one or two per N3 segment, so at most four. */
  lines: z.array(x12TextSchema(1, 55)).min(1).max(4),
  city: x12TextSchema(2, 30),
  /** State or province code (N402). */
  region: z
    .string()
    .regex(/^[A-Z0-9]{2}$/)
    .optional(),
  postalCode: x12TextSchema(3, 15).optional(),
  /** ISO 3166 country code (N404). */
  country: z
    .string()
    .regex(/^[A-Z]{2,3}$/)
    .optional(),
});
export type Address = z.infer<typeof addressSchema>;

export const partySchema = z.object({
  name: x12TextSchema(1, 60),
  /** How `id` is to be read (N103): required, since buyer-assigned and seller-assigned numbers differ. */
  idQualifier: idQualifierSchema,
  id: x12TextSchema(2, 80),
  address: addressSchema.optional(),
});
export type Party = z.infer<typeof partySchema>;

export const shipToSchema = partySchema.extend({ address: addressSchema });
export type ShipTo = z.infer<typeof shipToSchema>;

export const orderReferenceSchema = z.object({
  /** X12 reference qualifier (element 128): DP department, IA internal vendor number, CR customer reference. */
  qualifier: z.string().regex(/^[A-Z0-9]{2,3}$/),
  value: x12TextSchema(1, 30),
});
export type OrderReference = z.infer<typeof orderReferenceSchema>;

export const orderLineSchema = z
  .object({
    /** The buyer's line number (PO101); matched against acknowledgement and invoice lines. */
    lineNo: z.number().int().min(1).max(999_999),
    /** Whole units of `unit`; X12 allows decimals but Mortar orders whole packs. */
    quantity: z.number().int().min(1).max(9_999_999),
    unit: unitCodeSchema,
    /** Price of one `unit` in minor units at `currencyExponent` decimals (925 at exponent 2 is 9.25). */
    unitPriceMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /**
     * Decimals of `unitPriceMinor`: at least the currency's ISO exponent, more when a supplier prices a
     * unit finer than the currency (0.0125 per tablet is 125 at exponent 4). Written with exactly this
     * many decimals, which is how a parse gives the same exponent back.
     */
    currencyExponent: z.number().int().min(0).max(6),
    gtin: gtin14Schema.optional(),
    ndc: ndc11Schema.optional(),
    /** The supplier's item number (VN). */
    supplierSku: x12TextSchema(1, 48).optional(),
    description: x12TextSchema(1, 80),
  })
  .refine((line) => line.gtin !== undefined || line.ndc !== undefined || line.supplierSku !== undefined, {
    message: 'a line needs a GTIN, an NDC or the supplier item number, or the supplier cannot find it',
  });
export type OrderLine = z.infer<typeof orderLineSchema>;

export const purchaseOrderSchema = z
  .object({
    /** BEG03: at most 22 characters. */
    poNumber: x12TextSchema(1, 22),
    orderDate: isoDateSchema,
    buyer: partySchema,
    supplier: partySchema,
    shipTo: shipToSchema,
    currency: ediCurrencySchema,
    /** DTM*002: the day the pharmacy wants the delivery. */
    requestedDeliveryDate: isoDateSchema.optional(),
    references: z.array(orderReferenceSchema).max(20).optional(),
    lines: z.array(orderLineSchema).min(1).max(10_000),
  })
  .refine((order) => new Set(order.lines.map((line) => line.lineNo)).size === order.lines.length, {
    message: 'line numbers must be unique',
    path: ['lines'],
  });
export type PurchaseOrder = z.infer<typeof purchaseOrderSchema>;

// ------------------------------------------------------------------------------------------ the envelope

export const interchangePartySchema = z.object({
  /** ISA05/ISA07: ZZ mutually defined, 01 DUNS, 12 telephone, 14 DUNS+4, 08 UCC EDI. */
  qualifier: z.string().regex(/^[A-Z0-9]{2}$/),
  /** ISA06/ISA08: padded to 15 characters in the ISA; also GS02/GS03 unless given apart, hence at least 2. */
  id: x12TextSchema(2, 15),
});
export type InterchangeParty = z.infer<typeof interchangePartySchema>;

const controlNumberSchema = z.number().int().min(1).max(999_999_999);

/**
 * The numbers and names around a document. Control numbers come from the caller, who keeps a sequence per
 * pharmacy and trading partner in its store: a pure module cannot know which numbers were already used.
 */
export const envelopeOptionsSchema = z.object({
  sender: interchangePartySchema,
  receiver: interchangePartySchema,
  /** GS02/GS03 when the group's application codes differ from the interchange ids. */
  applicationSender: x12TextSchema(2, 15).optional(),
  applicationReceiver: x12TextSchema(2, 15).optional(),
  interchangeControlNumber: controlNumberSchema,
  groupControlNumber: controlNumberSchema,
  transactionControlNumber: controlNumberSchema,
  /** UTC milliseconds of creation; the module reads no clock. */
  createdAtMs: z
    .number()
    .int()
    .min(Date.UTC(2000, 0, 1))
    .max(Date.UTC(2099, 11, 31, 23, 59, 59)),
  /** ISA15: P production, T test. */
  usage: z.enum(['P', 'T']),
  /** ISA14: ask the partner for a TA1 interchange acknowledgement. */
  acknowledgmentRequested: z.boolean().optional(),
});
export type EnvelopeOptions = z.infer<typeof envelopeOptionsSchema>;

// ------------------------------------------------------------------------------------------ receiving

/** What receiving counted per order line, in the order line's unit. */
export const receivedQuantitySchema = z.object({
  lineNo: z.number().int().min(1),
  quantity: z.number().int().min(0),
});
export type ReceivedQuantity = z.infer<typeof receivedQuantitySchema>;
export const receivedQuantitiesSchema = z.array(receivedQuantitySchema);
