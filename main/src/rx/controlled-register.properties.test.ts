import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EXP_LATER, receiveStock } from '../sales/sales-fixtures.js';
import { expectOk } from '../testing/index.js';
import { setUpRx, type RxStore } from './rx-fixtures.js';

let store: RxStore | undefined;
afterEach(() => {
  store?.core.dispose();
  store = undefined;
});

const opArb = fc.oneof(
  fc.record({ op: fc.constant('receive' as const), quantity: fc.integer({ min: 1, max: 50 }), batch: fc.constantFrom('C1', 'C2') }),
  fc.record({ op: fc.constant('quarantine' as const), quantity: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('release' as const), quantity: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('destroy' as const), quantity: fc.integer({ min: 1, max: 30 }) }),
);

describe('the controlled register against the ledger', () => {
  it('closes on what the ledger holds, each balance the one before plus the entry, with internal moves left out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        store?.core.dispose();
        store = await setUpRx();
        const s = store;
        const product = expectOk(
          await s.admin.invoke('catalog.createProduct', {
            sku: 'OXY-5-28', name: 'Oxycodone 5 mg capsules', ingredients: [{ name: 'Oxycodone', strength: '5 mg' }], strength: '5 mg', form: 'capsule',
            packSize: 28, unit: 'capsule', legalCategory: 'controlled', schedule: 'CII', taxCategory: 'zero', priceMinor: 700, gtins: [],
          }),
        );
        const lotAt = (location: string) =>
          (s.core.db.prepare('SELECT l.id, coalesce(b.on_hand, 0) AS onHand FROM stock_lot l LEFT JOIN stock_balance b ON b.lot_id = l.id WHERE l.product_id = ? AND l.location = ? ORDER BY coalesce(b.on_hand, 0) DESC LIMIT 1')
            .get(product.id, location) as { id: string; onHand: number } | undefined);
        let destroyed = 0;
        for (const o of ops) {
          if (o.op === 'receive') {
            receiveStock(s.core, product.id, o.batch, EXP_LATER, 'dispensary', o.quantity);
            continue;
          }
          const from = lotAt(o.op === 'quarantine' ? 'dispensary' : 'quarantine');
          if (!from || from.onHand < o.quantity) continue;
          if (o.op === 'quarantine') expectOk(await s.pharmacist.invoke('inventory.quarantineStock', { lotId: from.id, quantity: o.quantity, reason: 'Damaged packs' }));
          if (o.op === 'release') expectOk(await s.pharmacist.invoke('inventory.releaseFromQuarantine', { lotId: from.id, quantity: o.quantity, toLocation: 'dispensary', reason: 'Packs intact' }));
          if (o.op === 'destroy') {
            expectOk(await s.pharmacist.invoke('inventory.disposeStock', { lotId: from.id, quantity: o.quantity, kind: 'destruction', reason: 'Damaged packs', witness: 'Inspector Grey' }));
            destroyed++;
          }
        }
        const ledger = (s.core.db.prepare('SELECT coalesce(sum(quantity), 0) AS n FROM stock_movement WHERE product_id = ?').get(product.id) as { n: number }).n;
        const r = expectOk(await s.pharmacist.invoke('rx.controlledRegister', { productId: product.id }));
        expect(r.closing).toBe(ledger);
        expect(r.product.balance).toBe(ledger);
        let balance = r.opening;
        for (const e of r.entries) {
          expect(e.quantity).not.toBe(0);
          balance += e.quantity;
          expect(e.balance).toBe(balance);
        }
        expect(r.entries.filter((e) => e.kind === 'quarantine' || e.kind === 'release')).toEqual([]);
        expect(r.entries.filter((e) => e.kind === 'destruction')).toHaveLength(destroyed);
      }),
      { numRuns: 4, seed: 20261127 },
    );
  });
});
