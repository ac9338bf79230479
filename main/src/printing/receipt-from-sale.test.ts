import { afterEach, describe, expect, it } from 'vitest';
import { parseReceiptModel, renderTextPreview } from '@mortar/native';
import { line, payKey, sellForCash, setUpCounter, type Counter } from '../sales/sales-fixtures.js';
import { expectOk } from '../testing/index.js';
import { receiptFromSale, tookCash } from './receipt-from-sale.js';

let counter: Counter | undefined;
afterEach(() => counter?.core.dispose());

const en = { locale: 'en-GB', timeZone: 'Europe/London', paperWidthMm: 80 as const };

describe('the receipt of a committed sale', () => {
  it('carries the store header, lines with batch and expiry, tax letters that match the breakdown, tenders, change and the receipt code', async () => {
    counter = await setUpCounter();
    const c = counter;
    const sale = await sellForCash(c, [line(c, 'paracetamol', 2), line(c, 'nicotine'), line(c, 'pads')], '30.00');
    const model = receiptFromSale(sale, en);
    expect(parseReceiptModel(model).ok).toBe(true);
    expect(model.store).toEqual({ name: 'Riverside Pharmacy', addressLines: ['1 River Street, Springfield'], taxId: 'GB123456789' });
    expect(model.receiptNumber).toBe(String(sale.receiptNo));
    expect(model.barcode).toEqual({ symbology: 'CODE128', data: sale.receiptCode });
    expect(model.lines.map((l) => [l.description, l.quantity, l.medicine?.batch])).toEqual([
      ['Paracetamol 500 mg tablets', 2, 'B-PARACETAMOL'],
      ['Nicotine 21 mg patches', 1, 'B-NICOTINE'],
      ['Incontinence pads', 1, 'B-PADS'],
    ]);
    // Three VAT rates: three rows, each line pointing at its own.
    expect(model.taxes).toHaveLength(sale.breakdown.length);
    expect(new Set(model.lines.map((l) => l.taxCode)).size).toBe(3);
    for (const l of model.lines) expect(model.taxes.map((t) => t.code)).toContain(l.taxCode);
    expect(model.totals.total).toEqual({ minor: sale.totals.grossMinor, formatted: `£${(sale.totals.grossMinor / 100).toFixed(2)}` });
    expect(model.tenders).toEqual([{ kind: 'cash', amount: { minor: 3000, formatted: '£30.00' } }]);
    expect(model.change?.minor).toBe(sale.totals.changeMinor);
    expect(model.marker).toBeUndefined();
    expect(tookCash(sale)).toBe(true);
    const text = renderTextPreview(model, { columns: 48 });
    expect(text).toContain('Riverside Pharmacy');
    expect(text).toContain(sale.receiptCode);
  });

  it('marks a copy, speaks German for a German pharmacy, and records a card tender with its approval reference', async () => {
    counter = await setUpCounter();
    const c = counter;
    const priced = expectOk(await c.cashier.invoke('sales.priceCart', { lines: [line(c, 'aspirin')] }));
    const sale = expectOk(
      await c.cashier.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(c, 'aspirin')],
        tenders: [{ kind: 'card', amount: (priced.totals.grossMinor / 100).toFixed(2), reference: 'AUTH-1' }],
      }),
    );
    const model = receiptFromSale(sale, { locale: 'de-DE', timeZone: 'Europe/Berlin', paperWidthMm: 58 }, { marker: 'copy' });
    expect(parseReceiptModel(model).ok).toBe(true);
    expect(model.marker).toBe('copy');
    expect(model.paperWidthMm).toBe(58);
    expect(model.labels).toMatchObject({ total: 'SUMME', copy: '*** KOPIE ***', batch: 'Charge' });
    expect(model.tenders).toEqual([{ kind: 'card', amount: { minor: 125, formatted: expect.stringMatching(/^1,25\s£$/) }, approvalRef: 'AUTH-1' }]);
    expect(model.change).toBeUndefined();
    expect(tookCash(sale)).toBe(false);
    expect(renderTextPreview(model, { columns: 32 })).toContain('*** KOPIE ***');
  });
});
