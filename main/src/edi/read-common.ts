// Segments that 850, 855 and 810 share (CUR, REF, DTM, N1 loops, PID, CTT and the line item's product id
// pairs), read into plain data once so the three documents agree on what they mean.
import { getCurrency } from '../money/currencies.js';
import type { DateReference, ParsedAddress, ParsedParty, ProductId, Reference } from './contract.js';
import {
  badElement,
  checkElementCount,
  locationOf,
  optionalCode,
  optionalDate,
  optionalDecimal,
  optionalQuantity,
  optionalText,
  raw,
  requiredCode,
} from './elements.js';
import { at, fail, where } from './errors.js';
import { itemIds } from './product-ids.js';
import type { Segment } from './tokenizer.js';

/** CUR02 and the smallest exponent its prices are read at (the ISO exponent when the money module knows it). */
export function readCurrency(segment: Segment): { currency: string; exponent: number } {
  const currency = raw(segment, 2);
  if (!/^[A-Z]{3}$/.test(currency)) badElement(segment, 2, 'must be an ISO 4217 currency code', currency);
  return { currency, exponent: currencyExponent(currency) };
}

export function currencyExponent(currency: string | null): number {
  if (currency === null) return 0;
  const info = getCurrency(currency);
  return info.ok ? info.value.exponent : 0;
}

export function readReference(segment: Segment): Reference {
  const qualifier = requiredCode(segment, 1, { min: 2, max: 3 });
  const value = optionalText(segment, 2, { max: 50 });
  const description = optionalText(segment, 3, { max: 80 });
  if (value === null && description === null) badElement(segment, 2, 'or REF03 is required');
  return { qualifier, value, description };
}

export function readDate(segment: Segment): DateReference {
  const qualifier = requiredCode(segment, 1, { min: 3, max: 3 });
  const date = optionalDate(segment, 2);
  const clock = optionalText(segment, 3, { min: 4, max: 8 });
  if (clock !== null && !/^\d{4,8}$/.test(clock))
    badElement(segment, 3, 'must be a time as HHMM[SS[DD]]', clock);
  return { qualifier, date, time: clock };
}

/** PID with PID01 F: its PID05 text; other PIDs (structured codes) give null. */
export function readDescription(segment: Segment): string | null {
  const kind = requiredCode(segment, 1, { min: 1, max: 1 });
  if (kind !== 'F' && kind !== 'S' && kind !== 'X') badElement(segment, 1, 'must be F, S or X', kind);
  return kind === 'F' || kind === 'X' ? optionalText(segment, 5, { max: 80 }) : null;
}

/** CTT01 and CTT02 as written. */
export function readTotals(segment: Segment): { lineCount: number; hashTotal: string | null } {
  const count = raw(segment, 1);
  if (!/^\d{1,6}$/.test(count)) badElement(segment, 1, 'must be the number of line items', count);
  const hash = optionalText(segment, 2, { max: 10 });
  if (hash !== null && !/^-?\d*\.?\d*$/.test(hash))
    badElement(segment, 2, 'must be a number (hash total)', hash);
  return { lineCount: Number(count), hashTotal: hash };
}

export function checkLineCount(segment: Segment | null, lineCount: number | null, actual: number): void {
  if (segment === null || lineCount === null || lineCount === actual) return;
  fail(
    'edi.lineCountMismatch',
    `${where(locationOf(segment))}: CTT01 says ${lineCount} line items, the transaction set has ${actual}`,
    at(locationOf(segment), { element: 'CTT01', expected: actual, actual: lineCount }),
  );
}

/** Qualifier/id pairs from `first` to `last` (PO106–PO125, ACK07–ACK28): both or neither. */
export function readProductIds(segment: Segment, first: number, last: number): ProductId[] {
  const ids: ProductId[] = [];
  for (let index = first; index < last; index += 2) {
    const qualifier = raw(segment, index);
    const id = raw(segment, index + 1);
    if (qualifier === '' && id === '') continue;
    if (qualifier === '') badElement(segment, index, 'is required when the product id after it is given', id);
    if (id === '') badElement(segment, index + 1, `is required after qualifier ${qualifier}`);
    if (!/^[A-Z0-9]{2}$/.test(qualifier))
      badElement(segment, index, 'is not a product id qualifier', qualifier);
    if (id.length > 48) badElement(segment, index + 1, 'must be at most 48 characters', id);
    ids.push({ qualifier, id });
  }
  return ids;
}

