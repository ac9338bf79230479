// The order as CSV, for suppliers without EDI (RFC 4180: comma-separated, CRLF after every record, a field
// quoted when it holds a comma, a double quote, CR or LF, with inner quotes doubled). Money is an exact
// decimal written from minor units; the header row names the columns.
import type { EdiResult, PurchaseOrder } from './contract.js';
import { decimalText } from './decimal.js';
import { attempt } from './errors.js';
import { checkOrder } from './input.js';

export const ORDER_CSV_COLUMNS = [
  'po_number',
  'order_date',
  'requested_delivery_date',
  'currency',
  'buyer_id',
  'buyer_name',
  'supplier_id',
  'supplier_name',
  'ship_to_id',
  'ship_to_name',
  'line_no',
  'quantity',
  'unit',
  'unit_price',
  'extended_price',
  'gtin',
  'ndc',
  'supplier_sku',
  'description',
] as const;

export type CsvOptions = {
  /**
   * Prefix a field that begins with = + - @ (or a tab or CR) with an apostrophe, so that a spreadsheet
   * opening the file does not run it as a formula. Off by default: it changes the data, and a supplier's
   * import program reads the field as written.
   */
  guardFormulas?: boolean;
};

export function csvField(value: string, options: CsvOptions = {}): string {
  const guarded = options.guardFormulas === true && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvRecord(fields: readonly string[], options: CsvOptions = {}): string {
  return `${fields.map((field) => csvField(field, options)).join(',')}\r\n`;
}

export function orderToCsv(order: PurchaseOrder, options: CsvOptions = {}): EdiResult<string> {
  return attempt(() => {
    const checked = checkOrder(order).order;
    const rows = checked.lines.map((line) => [
      checked.poNumber,
      checked.orderDate,
      checked.requestedDeliveryDate ?? '',
      checked.currency,
      checked.buyer.id,
      checked.buyer.name,
      checked.supplier.id,
      checked.supplier.name,
      checked.shipTo.id,
      checked.shipTo.name,
      String(line.lineNo),
      String(line.quantity),
      line.unit,
      decimalText(line.unitPriceMinor, line.currencyExponent),
      decimalText(BigInt(line.unitPriceMinor) * BigInt(line.quantity), line.currencyExponent),
      line.gtin ?? '',
      line.ndc ?? '',
      line.supplierSku ?? '',
      line.description,
    ]);
    return [ORDER_CSV_COLUMNS, ...rows].map((fields) => csvRecord(fields, options)).join('');
  });
}
