import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, queryPlan, tableScans } from '../testing/index.js';
import { gtin13, line, onHand, receiveStock, sellForCash } from '../sales/sales-fixtures.js';
import { csvField, traceSql } from './recalls.js';
import { verifyStockProjection } from './stock-ledger.js';
import { gtinOf, lotAt, setUpStore, tableCounts, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

const recalled = (s: Store) => ({ gtin: gtinOf(s, 'paracetamol'), batches: ['B-PARACETAMOL'], class: 'II' as const, reason: 'mislabelled strength' });

describe('inventory.enterRecall', () => {
  it('moves every unit of the recalled batch to quarantine at once, and the till then refuses that batch', async () => {
    const s = (store = await setUpStore());
    const para = s.products.paracetamol;
    await sellForCash(s, [line(s, 'paracetamol', 2)], '1.78');
    const other = receiveStock(s.core, para.id, 'OTHER', '2027-06-30', 'shelf', 32);
    const back = receiveStock(s.core, para.id, 'B-PARACETAMOL', '2027-01-31', 'dispensary', 16);
    const { recall, quarantined } = expectOk(await s.pharmacist.invoke('inventory.enterRecall', recalled(s)));
    expect(recall).toMatchObject({ productId: para.id, gtin: gtinOf(s, 'paracetamol'), wholeProduct: false, batches: ['B-PARACETAMOL'], class: 'II' });
    const q = lotAt(s, para.id, 'B-PARACETAMOL', 'quarantine');
    expect(quarantined).toEqual([
      { fromLotId: back, toLotId: q?.id, batch: 'B-PARACETAMOL', quantity: 16 },
      { fromLotId: s.lots.paracetamol, toLotId: q?.id, batch: 'B-PARACETAMOL', quantity: 288 },
    ]);
    expect([onHand(s.core, s.lots.paracetamol), onHand(s.core, back), onHand(s.core, q?.id ?? ''), onHand(s.core, other)]).toEqual([0, 0, 304, 32]);
    expect(s.core.db.prepare("SELECT count(*) AS n FROM outbox_event WHERE type = 'inventory.recallEntered'").get()).toEqual({ n: 1 });
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'inventory.enterRecall'").get()).toEqual({ n: 1 });

    // End to end: the till refuses a scan of the recalled batch, and sells the other batch instead.
    const scanned = await s.cashier.invoke('sales.lookupScan', { scan: `(01)${gtinOf(s, 'paracetamol')}(17)270131(10)B-PARACETAMOL` });
    expect(scanned).toMatchObject({ ok: false, error: { code: 'stock.batchQuarantined', details: { batch: 'B-PARACETAMOL', location: 'quarantine' } } });
    expect(expectOk(await s.cashier.invoke('sales.lookupScan', { scan: gtinOf(s, 'paracetamol') })).lot).toMatchObject({ lotId: other, batch: 'OTHER' });
    // A recalled batch never goes back on sale, whoever asks.
    expect(await s.admin.invoke('inventory.releaseFromQuarantine', { lotId: q?.id ?? '', quantity: 1, toLocation: 'shelf', reason: 'try' })).toMatchObject({
      ok: false,
      error: { code: 'stock.recalled', details: { recallId: recall.id } },
    });
    expect(verifyStockProjection(s.core.db)).toEqual([]);
  });

  it('recalls a whole product across every batch and location', async () => {
    const s = (store = await setUpStore());
    const amox = s.products.amoxicillin;
    const second = receiveStock(s.core, amox.id, 'AM2', '2028-01-31', 'shelf', 21);
    const { quarantined } = expectOk(await s.pharmacist.invoke('inventory.enterRecall', { gtin: gtinOf(s, 'amoxicillin'), wholeProduct: true, class: 'I', reason: 'contamination' }));
    expect(quarantined.map((q) => [q.batch, q.quantity])).toEqual([['B-AMOXICILLIN', 420], ['AM2', 21]]);
    expect(onHand(s.core, second)).toBe(0);
    expect(expectOk(await s.cashier.invoke('inventory.listRecalls', {}))).toEqual([expect.objectContaining({ wholeProduct: true, batches: [], class: 'I' })]);
  });

  it('refuses a recall naming both batches and the whole product, or neither, an unknown GTIN or a user without stock.recall, writing nothing', async () => {
    const s = (store = await setUpStore());
    const before = tableCounts(s);
    const refusals = [
      [s.pharmacist.invoke('inventory.enterRecall', { ...recalled(s), wholeProduct: true }), 'api.invalidInput'],
      [s.pharmacist.invoke('inventory.enterRecall', { ...recalled(s), batches: [] }), 'api.invalidInput'],
      [s.pharmacist.invoke('inventory.enterRecall', { ...recalled(s), gtin: gtin13('501000000099') }), 'inventory.unknownGtin'],
      [s.cashier.invoke('inventory.enterRecall', recalled(s)), 'auth.forbidden'],
      [s.pharmacist.invoke('inventory.recallTrace', { recallId: '00000000-0000-7000-8000-00000000ffff' }), 'inventory.recallNotFound'],
    ] as const;
    for (const [call, code] of refusals) expect(await call, code).toMatchObject({ ok: false, error: { code } });
    expect(tableCounts(s)).toEqual(before);
  });
});

describe('inventory.recallTrace', () => {
  it('lists every sale and dispense of the recalled batches with date and receipt, and exports them as RFC 4180 CSV', async () => {
    const s = (store = await setUpStore());
    const para = s.products.paracetamol;
    const sale = await sellForCash(s, [line(s, 'paracetamol', 2), line(s, 'aspirin')], '3.03');
    const other = receiveStock(s.core, para.id, 'OTHER', '2027-06-30', 'shelf', 32);
    await sellForCash(s, [{ productId: para.id, lotId: other, quantity: 1 }], '0.89');
    s.core.db
      .prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, document_type, document_id) VALUES ('dm1', ?, ?, 'dispense', -16, ?, 'dispense', 'rx-1')")
      .run(s.lots.paracetamol, para.id, s.core.clock.now() + 86_400_000);
    const { recall } = expectOk(await s.pharmacist.invoke('inventory.enterRecall', recalled(s)));
    const trace = expectOk(await s.pharmacist.invoke('inventory.recallTrace', { recallId: recall.id }));
    expect(trace.entries).toEqual([
      { kind: 'sale', at: sale.at, date: '2026-11-27', documentId: sale.id, receiptCode: sale.receiptCode, batch: 'B-PARACETAMOL', expiry: '2027-01-31', quantity: 2, stockUnits: 32, customer: null, voided: false },
      expect.objectContaining({ kind: 'dispense', date: '2026-11-28', documentId: 'rx-1', receiptCode: null, quantity: 16, stockUnits: 16 }),
    ]);
    const csv = expectOk(await s.pharmacist.invoke('inventory.exportRecallTraceCsv', { recallId: recall.id }));
    expect(csv.rows).toBe(2);
    const lines = csv.csv.split('\r\n');
    expect(lines[0]).toBe('recall_id,class,product,gtin,kind,date,at_utc,document_id,receipt,batch,expiry,quantity,stock_units,customer,voided');
    expect(lines[1]).toBe(`${recall.id},II,Paracetamol 500 mg tablets,${gtinOf(s, 'paracetamol')},sale,2026-11-27,2026-11-27T09:00:00.000Z,${sale.id},${sale.receiptCode},B-PARACETAMOL,2027-01-31,2,32,,false`);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });

  it('quotes CSV fields holding commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
  });

  it('finds sale lines through the product-and-batch index, never a full scan', async () => {
    const s = (store = await setUpStore());
    const plan = queryPlan(s.core, traceSql, { recallId: 'x' });
    expect(plan.join('\n')).toMatch(/sale_line_product_batch/);
    expect(tableScans(plan)).toEqual([]);
  });
});