/**
 * PO1 and IT1 share their layout: 01 line number, 02 quantity, 03 unit, 04 unit price, 05 basis of unit
 * price, 06–25 product id pairs.
 */
export function readLineItem(segment: Segment, priceExponent: number) {
  checkElementCount(segment, 25);
  const lineNo = optionalText(segment, 1, { max: 20 });
  const quantity = optionalQuantity(segment, 2);
  const unit = optionalCode(segment, 3, { min: 2, max: 2 });
  const unitPrice = optionalDecimal(segment, 4, { minExponent: priceExponent });
  const priceBasis = optionalCode(segment, 5, { min: 2, max: 2 });
  const productIds = readProductIds(segment, 6, 25);
  if (quantity !== null && unitPrice !== null && !Number.isSafeInteger(quantity * unitPrice.minor)) {
    fail(
      'edi.amountOverflow',
      `${where(locationOf(segment))}: quantity × unit price is too large to hold exactly`,
      at(locationOf(segment)),
    );
  }
  return {
    lineNo,
    quantity,
    unit,
    unitPrice,
    priceBasis,
    productIds,
    ...itemIds(productIds),
    description: null as string | null,
    segment: segment.segment,
  };
}

/** Joins the free-form PID texts of a line. */
export function joinDescriptions(previous: string | null, next: string | null): string | null {
  if (next === null) return previous;
  return previous === null ? next : `${previous} ${next}`;
}

/**
 * Reads the N1 loops of an area: N1 opens a party, N2 adds a name line, N3 address lines, N4 the place.
 * Returns the parties and the segments that are not part of an N1 loop, in order. An N2/N3/N4 with no N1
 * before it is out of order.
 */
export function readParties(segments: readonly Segment[]): { parties: ParsedParty[]; rest: Segment[] } {
  const parties: ParsedParty[] = [];
  const rest: Segment[] = [];
  let current: ParsedParty | null = null;
  const loopMembers = new Set([
    'N2',
    'N3',
    'N4',
    'NX2',
    'REF',
    'PER',
    'SI',
    'FOB',
    'TD1',
    'TD5',
    'TD3',
    'TD4',
    'PKG',
    'G61',
    'DMG',
  ]);
  for (const segment of segments) {
    if (segment.id === 'N1') {
      current = readN1(segment);
      parties.push(current);
      continue;
    }
    if (segment.id === 'N2' || segment.id === 'N3' || segment.id === 'N4') {
      if (current === null) {
        fail(
          'edi.segmentOutOfOrder',
          `${where(locationOf(segment))}: ${segment.id} must follow an N1`,
          at(locationOf(segment)),
        );
      }
      addToParty(current, segment);
      continue;
    }
    if (current !== null && loopMembers.has(segment.id)) continue;
    current = null;
    rest.push(segment);
  }
  return { parties, rest };
}

function readN1(segment: Segment): ParsedParty {
  const code = requiredCode(segment, 1, { min: 2, max: 3 });
  const name = optionalText(segment, 2, { max: 60 });
  const idQualifier = optionalCode(segment, 3, { min: 1, max: 2 });
  const id = optionalText(segment, 4, { min: 2, max: 80 });
  if (name === null && idQualifier === null) badElement(segment, 2, 'or N103/N104 is required');
  if ((idQualifier === null) !== (id === null))
    badElement(segment, idQualifier === null ? 3 : 4, 'and its pair must be given together');
  return { code, name, idQualifier, id, additionalNames: [], address: null };
}

function addToParty(party: ParsedParty, segment: Segment): void {
  const address: ParsedAddress = party.address ?? {
    lines: [],
    city: null,
    region: null,
    postalCode: null,
    country: null,
  };
  if (segment.id === 'N2') {
    for (const index of [1, 2]) {
      const name = optionalText(segment, index, { max: 60 });
      if (name !== null) party.additionalNames.push(name);
    }
    return;
  }
  if (segment.id === 'N3') {
    for (const index of [1, 2]) {
      const line = optionalText(segment, index, { max: 55 });
      if (line !== null) address.lines.push(line);
    }
    if (address.lines.length === 0) badElement(segment, 1, 'is required');
  } else {
    address.city = optionalText(segment, 1, { max: 30 });
    address.region = optionalCode(segment, 2, { min: 2, max: 2 });
    address.postalCode = optionalText(segment, 3, { max: 15 });
    address.country = optionalCode(segment, 4, { min: 2, max: 3 });
  }
  party.address = address;
}
