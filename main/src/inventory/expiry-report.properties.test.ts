import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputOf } from '../contract.js';
import { ADMIN, expectOk } from '../testing/index.js';
import { addDays, daysBetween, isoDay, valueAtCost } from './inventory-rules.js';
import { gtinOf, setUpStore, type Store } from './inventory-fixtures.js';
import { verifyStockProjection } from './stock-ledger.js';

// After any sequence of movements of every kind, lot cost and product pack-size changes and days passing, the
// expiry report (totals summed from copies on the projection, migration 0016) equals a plain recomputation:
// the ledger folded per lot, joined to the lot and product as they are now, banded by today's date.
let s: Store;
const keys = ['paracetamol', 'ibuprofen', 'pads', 'nicotine'] as const;
const DAY = 86_400_000;

beforeAll(async () => {
  s = await setUpStore({ seed: 16 });
});
afterAll(() => s?.core.dispose());

type LotRow = { id: string; product_id: string };
const lots = (): LotRow[] => s.core.db.prepare('SELECT id, product_id FROM stock_lot ORDER BY id').all() as LotRow[];
const pickLot = (i: number): LotRow => {
  const all = lots();
  return all[i % all.length] ?? { id: '', product_id: '' };
};
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${String(++counter).padStart(6, '0')}`;

const product = fc.integer({ min: 0, max: keys.length - 1 });
/** Expiry as days from the store's today when the step runs, so that every band keeps being reached as days pass. */
const expiry = fc.integer({ min: -40, max: 130 });
const expiryDay = (offset: number) => addDays(isoDay(s.core.clock.now()), offset);
const ledgerKinds = ['sale', 'return', 'dispense', 'adjustment', 'transferOut', 'transferIn', 'writeOff', 'stocktake'] as const;
const opArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('receive' as const), product, batch: fc.constantFrom('R1', 'R2'), expiry, packs: fc.integer({ min: 1, max: 4 }), cost: fc.integer({ min: 1, max: 999 }), intoQuarantine: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('ledger' as const), kind: fc.constantFrom(...ledgerKinds), lot: fc.nat(), quantity: fc.integer({ min: -40, max: 40 }).filter((q) => q !== 0) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('newLot' as const), product, expiry, location: fc.constantFrom('shelf', 'dispensary', 'quarantine'), quantity: fc.integer({ min: 1, max: 60 }), cost: fc.option(fc.integer({ min: 0, max: 2000 })) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('sale' as const), lot: fc.nat(), packs: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('quarantine' as const), lot: fc.nat(), quantity: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('release' as const), lot: fc.nat(), quantity: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dispose' as const), lot: fc.nat(), quantity: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('stocktake' as const), product, counts: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cost' as const), lot: fc.nat(), cost: fc.option(fc.integer({ min: 0, max: 3000 })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('packSize' as const), product, packSize: fc.integer({ min: 1, max: 48 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('days' as const), days: fc.integer({ min: 1, max: 20 }) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** Applies one step; commands may refuse (empty lot, too much asked): the report must hold either way. */
async function run(op: Op): Promise<void> {
  const { db } = s.core;
  const insertMove = db.prepare('INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES (?, ?, ?, ?, ?, ?)');
  switch (op.op) {
    case 'receive': {
      const line = { gtin: gtinOf(s, keys[op.product] ?? 'pads'), batch: op.batch, expiry: expiryDay(op.expiry), quantity: op.packs, cost: (op.cost / 100).toFixed(2), intoQuarantine: op.intoQuarantine };
      await s.admin.invoke('inventory.receiveDelivery', { supplierId: s.supplierId, lines: [line] });
      return;
    }
    case 'ledger': {
      const lot = pickLot(op.lot);
      insertMove.run(nextId('mv'), lot.id, lot.product_id, op.kind, op.quantity, s.core.clock.now());
      return;
    }
    case 'newLot': {
      const productId = s.products[keys[op.product] ?? 'pads'].id;
      const id = nextId('lot');
      db.prepare('INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, ?, ?, ?, ?)').run(id, productId, id, expiryDay(op.expiry), op.location, op.cost);
      insertMove.run(nextId('mv'), id, productId, 'receipt', op.quantity, s.core.clock.now());
      return;
    }
    case 'sale': {
      const lot = pickLot(op.lot);
      const lines = [{ productId: lot.product_id, lotId: lot.id, quantity: op.packs }];
      await s.cashier.invoke('sales.completeSale', { idempotencyKey: nextId('sale'), lines, tenders: [{ kind: 'cash', amount: '500.00' }] });
      return;
    }
    case 'quarantine':
      await s.admin.invoke('inventory.quarantineStock', { lotId: pickLot(op.lot).id, quantity: op.quantity, reason: 'property check' });
      return;
    case 'release':
      await s.admin.invoke('inventory.releaseFromQuarantine', { lotId: pickLot(op.lot).id, quantity: op.quantity, toLocation: 'shelf', reason: 'property check' });
      return;
    case 'dispose':
      await s.admin.invoke('inventory.disposeStock', { lotId: pickLot(op.lot).id, quantity: op.quantity, kind: 'writeOff', supplierId: s.supplierId, reason: 'property check' });
      return;
    case 'stocktake': {
      const sheet = await s.admin.invoke('inventory.startStocktake', { scope: 'partial', productIds: [s.products[keys[op.product] ?? 'pads'].id] });
      if (!sheet.ok) return;
      const counts = sheet.value.lines.map((l, i) => ({ productId: l.productId, batch: l.batch, location: l.location as 'shelf', expiry: l.expiry, counted: op.counts[i % op.counts.length] ?? 0 }));
      if (!(await s.admin.invoke('inventory.recordCount', { stocktakeId: sheet.value.id, counts })).ok) return;
      const review = await s.admin.invoke('inventory.reviewStocktake', { stocktakeId: sheet.value.id });
      if (!review.ok) return;
      await s.admin.invoke('inventory.reviewStocktake', { stocktakeId: sheet.value.id, reasons: review.value.lines.map((l) => ({ lotId: l.lotId, reason: 'counted' })) });
      await s.admin.invoke('inventory.approveStocktake', { stocktakeId: sheet.value.id });
      return;
    }
    case 'cost':
      db.prepare('UPDATE stock_lot SET cost_minor = ? WHERE id = ?').run(op.cost, pickLot(op.lot).id);
      return;
    case 'packSize':
      db.prepare('UPDATE product SET pack_size = ? WHERE id = ?').run(op.packSize, s.products[keys[op.product] ?? 'pads'].id);
      return;
    case 'days':
      // Days later the terminal has locked itself: each person unlocks it, as at the counter.
      s.core.clock.advance(op.days * DAY);
      expectOk(await s.admin.invoke('auth.unlock', { secret: ADMIN.password }));
      expectOk(await s.cashier.invoke('auth.unlock', { secret: 'cashier-pass-1' }));
      return;
  }
}

type Plain = { lotId: string; expiry: string; location: string; onHand: number; costMinor: number | null; packSize: number };
type Report = OutputOf<'inventory.expiryReport'>;

/** The report as it would be computed with no projection at all: sums of the ledger per lot, banded here. */
function recompute(horizonDays: number, includeQuarantine: boolean): Pick<Report, 'rows' | 'totals'> {
  const today = isoDay(s.core.clock.now());
  const folded = s.core.db
    .prepare(
      `SELECT l.id AS lotId, l.expiry, l.location, m.qty AS onHand, l.cost_minor AS costMinor, p.pack_size AS packSize
       FROM (SELECT lot_id, sum(quantity) AS qty FROM stock_movement GROUP BY lot_id) m
       JOIN stock_lot l ON l.id = m.lot_id JOIN product p ON p.id = l.product_id`,
    )
    .all() as Plain[];
  const band = (days: number) => (days < 0 ? 'expired' : days <= 30 ? 'within30' : days <= 60 ? 'within60' : 'within90');
  const shown = folded.filter((l) => l.onHand > 0 && daysBetween(today, l.expiry) <= horizonDays && (includeQuarantine || l.location !== 'quarantine'));
  const rows = shown.map((l) => ({
    lotId: l.lotId,
    onHand: l.onHand,
    valueMinor: l.costMinor === null ? null : valueAtCost(l.onHand, l.costMinor, l.packSize),
    band: band(daysBetween(today, l.expiry)),
  }));
  const bands = (['expired', 'within30', 'within60', 'within90'] as const).filter((b) => b === 'expired' || Number(b.slice(6)) <= horizonDays);
  const totals = bands.map((b) => {
    const inBand = rows.filter((r) => r.band === b);
    return { band: b, lots: inBand.length, units: inBand.reduce((n, r) => n + r.onHand, 0), valueMinor: inBand.reduce((n, r) => n + (r.valueMinor ?? 0), 0) };
  });
  return { rows: rows as Report['rows'], totals };
}

const byLot = <T extends { lotId: string }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => a.lotId.localeCompare(b.lotId));

describe('expiry report properties', () => {
  it('equals a plain recomputation from the ledger after any movements, cost and pack-size changes and days passing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const op of ops) await run(op);
        expect(verifyStockProjection(s.core.db)).toEqual([]);
        for (const horizonDays of [30, 60, 90] as const) {
          for (const includeQuarantine of [true, false]) {
            const report = expectOk(await s.admin.invoke('inventory.expiryReport', { horizonDays, includeQuarantine, limit: 5000 }));
            const plain = recompute(horizonDays, includeQuarantine);
            expect(report.totals, `${horizonDays} days, quarantine ${includeQuarantine}`).toEqual(plain.totals);
            expect(byLot(report.rows).map((r) => ({ lotId: r.lotId, onHand: r.onHand, valueMinor: r.valueMinor, band: r.band }))).toEqual(byLot(plain.rows));
          }
        }
      }),
      { numRuns: 30, seed: 20261127 },
    );
  }, 240_000);

  it('names a lot whose copied cost, location, expiry or pack size went stale, and a stale copy is caught by the verification', async () => {
    const { db } = s.core;
    expect(verifyStockProjection(db)).toEqual([]);
    const lot = db.prepare('SELECT lot_id AS id, on_hand AS onHand FROM stock_balance ORDER BY lot_id LIMIT 1').get() as { id: string; onHand: number };
    db.prepare('UPDATE stock_balance SET cost_minor = coalesce(cost_minor, 0) + 1, pack_size = pack_size + 1 WHERE lot_id = ?').run(lot.id);
    expect(verifyStockProjection(db)).toEqual([{ lotId: lot.id, projected: lot.onHand, ledger: lot.onHand, stale: ['costMinor', 'packSize'] }]);
    db.prepare('UPDATE stock_balance SET on_hand = on_hand + 1 WHERE lot_id = ?').run(lot.id);
    expect(verifyStockProjection(db)).toEqual([{ lotId: lot.id, projected: lot.onHand + 1, ledger: lot.onHand, stale: ['costMinor', 'packSize'] }]);
  });
});
