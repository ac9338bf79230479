import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orderFromParsed850, parse810, parse850, parse855, parseEdi } from './index.js';

const dataDir = new URL('../../../../shared/data/edi/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, dataDir), 'utf8');

function ok<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('node-x12_850.edi: a retail 850 with "~" terminators and a line feed after each', () => {
  const batch = ok(parse850(sample('node-x12_850.edi')));
  const order = batch.documents[0]?.document;

  it('reads the envelope: ISA12 00400, sender 12/4405197800, receiver 01/999999999, control 3438, group 1421', () => {
    expect(batch.interchange).toMatchObject({
      senderQualifier: '12',
      senderId: '4405197800',
      receiverQualifier: '01',
      receiverId: '999999999',
      date: '2010-11-27',
      time: '17:19',
      version: '00400',
      controlNumber: 3438,
      usage: 'P',
      delimiters: { element: '*', subElement: '>', segment: '~' },
    });
    expect(batch.groups).toEqual([
      {
        functionalId: 'PO',
        applicationSender: '4405197800',
        applicationReceiver: '999999999',
        date: '2010-11-27',
        time: '17:19',
        controlNumber: 1421,
        version: '004010VICS',
      },
    ]);
    expect(batch.documents.map((entry) => entry.transactionControlNumber)).toEqual(['000000010']);
  });

  it('reads BEG, REF, DTM and the ship-to N1 loop', () => {
    expect(order).toMatchObject({
      purpose: '00',
      orderType: 'SA',
      poNumber: '08292233294',
      orderDate: '2010-11-27',
      contractNumber: '610385385',
      currency: null,
      references: [
        { qualifier: 'DP', value: '038', description: null },
        { qualifier: 'PS', value: 'R', description: null },
      ],
      dates: [{ qualifier: '002', date: '2010-12-14', time: null }],
      parties: [
        {
          code: 'ST',
          name: 'XYZ RETAIL',
          idQualifier: '9',
          id: '0003947268292',
          address: {
            lines: ['31875 SOLON RD'],
            city: 'SOLON',
            region: 'OH',
            postalCode: '44139',
            country: null,
          },
        },
      ],
    });
  });

  it('reads six PO1 lines with buyer catalog and vendor numbers, and the total AMT equals their sum', () => {
    expect(
      order?.lines.map((line) => [
        line.lineNo,
        line.quantity,
        line.unit,
        line.unitPrice,
        line.supplierSku,
        line.buyerItemId,
        line.description,
      ]),
    ).toEqual([
      ['1', 120, 'EA', { minor: 925, exponent: 2 }, 'AB3542', '065322-117', 'SMALL WIDGET'],
      ['2', 220, 'EA', { minor: 1379, exponent: 2 }, 'RD5322', '066850-116', 'MEDIUM WIDGET'],
      ['3', 126, 'EA', { minor: 1099, exponent: 2 }, 'XY5266', '060733-110', 'LARGE WIDGET'],
      ['4', 76, 'EA', { minor: 435, exponent: 2 }, 'VX2332', '065308-116', 'NANO WIDGET'],
      ['5', 72, 'EA', { minor: 75, exponent: 1 }, 'RV0524', '065374-118', 'BLUE WIDGET'],
      ['6', 696, 'EA', { minor: 955, exponent: 2 }, 'DX1875', '067504-118', 'ORANGE WIDGET'],
    ]);
    expect(order?.lineCount).toBe(6);
    expect(order?.totalAmount).toEqual({ minor: 1304594, exponent: 2 });
    const sum = (order?.lines ?? []).reduce(
      (total, line) =>
        total +
        BigInt(line.quantity ?? 0) *
          BigInt(line.unitPrice?.minor ?? 0) *
          10n ** BigInt(2 - (line.unitPrice?.exponent ?? 2)),
      0n,
    );
    expect(sum).toBe(1304594n);
  });

  it('reads prices at the currency exponent when the caller names the currency the file leaves out', () => {
    const usd = ok(parse850(sample('node-x12_850.edi'), { currency: 'USD' }));
    expect(usd.documents[0]?.document.lines[4]?.unitPrice).toEqual({ minor: 750, exponent: 2 });
  });

  it('is not a Mortar order: it names no buyer, supplier or currency, and the conversion says which is missing', () => {
    const converted = orderFromParsed850(order as NonNullable<typeof order>);
    expect(converted).toMatchObject({
      ok: false,
      error: { code: 'edi.missingSegment', details: { path: 'buyer' } },
    });
  });
});

describe('node-x12_850_2.edi: the same order with the line feed itself as segment terminator', () => {
  it('detects LF as the terminator and reads the same documents as the "~" version', () => {
    const withTilde = ok(parse850(sample('node-x12_850.edi')));
    const withNewline = ok(parse850(sample('node-x12_850_2.edi')));
    expect(withNewline.interchange.delimiters).toEqual({ element: '*', subElement: '>', segment: '\n' });
    expect(withNewline.documents).toEqual(withTilde.documents);
  });
});

describe('node-x12_855.edi: an acknowledgement accepting two titles and rejecting two', () => {
  const batch = ok(parse855(sample('node-x12_855.edi')));
  const ack = batch.documents[0]?.document;

  it('reads BAK, CUR and the ship-to with two N3 lines', () => {
    expect(batch.interchange).toMatchObject({
      senderId: '1556150',
      receiverId: '123MILL',
      version: '00401',
      controlNumber: 5,
    });
    expect(ack).toMatchObject({
      purpose: '00',
      ackType: 'AD',
      poNumber: 'POTEST1112',
      poDate: '2020-10-15',
      referenceNumber: '60169126',
      ackDate: '2020-10-15',
      currency: 'USD',
      references: [{ qualifier: 'ZZZ', value: 'ORDER PROCESSED', description: null }],
      lineCount: 4,
      hashTotal: '5',
    });
    expect(ack?.parties[0]?.address?.lines).toEqual([
      'REGULAR EDI ACCOUNT',
      'ATTN ACQ SERVS',
      '7615 DISALLE BOULEVARD',
    ]);
  });

  it('reads each line with its EAN-13 (ISBN) as a GTIN and its ACK status and quantity', () => {
    expect(
      ack?.lines.map((line) => [
        line.lineNo,
        line.quantity,
        line.unit,
        line.unitPrice?.minor,
        line.gtin,
        line.statuses.map((s) => [s.code, s.category, s.quantity]),
      ]),
    ).toEqual([
      ['1', 3, 'UN', 450, '09780446360265', [['IA', 'accepted', 3]]],
      ['2', 2, 'UN', 1599, '09780767928427', [['IR', 'rejected', 0]]],
      ['3', 1, 'UN', 0, '09780099599531', [['IR', 'rejected', 0]]],
      ['4', 2, 'UN', 450, '09780446360272', [['IA', 'accepted', 2]]],
    ]);
  });
});

describe('edi801_lazy_810.edi: an invoice whose IEA does not close its ISA', () => {
  const text = sample('edi801_lazy_810.edi');

  it('is rejected: IEA02 000001320 is not ISA13 000003438, at segment 22, line 22', () => {
    expect(parse810(text)).toEqual({
      ok: false,
      error: {
        code: 'edi.controlNumberMismatch',
        message: 'segment 22 (IEA), line 22: IEA02 000001320 does not match ISA13 000003438',
        details: {
          segment: 22,
          line: 22,
          segmentId: 'IEA',
          element: 'IEA02',
          expected: '000003438',
          actual: '000001320',
        },
      },
    });
  });

  it('is otherwise sound: with IEA02 corrected it reads eight lines whose sum is the TDS total of 217.40', () => {
    const batch = ok(parse810(text.replace('IEA*1*000001320', 'IEA*1*000003438')));
    const invoice = batch.documents[0]?.document;
    expect(batch.interchange.delimiters.segment).toBe('\n');
    expect(invoice).toMatchObject({
      invoiceDate: '2010-12-04',
      invoiceNumber: '217224',
      poDate: '2010-12-04',
      poNumber: 'P792940',
      references: [
        { qualifier: 'DP', value: '099' },
        { qualifier: 'IA', value: '99999' },
      ],
      parties: [{ code: 'ST', name: null, idQualifier: '92', id: '123' }],
      terms: [{ typeCode: '01', basisDateCode: '3', discountDaysDue: 0, netDays: 60 }],
      total: { minor: 21740, exponent: 2 },
      carrier: { transportMethod: null, routing: 'GTCT', referenceQualifier: 'BM', reference: '99999' },
      lineCount: 8,
    });
    expect(invoice?.lines.map((line) => [line.quantity, line.unitPrice?.minor])).toEqual([
      [4, 860],
      [2, 1500],
      [2, 730],
      [4, 1720],
      [8, 430],
      [4, 430],
      [6, 150],
      [6, 150],
    ]);
    const sum = invoice?.lines.reduce(
      (total, line) => total + (line.quantity ?? 0) * (line.unitPrice?.minor ?? 0),
      0,
    );
    expect(sum).toBe(21740);
  });

  it('keeps its U.P.C.s, whose check digits are wrong, as product ids but not as GTINs', () => {
    const batch = ok(parse810(text.replace('IEA*1*000001320', 'IEA*1*000003438')));
    const first = batch.documents[0]?.document.lines[0];
    expect(first?.productIds).toEqual([{ qualifier: 'UP', id: '999999330023' }]);
    expect(first?.gtin).toBeNull();
  });
});

describe('edi801_minimal_810.edi: an invoice whose SE count is one too many', () => {
  const text = sample('edi801_minimal_810.edi');

  it('is rejected: SE01 says 6 but ST..SE holds 5 segments, at segment 7, line 7', () => {
    expect(parse810(text)).toMatchObject({
      ok: false,
      error: {
        code: 'edi.segmentCountMismatch',
        details: { segment: 7, line: 7, segmentId: 'SE', element: 'SE01', expected: 5, actual: 6 },
      },
    });
  });

  it('reads one line of 1 EA at 100.00 and a TDS of 100.00 once SE01 is corrected', () => {
    const invoice = ok(parse810(text.replace('SE*6*0001', 'SE*5*0001'))).documents[0]?.document;
    expect(invoice).toMatchObject({
      invoiceDate: '2021-03-15',
      invoiceNumber: 'INV-MINIMAL',
      poNumber: null,
      total: { minor: 10000, exponent: 2 },
      lineCount: null,
    });
    expect(invoice?.lines).toHaveLength(1);
    expect(invoice?.lines[0]).toMatchObject({
      lineNo: '1',
      quantity: 1,
      unit: 'EA',
      unitPrice: { minor: 10000, exponent: 2 },
    });
  });
});

describe('edi801_sample_810.edi: a full invoice with parties, terms, a charge and taxes', () => {
  const invoice = ok(parse810(sample('edi801_sample_810.edi'))).documents[0]?.document;

  it('reads BIG, NTE, REF, the bill-to/ship-to/remit-to loops, ITD and DTM', () => {
    expect(invoice).toMatchObject({
      invoiceDate: '2021-03-15',
      invoiceNumber: 'INV-001',
      poDate: '2021-03-01',
      poNumber: 'PO-12345',
      notes: ['This is a test invoice'],
      references: [
        { qualifier: 'VR', value: 'VENDOR-REF-001' },
        { qualifier: 'IA', value: 'INTERNAL-001' },
      ],
      terms: [
        {
          typeCode: '01',
          basisDateCode: '3',
          discountPercent: '2',
          discountDueDate: '2021-04-01',
          netDueDate: '2021-04-15',
          netDays: 30,
        },
      ],
      dates: [{ qualifier: '011', date: '2021-03-10', time: null }],
    });
    expect(invoice?.parties.map((party) => [party.code, party.name, party.id, party.address?.city])).toEqual([
      ['BT', 'Acme Corp', 'BUYER-001', 'New York'],
      ['ST', 'Warehouse Inc', 'SHIP-001', 'Chicago'],
      ['RE', 'Remit Corp', 'REMIT-001', 'Dallas'],
    ]);
  });

  it('reads three IT1 lines with their vendor part numbers, the line charge and the line tax', () => {
    expect(
      invoice?.lines.map((line) => [
        line.quantity,
        line.unitPrice?.minor,
        line.supplierSku,
        line.description,
      ]),
    ).toEqual([
      [10, 2550, 'SKU-100', 'Widget Type A'],
      [5, 1500, 'SKU-200', 'Gadget Type B'],
      [20, 875, 'SKU-300', 'Component C'],
    ]);
    expect(invoice?.lines[1]?.charges).toEqual([
      { indicator: 'C', code: 'D240', amount: { minor: 125, exponent: 2 }, percent: null, description: null },
    ]);
    expect(invoice?.lines[2]?.taxes).toEqual([
      { typeCode: 'ST', amount: { minor: 1838, exponent: 2 }, percent: '7.25' },
    ]);
  });

  it('reads the summary: TDS 523.63, a GS tax of 18.38, the carrier and CTT 3 with hash 35', () => {
    expect(invoice).toMatchObject({
      total: { minor: 52363, exponent: 2 },
      taxes: [{ typeCode: 'GS', amount: { minor: 1838, exponent: 2 }, percent: null }],
      carrier: { transportMethod: 'M', routing: 'UPS GROUND' },
      lineCount: 3,
      hashTotal: '35',
    });
  });
});

describe('parseEdi over every sample', () => {
  it('reads each valid sample as its own type and refuses the two sloppy ones', () => {
    const outcomes = [
      'node-x12_850.edi',
      'node-x12_850_2.edi',
      'node-x12_855.edi',
      'edi801_sample_810.edi',
      'edi801_lazy_810.edi',
      'edi801_minimal_810.edi',
    ].map((name) => {
      const result = parseEdi(sample(name));
      return result.ok
        ? result.value.documents.map((entry) => entry.document.type).join()
        : result.error.code;
    });
    expect(outcomes).toEqual([
      '850',
      '850',
      '855',
      '810',
      'edi.controlNumberMismatch',
      'edi.segmentCountMismatch',
    ]);
  });

  it('refuses an 855 where an 810 was asked for, naming ST01', () => {
    expect(parse810(sample('node-x12_855.edi'))).toMatchObject({
      ok: false,
      error: {
        code: 'edi.unsupportedTransaction',
        details: { segment: 3, line: 3, element: 'ST01', value: '855' },
      },
    });
  });
});
