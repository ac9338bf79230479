import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Invoice, PurchaseOrder, ReceivedQuantity } from './contract.js';
import { matchInvoice, parse810 } from './index.js';
import { interchangeOf, orderAnsweredBySample810, pharmacyOrder } from './test-fixtures.js';

const samples = new URL('../../../../shared/data/edi/', import.meta.url);

function invoiceOf(text: string): Invoice {
  const parsed = parse810(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value.documents[0]!.document;
}

function match(order: PurchaseOrder, invoice: Invoice, received?: ReceivedQuantity[]) {
  const result = matchInvoice(order, invoice, received);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const summary = (found: ReturnType<typeof match>) =>
  found.discrepancies.map((entry) => [
    entry.kind,
    entry.orderLineNo,
    entry.expected,
    entry.actual,
    entry.against,
  ]);

describe('matchInvoice on the public sample 810', () => {
  const invoice = invoiceOf(readFileSync(new URL('edi801_sample_810.edi', samples), 'utf8'));

  it('matches its three lines to the order by vendor part number and finds the TDS 1.00 short of its own parts', () => {
    const result = match(orderAnsweredBySample810(), invoice);
    expect(
      result.lines.map((line) => [
        line.orderLineNo,
        line.documentLineNos,
        line.invoiced?.quantity,
        line.invoiced?.extendedMinor,
      ]),
    ).toEqual([
      [1, ['1'], 10, 25500],
      [2, ['2'], 5, 7500],
      [3, ['3'], 20, 17500],
    ]);
    expect(summary(result)).toEqual([['totalDifferent', null, '524.63', '523.63', 'computed']]);
  });

  it('totals lines 505.00, the freight charge 1.25 and the summary tax 18.38 once, though a line repeats it', () => {
    expect(match(orderAnsweredBySample810(), invoice).totals).toEqual({
      exponent: 2,
      orderedMinor: 50500,
      invoicedLinesMinor: 50500,
      invoicedAtOrderPriceMinor: 50500,
      receivedAtOrderPriceMinor: null,
      chargesMinor: 125,
      allowancesMinor: 0,
      taxMinor: 1838,
      computedTotalMinor: 52463,
      invoiceTotalMinor: 52363,
    });
  });

  it('holds the invoice against what receiving counted: billing 5 gadgets when 4 arrived is over', () => {
    const result = match(orderAnsweredBySample810(), invoice, [
      { lineNo: 1, quantity: 10 },
      { lineNo: 2, quantity: 4 },
      { lineNo: 3, quantity: 20 },
    ]);
    expect(summary(result)).toEqual([
      ['quantityOver', 2, 4, 5, 'received'],
      ['totalDifferent', null, '524.63', '523.63', 'computed'],
    ]);
    expect(result.lines[1]?.received).toBe(4);
    expect(result.totals.receivedAtOrderPriceMinor).toBe(49000);
  });

  it('refuses received quantities for a line the order does not have', () => {
    expect(matchInvoice(orderAnsweredBySample810(), invoice, [{ lineNo: 7, quantity: 1 }])).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'received.0.lineNo' } },
    });
  });
});

describe('matchInvoice on the lazy sample (IEA corrected)', () => {
  const text = readFileSync(new URL('edi801_lazy_810.edi', samples), 'utf8').replace(
    'IEA*1*000001320',
    'IEA*1*000003438',
  );
  const invoice = invoiceOf(text);
  const prices = [860, 1500, 700, 1720, 430, 430, 150, 150];
  const quantities = [4, 2, 2, 4, 8, 4, 6, 6];
  const order: PurchaseOrder = {
    ...orderAnsweredBySample810(),
    poNumber: 'P792940',
    orderDate: '2010-12-04',
    lines: [
      ...prices.map((price, index) => ({
        lineNo: index + 1,
        quantity: quantities[index] ?? 0,
        unit: 'EA',
        unitPriceMinor: price,
        currencyExponent: 2,
        supplierSku: `ITEM-${index + 1}`,
        description: `Item ${index + 1}`,
      })),
      {
        lineNo: 9,
        quantity: 1,
        unit: 'EA',
        unitPriceMinor: 100,
        currencyExponent: 2,
        supplierSku: 'ITEM-9',
        description: 'Item 9',
      },
    ],
  };

  it('matches by line number (its U.P.C.s are unreadable as GTINs), finds a price rise on line 3 and line 9 not billed', () => {
    const result = match(order, invoice);
    expect(summary(result)).toEqual([
      ['priceDifferent', 3, '7.00', '7.30', 'ordered'],
      ['lineMissing', 9, 1, 0, 'ordered'],
    ]);
    expect(result.totals).toMatchObject({
      invoicedLinesMinor: 21740,
      invoicedAtOrderPriceMinor: 21680,
      computedTotalMinor: 21740,
      invoiceTotalMinor: 21740,
    });
  });
});

