import { describe, expect, it } from 'vitest';
import { readDemandCsv } from './csv-reader.js';

const errorOf = (text: string) => {
  const r = readDemandCsv(text);
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('sales history CSV', () => {
  it('reads rows in any order, sums repeats, and fills the days without a row with zeros', () => {
    const r = readDemandCsv(
      ['date,product,quantity', '2024-03-03,B,2', '2024-03-01,A,5', '2024-03-03,A,1', '2024-03-03,A,2', '2024-03-04,B,0'].join('\n'),
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { productId: 'B', dates: ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04'], quantities: [0, 0, 2, 0] },
        { productId: 'A', dates: ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04'], quantities: [5, 0, 3, 0] },
      ],
    });
  });

  it('can start each product at its own first row', () => {
    const r = readDemandCsv('date,product,quantity\n2024-03-01,A,1\n2024-03-03,B,4\n', { fillFrom: 'product' });
    expect(r.ok && r.value.find((h) => h.productId === 'B')).toEqual({ productId: 'B', dates: ['2024-03-03'], quantities: [4] });
  });

  it('takes the columns by header name, with extra columns, CRLF, a BOM and quoted fields', () => {
    const r = readDemandCsv('\uFEFFQuantity,Store,Date,Product\r\n3,"Main, north",2024-01-01,"PARA ""500"""\r\n\r\n');
    expect(r).toEqual({ ok: true, value: [{ productId: 'PARA "500"', dates: ['2024-01-01'], quantities: [3] }] });
  });

  it('rejects a date that is not on the calendar, with its line', () => {
    expect(errorOf('date,product,quantity\n2024-02-28,A,1\n2023-02-29,A,1\n')).toEqual({
      code: 'forecast.csv.badDate',
      message: 'line 3: "2023-02-29" is not a YYYY-MM-DD calendar date',
      details: { row: 3, column: 'date', value: '2023-02-29' },
    });
    expect(errorOf('date,product,quantity\n01/02/2024,A,1\n').details).toMatchObject({ row: 2, column: 'date' });
  });

  it('rejects negative, fractional and non-numeric quantities', () => {
    expect(errorOf('date,product,quantity\n2024-01-01,A,-2\n')).toMatchObject({ code: 'forecast.csv.negativeQuantity', details: { row: 2, column: 'quantity' } });
    expect(errorOf('date,product,quantity\n2024-01-01,A,1\n2024-01-02,A,1.5\n')).toMatchObject({
      code: 'forecast.csv.nonIntegerQuantity',
      details: { row: 3, value: '1.5' },
    });
    expect(errorOf('date,product,quantity\n2024-01-01,A,two\n')).toMatchObject({ code: 'forecast.csv.badQuantity', details: { row: 2 } });
    expect(errorOf('date,product,quantity\n2024-01-01,A,0x10\n')).toMatchObject({ code: 'forecast.csv.badQuantity' });
  });

  it('rejects a missing column in the header or in a row', () => {
    expect(errorOf('date,product\n2024-01-01,A\n')).toMatchObject({ code: 'forecast.csv.missingColumn', details: { row: 1, column: 'quantity' } });
    expect(errorOf('date,product,quantity\n2024-01-01,A,1\n2024-01-02,A\n')).toMatchObject({
      code: 'forecast.csv.missingColumn',
      details: { row: 3, column: 'quantity' },
    });
    expect(errorOf('date,product,quantity\n2024-01-01,,1\n')).toMatchObject({ code: 'forecast.csv.missingColumn', details: { row: 2, column: 'product' } });
  });

  it('rejects broken quoting and an empty file', () => {
    expect(errorOf('date,product,quantity\n2024-01-01,"A,1\n')).toMatchObject({ code: 'forecast.csv.badQuote', details: { row: 2 } });
    expect(errorOf('date,product,quantity\n2024-01-01,"A"x,1\n')).toMatchObject({ code: 'forecast.csv.badQuote' });
    expect(errorOf('\n\n')).toMatchObject({ code: 'forecast.csv.empty' });
  });

  it('reads a header-only file as no products', () => {
    expect(readDemandCsv('date,product,quantity\n')).toEqual({ ok: true, value: [] });
  });
});
