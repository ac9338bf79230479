// Writes Mortar's purchase order as an X12 004010 850. Prices leave as exact decimals written from integer
// minor units, with exactly the order line's decimals, so that reading the file back gives the same order.
import type { Address, EdiResult, EnvelopeOptions, OrderLine, Party, PurchaseOrder } from './contract.js';
import { envelopeOptionsSchema } from './contract.js';
import { decimalText, isSafe } from './decimal.js';
import { attempt, fail } from './errors.js';
import { checkInput, checkOrder } from './input.js';
import { segmentText, transactionControl, wrapInterchange, type WriteOptions } from './writer.js';

/** The N1 codes Mortar writes: BY buyer (the pharmacy), ST ship to, VN vendor (the supplier). */
export const PARTY_CODES = { buyer: 'BY', shipTo: 'ST', supplier: 'VN' } as const;

/** Hash totals (CTT02) keep their ten low-order digits, as X12 prescribes when the sum is longer. */
const HASH_MODULUS = 10_000_000_000n;

export function generate850(
  order: PurchaseOrder,
  envelope: EnvelopeOptions,
  options: WriteOptions = {},
): EdiResult<string> {
  return attempt(() => {
    const checked = checkOrder(order).order;
    const numbers = checkInput(envelopeOptionsSchema, envelope, 'envelope');
    const control = transactionControl(numbers);
    const body: string[] = [
      segmentText(['BEG', '00', 'SA', checked.poNumber, '', compactDate(checked.orderDate)]),
      segmentText(['CUR', 'BY', checked.currency]),
      ...(checked.references ?? []).map((reference) =>
        segmentText(['REF', reference.qualifier, reference.value]),
      ),
      ...(checked.requestedDeliveryDate === undefined
        ? []
        : [segmentText(['DTM', '002', compactDate(checked.requestedDeliveryDate)])]),
      ...partySegments(PARTY_CODES.buyer, checked.buyer),
      ...partySegments(PARTY_CODES.shipTo, checked.shipTo),
      ...partySegments(PARTY_CODES.supplier, checked.supplier),
      ...checked.lines.flatMap(lineSegments),
      ...summarySegments(checked.lines),
    ];
    const transaction = [segmentText(['ST', '850', control]), ...body];
    transaction.push(segmentText(['SE', transaction.length + 1, control]));
    return wrapInterchange('PO', transaction, numbers, options);
  });
}

function compactDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

function partySegments(code: string, party: Party): string[] {
  const segments = [segmentText(['N1', code, party.name, party.idQualifier, party.id])];
  if (party.address !== undefined) segments.push(...addressSegments(party.address));
  return segments;
}

function addressSegments(address: Address): string[] {
  const segments: string[] = [];
  for (let index = 0; index < address.lines.length; index += 2) {
    segments.push(segmentText(['N3', address.lines[index], address.lines[index + 1]]));
  }
  segments.push(segmentText(['N4', address.city, address.region, address.postalCode, address.country]));
  return segments;
}

/**
 * PO1 with the item's identifiers: a GTIN-12 as UP (the U.P.C. most US suppliers key on), any other GTIN
 * (GTIN-8, -13, -14) as UK in its 14-digit form, the NDC as N4 (5-4-2), the supplier's number as VN.
 */
function lineSegments(line: OrderLine): string[] {
  const ids: string[] = [];
  if (line.gtin !== undefined) {
    if (line.gtin.startsWith('00') && !line.gtin.startsWith('000000')) ids.push('UP', line.gtin.slice(2));
    else ids.push('UK', line.gtin);
  }
  if (line.ndc !== undefined) ids.push('N4', line.ndc);
  if (line.supplierSku !== undefined) ids.push('VN', line.supplierSku);
  return [
    segmentText([
      'PO1',
      line.lineNo,
      line.quantity,
      line.unit,
      decimalText(line.unitPriceMinor, line.currencyExponent),
      '',
      ...ids,
    ]),
    segmentText(['PID', 'F', '', '', '', line.description]),
  ];
}

function summarySegments(lines: readonly OrderLine[]): string[] {
  const exponent = lines.reduce((max, line) => Math.max(max, line.currencyExponent), 0);
  let total = 0n;
  let hash = 0n;
  for (const line of lines) {
    total +=
      BigInt(line.quantity) * BigInt(line.unitPriceMinor) * 10n ** BigInt(exponent - line.currencyExponent);
    hash += BigInt(line.quantity);
  }
  if (!isSafe(total))
    fail('edi.amountOverflow', 'the order total is too large to hold exactly', { path: 'order.lines' });
  return [
    segmentText(['CTT', lines.length, (hash % HASH_MODULUS).toString()]),
    segmentText(['AMT', 'TT', decimalText(total, exponent)]),
  ];
}
