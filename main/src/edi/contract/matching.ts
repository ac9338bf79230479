// The result of holding a supplier's acknowledgement or invoice against the order Mortar sent (and what
// receiving counted). Types only: the purchase-order screens show it, the matcher builds it.
import type { Amount, DateReference, ProductId } from '../contract/documents.js';

export const discrepancyKinds = [
  /** Fewer accepted, invoiced or received than expected. */
  'quantityShort',
  /** More accepted or invoiced than ordered, or invoiced beyond what was received. */
  'quantityOver',
  /** The document's unit price is not the order's. */
  'priceDifferent',
  /** The document counts in another unit (BX against EA): quantities are not compared. */
  'unitDifferent',
  /** A document line that no order line matches. */
  'lineNotOrdered',
  /** An order line the document does not mention (where the document should mention every line). */
  'lineMissing',
  /** The supplier sends another item: status IS, or the item identifiers disagree. */
  'substituted',
  'backordered',
  'rejected',
  /** Document level: the document's currency is not the order's. */
  'currencyDifferent',
  /** Document level: the document names another purchase order. */
  'poNumberDifferent',
  /** Document level: the invoice total (TDS) is not lines + charges − allowances + tax. */
  'totalDifferent',
] as const;
export type DiscrepancyKind = (typeof discrepancyKinds)[number];

export type Discrepancy = {
  kind: DiscrepancyKind;
  /** The order line concerned; null for a line the order lacks or for the whole document. */
  orderLineNo: number | null;
  /** The document's own line number (PO101/IT101), or `#n` for the n-th line when it has none. */
  documentLineNo: string | null;
  /** Quantities as numbers, prices as exact decimal strings ("9.25"), codes as text. */
  expected: number | string | null;
  actual: number | string | null;
  /** What `expected` comes from. */
  against: 'ordered' | 'received' | 'computed' | null;
  message: string;
};

export type LineItem = {
  gtin: string | null;
  ndc: string | null;
  supplierSku: string | null;
  description: string | null;
};

export type OrderedPart = { quantity: number; unit: string; unitPrice: Amount };

export type AcknowledgedPart = {
  /** Quantity the supplier accepts (accepted, changed, substituted, price-pending statuses). */
  quantity: number;
  backorderedQuantity: number;
  rejectedQuantity: number;
  /** Quantity on hold (IH, IF, IW): neither accepted nor refused yet. */
  heldQuantity: number;
  unit: string | null;
  unitPrice: Amount | null;
  statusCodes: string[];
  /** Dates the ACK segments give (ACK04/ACK05) and the line's DTM segments. */
  dates: DateReference[];
  /** Items named in ACK07–ACK28 for a substitution. */
  substitutes: ProductId[];
  /** True when the line is acknowledged only by the header type (exception-only or no-detail acknowledgements). */
  implicit: boolean;
};

export type AcknowledgementMatchLine = {
  orderLineNo: number | null;
  documentLineNos: string[];
  item: LineItem;
  ordered: OrderedPart | null;
  acknowledged: AcknowledgedPart | null;
  discrepancies: Discrepancy[];
};

export type AcknowledgementMatch = {
  poNumber: string;
  ackType: string;
  lines: AcknowledgementMatchLine[];
  /** Every discrepancy: the lines' in line order, then the document's. */
  discrepancies: Discrepancy[];
  /** Money at one exponent, the largest any price used. */
  totals: {
    exponent: number;
    orderedMinor: number;
    /** Accepted quantity × acknowledged price (the order's price where the acknowledgement gives none). */
    acknowledgedMinor: number;
    differenceMinor: number;
  };
  matches: boolean;
};

export type InvoicedPart = {
  quantity: number;
  unit: string | null;
  /** The price of the first invoice line; each line's own price is compared and reported. */
  unitPrice: Amount | null;
  /** Σ quantity × price over the invoice lines matched to this order line, at the totals exponent. */
  extendedMinor: number;
};

export type InvoiceMatchLine = {
  orderLineNo: number | null;
  documentLineNos: string[];
  item: LineItem;
  ordered: OrderedPart | null;
  invoiced: InvoicedPart | null;
  /** From receiving; null when not given. */
  received: number | null;
  discrepancies: Discrepancy[];
};

export type InvoiceMatch = {
  invoiceNumber: string;
  poNumber: string | null;
  lines: InvoiceMatchLine[];
  discrepancies: Discrepancy[];
  /** All at `exponent`, the largest among order prices, invoice prices and the two decimals of TDS/SAC. */
  totals: {
    exponent: number;
    orderedMinor: number;
    /** Σ invoiced quantity × invoiced price, every invoice line. */
    invoicedLinesMinor: number;
    /** Σ invoiced quantity × order price, over lines that match the order: what the order's prices would bill. */
    invoicedAtOrderPriceMinor: number;
    /** Σ received quantity × order price; null when receiving was not given. */
    receivedAtOrderPriceMinor: number | null;
    chargesMinor: number;
    allowancesMinor: number;
    taxMinor: number;
    /** lines + charges − allowances + tax */
    computedTotalMinor: number;
    /** TDS01 */
    invoiceTotalMinor: number;
  };
  matches: boolean;
};
