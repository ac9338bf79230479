// Reads sales history exported as `date,product,quantity` rows into forecast input. Outside input: every
// row is checked and the first bad one is reported with its line number and reason, because a quietly
// skipped row would become a day "without sales" and bend the forecast downwards.
import type { Result } from '../api/contract.js';
import { createDayParser, formatIsoDay } from './calendar.js';
import type { DemandHistory } from './contract.js';

export const demandCsvErrorCodes = [
  'forecast.csv.empty',
  'forecast.csv.missingColumn',
  'forecast.csv.badDate',
  'forecast.csv.badQuantity',
  'forecast.csv.negativeQuantity',
  'forecast.csv.nonIntegerQuantity',
  'forecast.csv.badQuote',
] as const;
export type DemandCsvErrorCode = (typeof demandCsvErrorCodes)[number];

export type DemandCsvError = {
  code: DemandCsvErrorCode;
  message: string;
  /** `row` is the 1-based line in the file (the header is line 1). */
  details: { row: number; column?: 'date' | 'product' | 'quantity'; value?: string };
};

export type DemandCsvOptions = {
  /**
   * Where each product's days begin: the first date in the file (default; a product that sold nothing at
   * first still existed) or the product's own first row (for a product launched during the period).
   */
  fillFrom?: 'file' | 'product';
};

const columns = ['date', 'product', 'quantity'] as const;
type Column = (typeof columns)[number];

/**
 * Parses the file (a header naming date, product and quantity in any order; other columns are ignored),
 * sums repeated rows of the same product and day, and fills the days without a row with zeros, up to the
 * last date in the file. Products come out in the order they first appear.
 */
export function readDemandCsv(text: string, options: DemandCsvOptions = {}): Result<DemandHistory[]> {
  const fail = (code: DemandCsvErrorCode, row: number, message: string, column?: Column, value?: string): Result<DemandHistory[]> => {
    const details: DemandCsvError['details'] = { row };
    if (column) details.column = column;
    if (value !== undefined) details.value = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return { ok: false, error: { code, message: `line ${row}: ${message}`, details } };
  };
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parseDay = createDayParser();
  const index: Record<Column, number> = { date: -1, product: -1, quantity: -1 };
  const products = new Map<string, { days: number[]; quantities: number[] }>();
  let headerSeen = false;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  let row = 0;
  let pos = 0;
  while (pos <= input.length) {
    let end = input.indexOf('\n', pos);
    if (end < 0) end = input.length;
    let line = input.slice(pos, end);
    pos = end + 1;
    row++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') {
      if (end === input.length) break;
      continue;
    }
    const fields = splitLine(line);
    if (fields === null) return fail('forecast.csv.badQuote', row, 'a quoted field is not closed or has text after its closing quote');
    if (!headerSeen) {
      headerSeen = true;
      fields.forEach((f, i) => {
        const name = f.trim().toLowerCase();
        if ((columns as readonly string[]).includes(name) && index[name as Column] < 0) index[name as Column] = i;
      });
      const missing = columns.find((c) => index[c] < 0);
      if (missing) return fail('forecast.csv.missingColumn', row, `the header has no "${missing}" column`, missing);
      continue;
    }
    const value = (c: Column): string | undefined => {
      const v = fields[index[c]];
      return v === undefined || v.trim() === '' ? undefined : v.trim();
    };
    for (const c of columns) if (value(c) === undefined) return fail('forecast.csv.missingColumn', row, `no value in the "${c}" column`, c);
    const dateText = value('date') as string;
    const product = value('product') as string;
    const quantityText = value('quantity') as string;
    const day = parseDay(dateText);
    if (day === null) return fail('forecast.csv.badDate', row, `"${dateText}" is not a YYYY-MM-DD calendar date`, 'date', dateText);
    const quantity = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(quantityText) ? Number(quantityText) : Number.NaN;
    if (!Number.isFinite(quantity)) return fail('forecast.csv.badQuantity', row, `"${quantityText}" is not a number`, 'quantity', quantityText);
    if (quantity < 0) return fail('forecast.csv.negativeQuantity', row, `quantity ${quantityText} is negative`, 'quantity', quantityText);
    if (!Number.isInteger(quantity)) return fail('forecast.csv.nonIntegerQuantity', row, `quantity ${quantityText} is not a whole number of units`, 'quantity', quantityText);
    let p = products.get(product);
    if (!p) {
      p = { days: [], quantities: [] };
      products.set(product, p);
    }
    p.days.push(day);
    p.quantities.push(quantity);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    if (end === input.length) break;
  }
  if (!headerSeen) return fail('forecast.csv.empty', 1, 'the file is empty (a header date,product,quantity is expected)');

  const out: DemandHistory[] = [];
  const dateCache = new Map<number, string>();
  const dateOf = (d: number): string => {
    let s = dateCache.get(d);
    if (s === undefined) {
      s = formatIsoDay(d);
      dateCache.set(d, s);
    }
    return s;
  };
  for (const [productId, p] of products) {
    const from = options.fillFrom === 'product' ? p.days.reduce((a, b) => Math.min(a, b), Infinity) : firstDay;
    const length = lastDay - from + 1;
    const quantities = new Array<number>(length).fill(0);
    p.days.forEach((d, i) => {
      quantities[d - from] = (quantities[d - from] as number) + (p.quantities[i] as number);
    });
    const dates = new Array<string>(length);
    for (let i = 0; i < length; i++) dates[i] = dateOf(from + i);
    out.push({ productId, dates, quantities });
  }
  return { ok: true, value: out };
}

/** Splits one line on commas; double-quoted fields may hold commas and "" for a quote. Null if malformed. */
function splitLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let field = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(field);
      if (i === line.length) return fields;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const c = line.indexOf(',', i);
      const field = c < 0 ? line.slice(i) : line.slice(i, c);
      if (field.includes('"')) return null;
      fields.push(field);
      if (c < 0) return fields;
      i = c + 1;
    }
  }
}
