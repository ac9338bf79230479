// Rule: the seeded inventory holds the same rows the core's commands write (products, lots, deliveries with
// their lines, stock movements whose trigger keeps on-hand), written with bulk SQL in large transactions
// because five million commands would take hours. The ledger is planned first (plan-ledger.ts) so that no
// lot ever goes below zero, and written day by day so a product's movements lie across the whole table, as
// two years of trading leave them.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { generateDemandDataSet, type GeneratedProduct } from '@mortar/main/forecast';
import { catalogStore, readDemoCatalog } from '@mortar/main/testing';
import { describeCatalog, type BenchProduct } from '../checkout/seed-catalog.js';
import { pastId } from '../checkout/seed-history.js';
import { BATCHES, countFixedRows, DAYS, KINDS, LedgerPlan, planProduct, QUARANTINE_SLOT, REASONS } from './plan-ledger.js';

const DAY = 86_400_000;

/** The intermittent-heavy demand the forecast products get: the committed generator, this seed and mix. */
export const DEMAND = { seed: 20_261_127, mix: { smooth: 0.15, erratic: 0.1, intermittent: 0.45, lumpy: 0.3 } } as const;

export type InventorySeedOptions = {
  products: number;
  ledgerRows: number;
  forecastProducts: number;
  /** The day after the last day of history (the day the data set is built), as ms since the epoch at 00:00 UTC. */
  today: number;
  actorId: string;
  /** Wholesalers the batches are delivered by (product i by supplier i mod n). */
  supplierIds: readonly string[];
  onProgress?: (message: string) => void;
};

export type InventorySeedSummary = {
  products: number;
  lots: number;
  quarantineLots: number;
  ledgerRows: number;
  byKind: Record<string, number>;
  deliveries: number;
  deliveryLines: number;
  forecastProducts: number;
  /** Product indexes whose demand came from the generator, in generator order. */
  forecastStride: number;
  firstDay: string;
  lastDay: string;
};

export function lotIdOf(product: number, slot: number): string {
  return `00000000-0000-7000-8001-${String(product * 10 + slot).padStart(12, '0')}`;
}

export function batchOf(product: number, k: number): string {
  return `L${product}${'ABCDE'[k]}`;
}

const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The products whose history is forecast: every `stride`th product, generator product j being index j × stride. */
export function forecastStride(products: number, forecastProducts: number): number {
  return Math.max(1, Math.floor(products / Math.max(1, forecastProducts)));
}

/** The generated demand (packs a day) of the forecast products, the same on every machine for the same seed. */
export function forecastDemand(forecastProducts: number, firstDay: number): GeneratedProduct[] {
  return generateDemandDataSet({ seed: DEMAND.seed, products: forecastProducts, days: DAYS, startDate: isoOf(firstDay), mix: DEMAND.mix });
}

function insertProducts(db: Database, products: readonly BenchProduct[], at: number): void {
  const demo = readDemoCatalog().products;
  const store = catalogStore(db);
  for (const p of products) {
    const base = demo[p.index % demo.length]!;
    store.insert(
      {
        id: p.id,
        sku: `BENCH-${p.index}`,
        name: p.name,
        brand: p.brand,
        strength: base.strength,
        form: base.form,
        route: base.route,
        pack_size: p.packSize,
        unit: base.unit,
        legal_category: base.legalCategory,
        schedule: base.schedule,
        tax_category: base.taxCategory,
        price_minor: base.priceMinor,
        currency: 'GBP',
      },
      base.ingredients,
      [p.gtin14],
      at,
    );
  }
}

