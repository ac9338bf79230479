import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PurchaseOrderAcknowledgement } from './contract.js';
import { matchAcknowledgement, parse855 } from './index.js';
import { interchangeOf, orderAnsweredBySample855, pharmacyOrder } from './test-fixtures.js';

function ackOf(text: string): PurchaseOrderAcknowledgement {
  const parsed = parse855(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value.documents[0]!.document;
}

/** An 855 for the pharmacy order: BAK of `type`, then the given segments. */
function ack(type: string, segments: string[], poNumber = 'PO-2024-0001'): PurchaseOrderAcknowledgement {
  return ackOf(interchangeOf('855', [`BAK*00*${type}*${poNumber}*20240305`, 'CUR*SE*USD', ...segments]));
}

const line1 = 'PO1*1*3*BX*12.99**UP*300450449108';
const line2 = 'PO1*2*12*EA*0.0125**VN*GZ-44';
const line3 = 'PO1*3*2*PK*8.99**UK*05012345678900*VN*TS-10';
const allAccepted = [line1, 'ACK*IA*3*BX', line2, 'ACK*IA*12*EA', line3, 'ACK*IA*2*PK'];

function match(acknowledgement: PurchaseOrderAcknowledgement) {
  const result = matchAcknowledgement(pharmacyOrder(), acknowledgement);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const kinds = (acknowledgement: PurchaseOrderAcknowledgement) =>
  match(acknowledgement).discrepancies.map((found) => [
    found.kind,
    found.orderLineNo,
    found.expected,
    found.actual,
  ]);

describe('matchAcknowledgement on the public sample 855', () => {
  const sample = readFileSync(
    new URL('../../../../shared/data/edi/node-x12_855.edi', import.meta.url),
    'utf8',
  );
  const result = matchAcknowledgement(orderAnsweredBySample855(), ackOf(sample));

  it('finds titles 1 and 4 accepted as ordered and titles 2 and 3 rejected whole', () => {
    expect(
      result.ok &&
        result.value.discrepancies.map((found) => [
          found.kind,
          found.orderLineNo,
          found.expected,
          found.actual,
        ]),
    ).toEqual([
      ['rejected', 2, 2, 2],
      ['rejected', 3, 1, 1],
    ]);
    expect(
      result.ok &&
        result.value.lines.map((line) => [
          line.orderLineNo,
          line.acknowledged?.quantity,
          line.acknowledged?.rejectedQuantity,
          line.acknowledged?.statusCodes,
        ]),
    ).toEqual([
      [1, 3, 0, ['IA']],
      [2, 0, 2, ['IR']],
      [3, 0, 1, ['IR']],
      [4, 2, 0, ['IA']],
    ]);
  });

  it('ignores the 0.00 price on the rejected third title, and totals what is accepted', () => {
    expect(result.ok && result.value.totals).toEqual({
      exponent: 2,
      orderedMinor: 6448,
      acknowledgedMinor: 2250,
      differenceMinor: -4198,
    });
    expect(result.ok && result.value.matches).toBe(false);
  });
});

describe('matchAcknowledgement line statuses', () => {
  it('matches an acknowledgement that accepts every line as ordered', () => {
    const result = match(ack('AD', allAccepted));
    expect(result.matches).toBe(true);
    expect(result.totals).toEqual({
      exponent: 4,
      orderedMinor: 571000,
      acknowledgedMinor: 571000,
      differenceMinor: 0,
    });
  });

  it('reports a changed quantity as short', () => {
    expect(kinds(ack('AC', [line1, 'ACK*IQ*2*BX', line2, 'ACK*IA*12*EA', line3, 'ACK*IA*2*PK']))).toEqual([
      ['quantityShort', 1, 3, 2],
    ]);
  });

  it('reports a backorder with its date, and a split line (part accepted, part backordered) as backordered only', () => {
    const result = match(
      ack('AC', [
        line1,
        'ACK*IB*3*BX*068*20240320',
        line2,
        'ACK*IA*10*EA',
        'ACK*IB*2*EA',
        line3,
        'ACK*IA*2*PK',
      ]),
    );
    expect(result.discrepancies.map((found) => [found.kind, found.orderLineNo, found.actual])).toEqual([
      ['backordered', 1, 3],
      ['backordered', 2, 2],
    ]);
    expect(result.lines[0]?.acknowledged?.dates).toEqual([
      { qualifier: '068', date: '2024-03-20', time: null },
    ]);
  });

  it('treats BP (partial shipment, balance backordered) as accepting its quantity and backordering the rest', () => {
    const result = match(ack('AC', [line1, 'ACK*BP*1*BX', line2, 'ACK*IA*12*EA', line3, 'ACK*IA*2*PK']));
    expect(result.lines[0]?.acknowledged).toMatchObject({ quantity: 1, backorderedQuantity: 2 });
    expect(result.discrepancies.map((found) => found.kind)).toEqual(['backordered']);
  });

  it('reads a lone IB for part of a line as the rest accepted', () => {
    const result = match(
      ack('AC', [line1, 'ACK*IA*3*BX', line2, 'ACK*IB*5*EA*068*20240320', line3, 'ACK*IA*2*PK']),
    );
    expect(result.lines[1]?.acknowledged).toMatchObject({ quantity: 7, backorderedQuantity: 5 });
    expect(result.discrepancies.map((found) => [found.kind, found.orderLineNo, found.actual])).toEqual([
      ['backordered', 2, 5],
    ]);
  });

  it('reports a changed price with both prices as exact decimals, whatever their decimals', () => {
    const result = match(
      ack('AC', [
        'PO1*1*3*BX*13.49**UP*300450449108',
        'ACK*IP*3*BX',
        'PO1*2*12*EA*0.01250**VN*GZ-44',
        'ACK*IA*12*EA',
        line3,
        'ACK*IA*2*PK',
      ]),
    );
    expect(
      result.discrepancies.map((found) => [found.kind, found.orderLineNo, found.expected, found.actual]),
    ).toEqual([['priceDifferent', 1, '12.99', '13.49']]);
    // 0.01250 has five decimals, so the totals are kept at five.
    expect(result.totals).toMatchObject({ exponent: 5, differenceMinor: 3 * 50000 });
  });

  it('reports a substitution by status IS with the substitute item, and by a contradicting item on the line', () => {
    expect(
      kinds(
        ack('AC', [line1, 'ACK*IS*3*BX****UP*036000291452', line2, 'ACK*IA*12*EA', line3, 'ACK*IA*2*PK']),
      ),
    ).toEqual([['substituted', 1, 'GTIN 00300450449108, NDC 00045044910', 'UP 036000291452']]);
    expect(
      kinds(
        ack('AC', [
          'PO1*1*3*BX*12.99**UP*036000291452',
          'ACK*IA*3*BX',
          line2,
          'ACK*IA*12*EA',
          line3,
          'ACK*IA*2*PK',
        ]),
      ),
    ).toEqual([['substituted', 1, 'GTIN 00300450449108, NDC 00045044910', 'GTIN 00036000291452']]);
  });

  it('matches by item when the supplier numbers its lines its own way', () => {
    const renumbered = [
      line3.replace('PO1*3', 'PO1*1'),
      'ACK*IA*2*PK',
      line1.replace('PO1*1', 'PO1*2'),
      'ACK*IA*3*BX',
      line2.replace('PO1*2', 'PO1*3'),
      'ACK*IA*12*EA',
    ];
    const result = match(ack('AD', renumbered));
    expect(result.matches).toBe(true);
    expect(result.lines.map((line) => [line.orderLineNo, line.documentLineNos])).toEqual([
      [1, ['2']],
      [2, ['3']],
      [3, ['1']],
    ]);
  });

  it('reads line numbers with leading zeros as the same line', () => {
    const result = match(
      ack(
        'AD',
        allAccepted.map((segment) => segment.replace(/^PO1\*(\d)/, 'PO1*00$1')),
      ),
    );
    expect(result.matches).toBe(true);
  });

  it('reports a line the order does not have, and an order line the acknowledgement leaves out', () => {
    expect(
      kinds(
        ack('AD', [line1, 'ACK*IA*3*BX', line2, 'ACK*IA*12*EA', 'PO1*9*1*EA*1.00**VN*XX-1', 'ACK*IA*1*EA']),
      ),
    ).toEqual([
      ['lineMissing', 3, 2, null],
      ['lineNotOrdered', null, null, 1],
    ]);
  });

  it('reads lines left out of an exception-only acknowledgement (AE) as accepted', () => {
    const result = match(ack('AE', [line2, 'ACK*IQ*10*EA']));
    expect(result.discrepancies.map((found) => [found.kind, found.orderLineNo])).toEqual([
      ['quantityShort', 2],
    ]);
    expect(result.lines[0]?.acknowledged).toMatchObject({ quantity: 3, implicit: true });
  });

  it('reads a rejection without detail (RJ) as every line rejected', () => {
    expect(kinds(ack('RJ', []))).toEqual([
      ['rejected', 1, 3, 3],
      ['rejected', 2, 12, 12],
      ['rejected', 3, 2, 2],
    ]);
  });

  it('does not compare quantities in another unit, and says so', () => {
    expect(
      kinds(
        ack('AC', [
          'PO1*1*1*CA*38.97**UP*300450449108',
          'ACK*IA*1*CA',
          line2,
          'ACK*IA*12*EA',
          line3,
          'ACK*IA*2*PK',
        ]),
      ),
    ).toEqual([
      ['unitDifferent', 1, 'BX', 'CA'],
      ['priceDifferent', 1, '12.99', '38.97'],
    ]);
  });

  it('reports another purchase order number and another currency at document level', () => {
    const other = ackOf(interchangeOf('855', ['BAK*00*AD*PO-OTHER*20240305', 'CUR*SE*EUR', ...allAccepted]));
    expect(kinds(other)).toEqual([
      ['poNumberDifferent', null, 'PO-2024-0001', 'PO-OTHER'],
      ['currencyDifferent', null, 'USD', 'EUR'],
    ]);
  });

  it('refuses an order that breaks the contract rather than matching it', () => {
    const order = { ...pharmacyOrder(), lines: [] };
    expect(matchAcknowledgement(order, ack('AD', allAccepted))).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput' },
    });
  });
});
