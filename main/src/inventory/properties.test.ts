import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../contract.js';
import { expectOk } from '../testing/index.js';
import { verifyStockProjection } from './stock-ledger.js';
import { gtinOf, setUpStore, tableCounts, type Store } from './inventory-fixtures.js';

// Any sequence of inventory commands keeps on-hand equal to the fold of the ledger and never below zero
// (inventory moves only stock that is there), and a refused command writes nothing.
let s: Store;
const keys = ['paracetamol', 'ibuprofen', 'pads'] as const;

beforeAll(async () => {
  s = await setUpStore({ seed: 11, openShift: false });
});
afterAll(() => s?.core.dispose());

const lotIds = (): string[] => (s.core.db.prepare('SELECT id FROM stock_lot ORDER BY id').all() as { id: string }[]).map((r) => r.id);
const pick = (i: number): string => {
  const ids = lotIds();
  return ids[i % ids.length] ?? '';
};

const product = fc.integer({ min: 0, max: keys.length - 1 });
const batch = fc.constantFrom('P1', 'P2');
const opArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('receive' as const), product, batch, packs: fc.integer({ min: 0, max: 4 }), damaged: fc.integer({ min: 0, max: 2 }), expired: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('quarantine' as const), lot: fc.nat(), quantity: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('release' as const), lot: fc.nat(), quantity: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('dispose' as const), lot: fc.nat(), quantity: fc.integer({ min: 1, max: 120 }), kind: fc.constantFrom('writeOff' as const, 'destruction' as const, 'supplierReturn' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('recall' as const), product, batch }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('stocktake' as const), product, counts: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

async function run(op: Op): Promise<Result<unknown>> {
  const a = s.admin;
  switch (op.op) {
    case 'receive': {
      const line = { gtin: gtinOf(s, keys[op.product] ?? 'pads'), batch: op.batch, expiry: op.expired ? '2026-10-31' : '2027-12-31', quantity: op.packs, damagedQuantity: op.damaged, cost: '1.00', intoQuarantine: op.expired };
      return a.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, lines: [line] });
    }
    case 'quarantine':
      return a.invoke('inventory.quarantineStock', { lotId: pick(op.lot), quantity: op.quantity, reason: 'property check' });
    case 'release':
      return a.invoke('inventory.releaseFromQuarantine', { lotId: pick(op.lot), quantity: op.quantity, toLocation: 'shelf', reason: 'property check' });
    case 'dispose':
      return a.invoke('inventory.disposeStock', { lotId: pick(op.lot), quantity: op.quantity, kind: op.kind, supplierId: s.supplierId, reason: 'property check' });
    case 'recall':
      return a.invoke('inventory.enterRecall', { gtin: gtinOf(s, keys[op.product] ?? 'pads'), batches: [op.batch], class: 'III', reason: 'property check' });
    case 'stocktake': {
      const sheet = await a.invoke('inventory.startStocktake', { scope: 'partial', productIds: [s.products[keys[op.product] ?? 'pads'].id] });
      if (!sheet.ok) return sheet;
      const counts = sheet.value.lines.map((l, i) => ({ productId: l.productId, batch: l.batch, location: l.location as 'shelf', expiry: l.expiry, counted: op.counts[i % op.counts.length] ?? 0 }));
      expectOk(await a.invoke('inventory.recordCount', { stocktakeId: sheet.value.id, counts }));
      const review = expectOk(await a.invoke('inventory.reviewStocktake', { stocktakeId: sheet.value.id }));
      expectOk(await a.invoke('inventory.reviewStocktake', { stocktakeId: sheet.value.id, reasons: review.lines.map((l) => ({ lotId: l.lotId, reason: 'counted' })) }));
      return a.invoke('inventory.approveStocktake', { stocktakeId: sheet.value.id });
    }
  }
}

describe('inventory properties', () => {
  it('keeps on-hand equal to the fold of the ledger and never below zero, and refusals write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        for (const op of ops) {
          const before = tableCounts(s);
          const result = await run(op);
          if (!result.ok) {
            expect(result.error.code, JSON.stringify(result.error)).toMatch(/^(stock\.|inventory\.)/);
            expect(tableCounts(s)).toEqual(before);
          }
          expect(verifyStockProjection(s.core.db)).toEqual([]);
          const lowest = s.core.db.prepare('SELECT min(on_hand) AS n FROM stock_balance').get() as { n: number | null };
          expect(lowest.n ?? 0).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 25, seed: 20261127 },
    );
  }, 120_000);
});
