import { describe, expect, it } from 'vitest';
import type { PurchaseOrder } from './contract.js';
import { generate850, orderFromParsed850, parse850 } from './index.js';
import { pharmacyOrder, testEnvelope } from './test-fixtures.js';

function written(order: PurchaseOrder = pharmacyOrder(), envelope = testEnvelope): string {
  const result = generate850(order, envelope);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function roundTrip(order: PurchaseOrder) {
  const parsed = parse850(written(order));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return orderFromParsed850(parsed.value.documents[0]?.document as never);
}

describe('generate850', () => {
  it('writes the pharmacy order as this exact interchange', () => {
    expect(written()).toBe(
      [
        'ISA*00*          *00*          *ZZ*MORTAR0001     *01*123456789      *240305*1430*U*00401*000000017*0*T*>~',
        'GS*PO*MORTAR0001*123456789*20240305*1430*17*X*004010~',
        'ST*850*0001~',
        'BEG*00*SA*PO-2024-0001**20240305~',
        'CUR*BY*USD~',
        'REF*IA*V-0042~',
        'DTM*002*20240307~',
        'N1*BY*Mortar Pharmacy Main St*91*ACCT-5521~',
        'N3*12 Main St~',
        'N4*Springfield*IL*62701*US~',
        'N1*ST*Mortar Pharmacy Main St*92*STORE-1~',
        'N3*12 Main St*Receiving dock~',
        'N4*Springfield*IL*62701~',
        'N1*VN*Wholesale Drug Co*92*WDC~',
        'PO1*1*3*BX*12.99**UP*300450449108*N4*00045044910~',
        'PID*F****Ibuprofen 200 mg tablets, 100~',
        'PO1*2*12*EA*0.0125**VN*GZ-44~',
        'PID*F****Gauze pad 4x4, sterile~',
        'PO1*3*2*PK*8.99**UK*05012345678900*VN*TS-10~',
        'PID*F****Thermometer sleeves, 100~',
        'CTT*3*17~',
        'AMT*TT*57.1000~',
        'SE*21*0001~',
        'GE*1*17~',
        'IEA*1*000000017~',
        '',
      ].join('\n'),
    );
  });

  it('keeps the ISA at 106 characters whatever the ids, and pads control numbers to their widths', () => {
    const text = written(pharmacyOrder(), {
      ...testEnvelope,
      sender: { qualifier: '01', id: 'AB' },
      receiver: { qualifier: 'ZZ', id: 'SUPPLIER-ID-015' },
      interchangeControlNumber: 999_999_999,
      groupControlNumber: 5,
      transactionControlNumber: 123_456,
      acknowledgmentRequested: true,
      usage: 'P',
    });
    const isa = text.slice(0, text.indexOf('~') + 1);
    expect(isa).toHaveLength(106);
    expect(isa).toBe(
      'ISA*00*          *00*          *01*AB             *ZZ*SUPPLIER-ID-015*240305*1430*U*00401*999999999*1*P*>~',
    );
    expect(text).toContain('ST*850*123456~');
    expect(text).toContain('SE*21*123456~');
    expect(text).toContain('IEA*1*999999999~');
  });

  it('writes without line breaks when asked', () => {
    const result = generate850(pharmacyOrder(), testEnvelope, { lineBreaks: false });
    expect(result.ok && result.value.includes('\n')).toBe(false);
    expect(result.ok && parse850(result.value).ok).toBe(true);
  });

  it('writes zero-decimal and three-decimal currencies with their own decimals', () => {
    const order = pharmacyOrder();
    const yen = written({
      ...order,
      currency: 'JPY',
      lines: [{ ...order.lines[0]!, unitPriceMinor: 1500, currencyExponent: 0 }],
    });
    expect(yen).toContain('PO1*1*3*BX*1500**');
    expect(yen).toContain('AMT*TT*4500~');
    const dinar = written({
      ...order,
      currency: 'KWD',
      lines: [{ ...order.lines[0]!, unitPriceMinor: 5, currencyExponent: 3 }],
    });
    expect(dinar).toContain('PO1*1*3*BX*0.005**');
  });

  it('writes a GTIN-8 and a GTIN-13 as UK in their 14-digit form, a GTIN-12 as UP', () => {
    const order = pharmacyOrder();
    const lines = [
      { ...order.lines[0]!, lineNo: 1, gtin: '00000096385074' },
      { ...order.lines[0]!, lineNo: 2, gtin: '04006381333931' },
      { ...order.lines[0]!, lineNo: 3, gtin: '00036000291452' },
    ].map(({ ndc: _ndc, ...line }) => line);
    const text = written({ ...order, lines });
    expect(text).toContain('PO1*1*3*BX*12.99**UK*00000096385074~');
    expect(text).toContain('PO1*2*3*BX*12.99**UK*04006381333931~');
    expect(text).toContain('PO1*3*3*BX*12.99**UP*036000291452~');
  });

  it('round-trips: the written order parses back equal, envelope included', () => {
    expect(roundTrip(pharmacyOrder())).toEqual({ ok: true, value: pharmacyOrder() });
    const parsed = parse850(written());
    expect(parsed.ok && parsed.value.interchange).toMatchObject({
      senderQualifier: 'ZZ',
      senderId: 'MORTAR0001',
      receiverQualifier: '01',
      receiverId: '123456789',
      date: '2024-03-05',
      time: '14:30',
      controlNumber: 17,
      usage: 'T',
      acknowledgmentRequested: false,
    });
    expect(parsed.ok && parsed.value.documents[0]).toMatchObject({
      groupControlNumber: 17,
      transactionControlNumber: '0001',
    });
  });
});

describe('generate850 refuses orders it cannot send', () => {
  const refused = (order: unknown, envelope: unknown = testEnvelope) =>
    generate850(order as PurchaseOrder, envelope as typeof testEnvelope);

  it('refuses text holding an X12 separator, naming the field', () => {
    const order = pharmacyOrder();
    order.lines[1]!.description = 'Gauze ~ pad';
    expect(refused(order)).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'order.lines.1.description' } },
    });
  });

  it('refuses accented text (X12 004010 has no accents) and points to toX12Text', () => {
    const order = pharmacyOrder();
    order.supplier.name = 'Pharmacie Générale';
    expect(refused(order)).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'order.supplier.name' } },
    });
  });

  it('refuses a price with fewer decimals than its currency', () => {
    const order = pharmacyOrder();
    order.lines[0]!.currencyExponent = 1;
    expect(refused(order)).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'order.lines.0.currencyExponent' } },
    });
  });

  it('refuses a GTIN with a wrong check digit', () => {
    const order = pharmacyOrder();
    order.lines[0]!.gtin = '00300450449107';
    expect(refused(order)).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'order.lines.0.gtin' } },
    });
  });

  it('refuses a currency the money module does not know, duplicate line numbers and a line without any id', () => {
    expect(refused({ ...pharmacyOrder(), currency: 'XXX' })).toMatchObject({
      ok: false,
      error: { details: { path: 'order.currency' } },
    });
    const order = pharmacyOrder();
    order.lines[1]!.lineNo = 1;
    expect(refused(order)).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'order.lines' } },
    });
    const bare = pharmacyOrder();
    delete bare.lines[1]!.supplierSku;
    expect(refused(bare)).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'order.lines.1' } },
    });
  });

  it('refuses envelope numbers out of range and a creation time outside 2000-2099', () => {
    expect(refused(pharmacyOrder(), { ...testEnvelope, interchangeControlNumber: 0 })).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'envelope.interchangeControlNumber' } },
    });
    expect(refused(pharmacyOrder(), { ...testEnvelope, createdAtMs: Date.UTC(2100, 0, 1) })).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'envelope.createdAtMs' } },
    });
  });

  it('refuses something that is not an order at all, without throwing', () => {
    expect(refused(null)).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'order' } },
    });
  });
});

describe('orderFromParsed850', () => {
  const parsedOf = (text: string) => {
    const parsed = parse850(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    return parsed.value.documents[0]!.document;
  };

  it('refuses an order without CUR, since its prices would have no currency', () => {
    expect(
      orderFromParsed850(parsedOf(written().replace('CUR*BY*USD~\n', '').replace('SE*21', 'SE*20'))),
    ).toMatchObject({
      ok: false,
      error: { code: 'edi.missingSegment', details: { missing: 'CUR' } },
    });
  });

  it('refuses a line without a description', () => {
    const text = written().replace('PID*F****Gauze pad 4x4, sterile~\n', '').replace('SE*21', 'SE*20');
    expect(orderFromParsed850(parsedOf(text))).toMatchObject({
      ok: false,
      error: { code: 'edi.missingSegment', details: { path: 'lines.1', missing: 'PID' } },
    });
  });
});
