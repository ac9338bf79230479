// Reads an 855 Purchase Order Acknowledgment: the supplier's answer, line by line (ACK statuses with their
// quantities and dates), so the order can be matched before the goods arrive.
import type { AckLine, AckStatus, AckStatusCategory, PurchaseOrderAcknowledgement } from './contract.js';
import {
  badElement,
  checkElementCount,
  optionalCode,
  optionalDate,
  optionalQuantity,
  optionalText,
  requiredCode,
  requiredDate,
  requiredText,
} from './elements.js';
import type { RawTransaction } from './envelope.js';
import { bodyOf, type ReadOptions } from './read-850.js';
import {
  checkLineCount,
  currencyExponent,
  joinDescriptions,
  readCurrency,
  readDate,
  readDescription,
  readLineItem,
  readParties,
  readProductIds,
  readReference,
  readTotals,
} from './read-common.js';
import { splitAreas } from './structure.js';
import type { Segment } from './tokenizer.js';

/** X12 004010 code list 668 (line item status), each with how it counts. */
export const ackStatusCodes: Readonly<Record<string, AckStatusCategory>> = {
  IA: 'accepted',
  AA: 'accepted',
  AC: 'accepted',
  AR: 'accepted',
  BP: 'accepted',
  IC: 'changed',
  IP: 'changed',
  IQ: 'changed',
  DR: 'changed',
  IS: 'substituted',
  IE: 'pending',
  SP: 'pending',
  IB: 'backordered',
  IH: 'held',
  IF: 'held',
  IW: 'held',
  IR: 'rejected',
  ID: 'rejected',
  R1: 'rejected',
  R2: 'rejected',
  R3: 'rejected',
  R4: 'rejected',
  R5: 'rejected',
  R6: 'rejected',
  R7: 'rejected',
  R8: 'rejected',
};

export function read855(transaction: RawTransaction, options: ReadOptions): PurchaseOrderAcknowledgement {
  const { st, se, body } = bodyOf(transaction);
  const areas = splitAreas('855', st, se, body);
  const bak = areas.heading[0] as Segment;
  const ack: PurchaseOrderAcknowledgement = {
    type: '855',
    purpose: requiredCode(bak, 1, { min: 2, max: 2 }),
    ackType: requiredCode(bak, 2, { min: 2, max: 2 }),
    poNumber: requiredText(bak, 3, { max: 22 }),
    poDate: requiredDate(bak, 4),
    releaseNumber: optionalText(bak, 5, { max: 30 }),
    referenceNumber: optionalText(bak, 6, { max: 45 }),
    ackDate: optionalDate(bak, 9),
    currency: null,
    references: [],
    dates: [],
    parties: [],
    lines: [],
    lineCount: null,
    hashTotal: null,
  };

  const heading = readParties(areas.heading.slice(1));
  ack.parties = heading.parties;
  let exponent = currencyExponent(options.currency ?? null);
  for (const segment of heading.rest) {
    if (segment.id === 'CUR' && ack.currency === null) {
      const read = readCurrency(segment);
      ack.currency = read.currency;
      exponent = read.exponent;
    } else if (segment.id === 'REF') ack.references.push(readReference(segment));
    else if (segment.id === 'DTM') ack.dates.push(readDate(segment));
  }

  for (const loop of areas.lines) {
    const line: AckLine = { ...readLineItem(loop[0] as Segment, exponent), statuses: [], dates: [] };
    for (const segment of loop.slice(1)) {
      if (segment.id === 'PID')
        line.description = joinDescriptions(line.description, readDescription(segment));
      else if (segment.id === 'ACK') line.statuses.push(readAck(segment));
      else if (segment.id === 'DTM') line.dates.push(readDate(segment));
    }
    ack.lines.push(line);
  }

  let ctt: Segment | null = null;
  for (const segment of areas.summary) {
    if (segment.id !== 'CTT') continue;
    ctt = segment;
    const totals = readTotals(segment);
    ack.lineCount = totals.lineCount;
    ack.hashTotal = totals.hashTotal;
  }
  checkLineCount(ctt, ack.lineCount, ack.lines.length);
  return ack;
}

function readAck(segment: Segment): AckStatus {
  checkElementCount(segment, 29);
  const code = requiredCode(segment, 1, { min: 2, max: 2 });
  const category = ackStatusCodes[code];
  if (category === undefined) badElement(segment, 1, 'is not a line item status code of X12 004010', code);
  const quantity = optionalQuantity(segment, 2);
  const unit = optionalCode(segment, 3, { min: 2, max: 2 });
  // ACK02/ACK03 go together (P0203); a date qualifier needs its date (C0405), a date alone is allowed.
  if ((quantity === null) !== (unit === null)) {
    badElement(
      segment,
      quantity === null ? 2 : 3,
      'must be given together with its pair (ACK02 quantity, ACK03 unit)',
    );
  }
  const dateQualifier = optionalCode(segment, 4, { min: 3, max: 3 });
  const date = optionalDate(segment, 5);
  if (dateQualifier !== null && date === null)
    badElement(segment, 5, `is required after the date qualifier ${dateQualifier}`);
  return { code, category, quantity, unit, dateQualifier, date, productIds: readProductIds(segment, 7, 28) };
}