describe('matchInvoice discrepancies', () => {
  const heading = ['BIG*20240310*INV-9*20240305*PO-2024-0001', 'CUR*SE*USD'];
  const lines = [
    'IT1*1*3*BX*12.99**UP*300450449108',
    'IT1*2*12*EA*0.0125**VN*GZ-44',
    'IT1*3*2*PK*8.99**VN*TS-10',
  ];
  const invoice = (body: string[], total: string) =>
    invoiceOf(interchangeOf('810', [...heading, ...body, `TDS*${total}`]));

  it('matches an invoice that bills exactly the order', () => {
    const result = match(pharmacyOrder(), invoice(lines, '5710'));
    expect(result.matches).toBe(true);
    expect(result.totals).toMatchObject({
      exponent: 4,
      orderedMinor: 571000,
      computedTotalMinor: 571000,
      invoiceTotalMinor: 571000,
    });
  });

  it('reports under- and over-billing against the order, a line not ordered and a missing price', () => {
    const body = [
      'IT1*1*2*BX*12.99**UP*300450449108',
      'IT1*2*13*EA*0.0125**VN*GZ-44',
      'IT1*3*2*PK***VN*TS-10',
      'IT1*4*1*EA*2.00**VN*ZZ-1',
    ];
    expect(summary(match(pharmacyOrder(), invoice(body, '2881')))).toEqual([
      ['quantityShort', 1, 3, 2, 'ordered'],
      ['quantityOver', 2, 12, 13, 'ordered'],
      ['priceDifferent', 3, '8.99', null, 'ordered'],
      ['lineNotOrdered', null, null, 1, null],
      ['totalDifferent', null, '28.1425', '28.8100', 'computed'],
    ]);
  });

  it('takes allowances off and adds charges and tax when recomputing the total', () => {
    const body = [...lines, 'TDS*5510', 'TXI*ST*1.00', 'SAC*A*C310***300', 'SAC*C*D240***100'];
    const result = match(pharmacyOrder(), invoiceOf(interchangeOf('810', [...heading, ...body])));
    expect(result.totals).toMatchObject({
      allowancesMinor: 30000,
      chargesMinor: 10000,
      taxMinor: 10000,
      computedTotalMinor: 561000,
      invoiceTotalMinor: 551000,
    });
  });

  it('does not compare quantities billed in another unit, and reports a substituted item', () => {
    const body = ['IT1*1*1*CA*38.97**UP*300450449108', 'IT1*2*12*EA*0.0125**VN*GZ-99', lines[2] ?? ''];
    expect(summary(match(pharmacyOrder(), invoice(body, '5710')))).toEqual([
      ['unitDifferent', 1, 'BX', 'CA', 'ordered'],
      ['priceDifferent', 1, '12.99', '38.97', 'ordered'],
      ['substituted', 2, 'item GZ-44', 'item GZ-99', 'ordered'],
    ]);
  });

  it('reports an invoice for another purchase order or in another currency', () => {
    const other = invoiceOf(
      interchangeOf('810', ['BIG*20240310*INV-9*20240305*PO-OTHER', 'CUR*SE*CAD', ...lines, 'TDS*5710']),
    );
    expect(summary(match(pharmacyOrder(), other))).toEqual([
      ['poNumberDifferent', null, 'PO-2024-0001', 'PO-OTHER', 'ordered'],
      ['currencyDifferent', null, 'USD', 'CAD', 'ordered'],
    ]);
  });

  it('adds up an order line billed on two invoice lines', () => {
    const body = [
      'IT1*1*1*BX*12.99**UP*300450449108',
      'IT1*1*2*BX*12.99**UP*300450449108',
      ...lines.slice(1),
    ];
    const result = match(pharmacyOrder(), invoice(body, '5710'));
    expect(result.matches).toBe(true);
    expect(result.lines[0]).toMatchObject({
      documentLineNos: ['1', '1'],
      invoiced: { quantity: 3, extendedMinor: 389700 },
    });
  });
});
