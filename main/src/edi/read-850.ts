// Reads an 850 Purchase Order into plain data: Mortar's own orders coming back (the round trip proves the
// generator), and partners' samples.
import type { ParsedOrderLine, ParsedPurchaseOrder } from './contract.js';
import {
  checkElementCount,
  optionalCode,
  optionalDecimal,
  optionalText,
  requiredCode,
  requiredDate,
  requiredText,
} from './elements.js';
import type { RawTransaction } from './envelope.js';
import {
  checkLineCount,
  currencyExponent,
  joinDescriptions,
  readCurrency,
  readDate,
  readDescription,
  readLineItem,
  readParties,
  readReference,
  readTotals,
} from './read-common.js';
import { splitAreas } from './structure.js';
import type { Segment } from './tokenizer.js';

export type ReadOptions = {
  /** The currency assumed for prices when the document has no CUR segment (most US documents have none). */
  currency?: string;
};

export function bodyOf(transaction: RawTransaction): { st: Segment; se: Segment; body: Segment[] } {
  const st = transaction.segments[0] as Segment;
  const se = transaction.segments[transaction.segments.length - 1] as Segment;
  return { st, se, body: transaction.segments.slice(1, -1) };
}

export function read850(transaction: RawTransaction, options: ReadOptions): ParsedPurchaseOrder {
  const { st, se, body } = bodyOf(transaction);
  const areas = splitAreas('850', st, se, body);
  const beg = areas.heading[0] as Segment;
  checkElementCount(beg, 12);
  const order: ParsedPurchaseOrder = {
    type: '850',
    purpose: requiredCode(beg, 1, { min: 2, max: 2 }),
    orderType: requiredCode(beg, 2, { min: 2, max: 2 }),
    poNumber: requiredText(beg, 3, { max: 22 }),
    releaseNumber: optionalText(beg, 4, { max: 30 }),
    orderDate: requiredDate(beg, 5),
    contractNumber: optionalText(beg, 6, { max: 30 }),
    currency: null,
    references: [],
    dates: [],
    parties: [],
    lines: [],
    lineCount: null,
    hashTotal: null,
    totalAmount: null,
  };

  const heading = readParties(areas.heading.slice(1));
  order.parties = heading.parties;
  let exponent = currencyExponent(options.currency ?? null);
  for (const segment of heading.rest) {
    if (segment.id === 'CUR' && order.currency === null) {
      const read = readCurrency(segment);
      order.currency = read.currency;
      exponent = read.exponent;
    } else if (segment.id === 'REF') order.references.push(readReference(segment));
    else if (segment.id === 'DTM') order.dates.push(readDate(segment));
  }

  for (const loop of areas.lines) {
    const line: ParsedOrderLine = readLineItem(loop[0] as Segment, exponent);
    for (const segment of loop.slice(1)) {
      if (segment.id === 'PID')
        line.description = joinDescriptions(line.description, readDescription(segment));
    }
    order.lines.push(line);
  }

  let ctt: Segment | null = null;
  for (const segment of areas.summary) {
    if (segment.id === 'CTT') {
      ctt = segment;
      const totals = readTotals(segment);
      order.lineCount = totals.lineCount;
      order.hashTotal = totals.hashTotal;
    } else if (segment.id === 'AMT') {
      const qualifier = requiredCode(segment, 1, { min: 1, max: 3 });
      const amount = optionalDecimal(segment, 2, { minExponent: exponent, allowNegative: true });
      if ((qualifier === 'TT' || qualifier === '1') && order.totalAmount === null) order.totalAmount = amount;
      optionalCode(segment, 3, { min: 1, max: 1 });
    }
  }
  checkLineCount(ctt, order.lineCount, order.lines.length);
  return order;
}