export function seedInventory(db: Database, o: InventorySeedOptions): InventorySeedSummary {
  const log = o.onProgress ?? (() => {});
  const firstDay = o.today - DAYS * DAY;
  const products = describeCatalog(db, o.products);
  const stride = forecastStride(o.products, o.forecastProducts);
  const demand = forecastDemand(o.forecastProducts, firstDay);
  const demandOf = new Map<number, readonly number[]>(demand.map((g, j) => [j * stride, g.quantities]));
  if (demandOf.size !== o.forecastProducts || o.forecastProducts * stride > o.products) throw new Error('more forecast products than products');

  // Plan: the forecast products first, then the row budget left shared out as single-pack sales of the rest.
  const plan = new LedgerPlan(o.ledgerRows, o.products);
  const base = (p: BenchProduct) => ({ index: p.index, packSize: p.packSize, dispensed: !p.sellable });
  for (const [index, q] of demandOf) planProduct({ ...base(products[index]!), demand: q, fillerSales: 0 }, plan);
  const others = products.filter((p) => !demandOf.has(p.index));
  let fixed = 0;
  for (const p of others) fixed += countFixedRows({ ...base(p), demand: null, fillerSales: 0 }, plan);
  const budget = o.ledgerRows - plan.length - fixed;
  if (budget < 0) throw new Error(`${o.ledgerRows} ledger rows are too few: the forecast products and every batch's receipt need ${o.ledgerRows - budget}`);
  others.forEach((p, n) => {
    const fillerSales = others.length === 0 ? 0 : Math.floor(budget / others.length) + (n < budget % others.length ? 1 : 0);
    planProduct({ ...base(p), demand: null, fillerSales }, plan);
  });
  if (plan.length !== o.ledgerRows) throw new Error(`planned ${plan.length} rows, not ${o.ledgerRows}`);
  log(`planned ${plan.length} ledger rows`);

  const insertLot = db.prepare('INSERT INTO stock_lot (id, product_id, batch, expiry, location, cost_minor) VALUES (?, ?, ?, ?, ?, ?)');
  const insertMovement = db.prepare(
    `INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at, actor_id, document_type, document_id, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDelivery = db.prepare(
    `INSERT INTO delivery (id, supplier_id, purchase_order_id, reference, note, currency, received_at, actor_id)
     VALUES (?, ?, NULL, ?, NULL, 'GBP', ?, ?)`,
  );
  const insertDeliveryLine = db.prepare(
    `INSERT INTO delivery_line (delivery_id, line_no, product_id, gtin, batch, expiry, packs, damaged_packs, ordered_packs, stock_units,
       cost_minor, lot_id, quarantine_lot_id, discrepancy, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?, ?, NULL, NULL, NULL)`,
  );
  const cost = (p: BenchProduct) => Math.max(1, Math.floor(p.priceMinor / 2));
  const expiryIso = (product: number, k: number) => isoOf(firstDay + plan.batches[product]![k]!.expiryDay * DAY);

  let lots = 0;
  let quarantineLots = 0;
  db.transaction(() => {
    insertProducts(db, products, firstDay - 30 * DAY);
    for (const p of products) {
      for (let k = 0; k < BATCHES; k++) {
        insertLot.run(lotIdOf(p.index, k), p.id, batchOf(p.index, k), expiryIso(p.index, k), 'shelf', cost(p));
        lots++;
        if (plan.quarantineSlots[p.index]! & (1 << k)) {
          insertLot.run(lotIdOf(p.index, QUARANTINE_SLOT + k), p.id, batchOf(p.index, k), expiryIso(p.index, k), 'quarantine', cost(p));
          quarantineLots++;
        }
      }
    }
  })();
  log(`${products.length} products and ${lots + quarantineLots} lots`);

  const order = plan.dayOrder();
  const byKind: Record<string, number> = {};
  const deliveries = new Map<string, { id: string; lines: number }>();
  let deliveryLines = 0;
  let seq = 0;
  const writeDays = db.transaction((from: number, to: number) => {
    for (; from < to; from++) {
      const n = order[from]!;
      const index = plan.product[n]!;
      const p = products[index]!;
      const slot = plan.slot[n]!;
      const k = slot % QUARANTINE_SLOT;
      const kind = KINDS[plan.kind[n]!]!;
      const at = firstDay + plan.day[n]! * DAY + plan.minute[n]! * 60_000;
      const lotId = lotIdOf(index, slot);
      const why = REASONS[plan.reason[n]!]!;
      let documentId: string | null = pastId(at, 0x7f0000000 + plan.doc[n]!);
      if (kind === 'receipt') {
        const supplierId = o.supplierIds[index % o.supplierIds.length]!;
        const key = `${plan.day[n]}|${supplierId}`;
        let delivery = deliveries.get(key);
        if (!delivery) {
          const receivedAt = firstDay + plan.day[n]! * DAY + 7 * 3_600_000;
          delivery = { id: pastId(receivedAt, 0x7e0000000 + deliveries.size), lines: 0 };
          deliveries.set(key, delivery);
          insertDelivery.run(delivery.id, supplierId, `DN-${isoOf(receivedAt)}-${(index % o.supplierIds.length) + 1}`, receivedAt, o.actorId);
        }
        delivery.lines++;
        deliveryLines++;
        const units = plan.qty[n]!;
        insertDeliveryLine.run(delivery.id, delivery.lines, p.id, p.gtin14, batchOf(index, k), expiryIso(index, k), units / p.packSize, units, cost(p), lotId);
        documentId = delivery.id;
      }
      insertMovement.run(pastId(at, ++seq), lotId, p.id, kind, plan.qty[n]!, at, o.actorId, why.documentType, documentId, why.reason);
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
  });
  const ROWS_PER_TRANSACTION = 250_000;
  for (let from = 0; from < order.length; from += ROWS_PER_TRANSACTION) {
    writeDays(from, Math.min(order.length, from + ROWS_PER_TRANSACTION));
    log(`${Math.min(order.length, from + ROWS_PER_TRANSACTION)} ledger rows written`);
  }
  return {
    products: products.length,
    lots,
    quarantineLots,
    ledgerRows: seq,
    byKind,
    deliveries: deliveries.size,
    deliveryLines,
    forecastProducts: o.forecastProducts,
    forecastStride: stride,
    firstDay: isoOf(firstDay),
    lastDay: isoOf(o.today - DAY),
  };
}
