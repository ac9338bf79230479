import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf, Result } from '../contract.js';
import { payKey } from '../sales/sales-fixtures.js';
import { countRows, expectOk } from '../testing/index.js';
import { addPatient, dispenseKey, setUpRx, verifiedRx, warfarinItem, type RxStore } from './rx-fixtures.js';

let store: RxStore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
});

const codeOf = (r: Result<unknown>): string | null => (r.ok ? null : r.error.code);

async function dispensed(s: RxStore) {
  const p = await addPatient(s.pharmacist);
  const rx = await verifiedRx(s, p.id, [warfarinItem(s)]);
  return expectOk(await s.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() }));
}

type Line = InputOf<'sales.completeSale'>['lines'][number];

function sell(s: RxStore, lines: Line[]) {
  return s.cashier.invoke('sales.completeSale', { idempotencyKey: payKey(), lines, tenders: [{ kind: 'cash', amount: '20.00' }] });
}

const movements = (s: RxStore, lotId: string) =>
  s.core.db.prepare('SELECT kind, quantity FROM stock_movement WHERE lot_id = ? ORDER BY rowid').all(lotId) as { kind: string; quantity: number }[];

describe('a dispensed prescription at the till', () => {
  it('is on the cashier’s ready list with the patient’s name only, and sells once without moving stock again', async () => {
    store = await setUpRx();
    const d = await dispensed(store);
    const { ready } = expectOk(await store.cashier.invoke('rx.listReady', {}));
    expect(ready).toHaveLength(1);
    const item = ready[0]!;
    expect(item).toMatchObject({ dispenseId: d.id, lineNo: 1, patientName: 'Robert King', productName: 'Warfarin 5 mg tablets', quantity: 28, batch: 'W-LATER' });
    expect(Object.keys(item).sort()).toEqual(['batch', 'dispenseId', 'dispensedAt', 'line', 'lineNo', 'patientName', 'productName', 'quantity', 'rxNumber']);
    const before = movements(store, store.warfarinLot);
    const sale = expectOk(await sell(store, [item.line]));
    expect(sale.lines[0]).toMatchObject({ productId: store.warfarinId, quantity: 28, unit: 'unit', grossMinor: 300 });
    expect(movements(store, store.warfarinLot)).toEqual(before);
    expect(countRows(store.core, 'dispense_sale')).toBe(1);
    expect(expectOk(await store.cashier.invoke('rx.listReady', {})).ready).toEqual([]);
    expect(codeOf(await sell(store, [item.line]))).toBe('rx.alreadySold');
  });

  it('refuses the same dispensed item twice in one cart', async () => {
    store = await setUpRx();
    await dispensed(store);
    const [item] = expectOk(await store.cashier.invoke('rx.listReady', {})).ready;
    expect(codeOf(await sell(store, [item!.line, item!.line]))).toBe('rx.alreadySold');
    expect(countRows(store.core, 'dispense_sale')).toBe(0);
  });

  it('refuses a line that is not the item as dispensed, or names no dispense at all', async () => {
    store = await setUpRx();
    await dispensed(store);
    const [item] = expectOk(await store.cashier.invoke('rx.listReady', {})).ready;
    const line = item!.line;
    expect(codeOf(await sell(store, [{ ...line, quantity: 56 }]))).toBe('rx.dispenseMismatch');
    expect(codeOf(await sell(store, [{ ...line, unit: 'pack', quantity: 1 }]))).toBe('rx.dispenseMismatch');
    expect(codeOf(await sell(store, [{ ...line, dispense: { dispenseId: line.dispense.dispenseId, lineNo: 2 } }]))).toBe('rx.dispenseNotFound');
    const { dispense: _dispense, ...plain } = line;
    expect(codeOf(await sell(store, [plain]))).toBe('sales.prescriptionRequired');
    expect(countRows(store.core, 'dispense_sale')).toBe(0);
  });

  it('answers a replayed Pay with the first sale, linking the item once', async () => {
    store = await setUpRx();
    await dispensed(store);
    const [item] = expectOk(await store.cashier.invoke('rx.listReady', {})).ready;
    const input = { idempotencyKey: payKey(), lines: [item!.line], tenders: [{ kind: 'cash' as const, amount: '20.00' }] };
    const first = expectOk(await store.cashier.invoke('sales.completeSale', input));
    const again = expectOk(await store.cashier.invoke('sales.completeSale', input));
    expect(again.id).toBe(first.id);
    expect(countRows(store.core, 'dispense_sale')).toBe(1);
  });
});
