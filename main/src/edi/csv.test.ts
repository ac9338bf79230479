import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecord, orderToCsv } from './index.js';
import { pharmacyOrder } from './test-fixtures.js';

/** A reference RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || fields.length > 0) records.push([...fields, field]);
  return records;
}

describe('orderToCsv', () => {
  it('writes a header and one CRLF-terminated record per line, quoting only what needs it', () => {
    const order = pharmacyOrder();
    order.lines[1]!.description = 'Gauze "soft" pad';
    const result = orderToCsv(order);
    expect(result.ok && result.value.split('\r\n')).toEqual([
      'po_number,order_date,requested_delivery_date,currency,buyer_id,buyer_name,supplier_id,supplier_name,ship_to_id,ship_to_name,line_no,quantity,unit,unit_price,extended_price,gtin,ndc,supplier_sku,description',
      'PO-2024-0001,2024-03-05,2024-03-07,USD,ACCT-5521,Mortar Pharmacy Main St,WDC,Wholesale Drug Co,STORE-1,Mortar Pharmacy Main St,1,3,BX,12.99,38.97,00300450449108,00045044910,,"Ibuprofen 200 mg tablets, 100"',
      'PO-2024-0001,2024-03-05,2024-03-07,USD,ACCT-5521,Mortar Pharmacy Main St,WDC,Wholesale Drug Co,STORE-1,Mortar Pharmacy Main St,2,12,EA,0.0125,0.1500,,,GZ-44,"Gauze ""soft"" pad"',
      'PO-2024-0001,2024-03-05,2024-03-07,USD,ACCT-5521,Mortar Pharmacy Main St,WDC,Wholesale Drug Co,STORE-1,Mortar Pharmacy Main St,3,2,PK,8.99,17.98,05012345678900,,TS-10,"Thermometer sleeves, 100"',
      '',
    ]);
  });

  it('refuses an order that breaks the contract', () => {
    expect(orderToCsv({ ...pharmacyOrder(), poNumber: '' })).toMatchObject({
      ok: false,
      error: { code: 'edi.invalidInput', details: { path: 'order.poNumber' } },
    });
  });

  it('guards spreadsheet formulas only when asked', () => {
    expect(csvRecord(['=SUM(A1)', '+1', 'plain'])).toBe('=SUM(A1),+1,plain\r\n');
    expect(csvRecord(['=SUM(A1)', '-1,5', 'plain'], { guardFormulas: true })).toBe(
      `'=SUM(A1),"'-1,5",plain\r\n`,
    );
  });

  it('writes any fields so that an RFC 4180 reader gets them back exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (records) => {
          const nonEmpty = records.filter((fields) => !(fields.length === 1 && fields[0] === ''));
          const text = nonEmpty.map((fields) => csvRecord(fields)).join('');
          expect(readCsv(text)).toEqual(nonEmpty);
        },
      ),
      { seed: 4180, numRuns: 300 },
    );
  });
});
