// What the inventory benchmark asks of the core, each a typed call through the dispatcher, and how the seeded
// store is checked before anything is measured.
import type { Connection, Core } from '@mortar/main';
import { verifyStockProjection } from '@mortar/main';
import type { OutputOf } from '@mortar/main/contract';
import type { Rand } from '../checkout/rand.js';
import { summarize } from '../stats.js';

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export async function call<T>(label: string, r: Promise<Reply<T>>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(`${label}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export type StoreChecks = {
  projectionDifferences: number;
  /** Seconds the core's own verification (verifyStockProjection: the ledger folded per lot against on-hand) took. */
  projectionSeconds: number;
  negativeLots: number;
  ledgerRows: number;
  byKind: Record<string, number>;
  /** Units the forecast products sold and dispensed, by the ledger and by the generator (they must agree). */
  forecastDemandUnits: { ledger: number; generated: number };
};

/**
 * The core's stock verification, then the ledger's rows by kind and the forecast products' demand in one pass
 * over the table (a forecast product is every `stride`th, its index the last 12 digits of its id).
 */
export function checkStore(core: Core, forecast: { stride: number; count: number; generatedUnits: number }): StoreChecks {
  const db = core.db;
  const t0 = performance.now();
  const projectionDifferences = verifyStockProjection(db).length;
  const projectionSeconds = Math.round(performance.now() - t0) / 1000;
  const negativeLots = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM stock_balance WHERE on_hand < 0').get()!.n;
  const kinds = db
    .prepare<[number, number], { kind: string; n: number; units: number }>(
      `SELECT kind, count(*) AS n, sum(CASE WHEN kind IN ('sale', 'dispense') AND CAST(substr(product_id, 25) AS INTEGER) % ? = 0
         AND CAST(substr(product_id, 25) AS INTEGER) < ? THEN -quantity ELSE 0 END) AS units
       FROM stock_movement GROUP BY kind ORDER BY kind`,
    )
    .all(forecast.stride, forecast.stride * forecast.count);
  return {
    projectionDifferences,
    projectionSeconds,
    negativeLots,
    ledgerRows: kinds.reduce((n, k) => n + k.n, 0),
    byKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
    forecastDemandUnits: { ledger: kinds.reduce((n, k) => n + k.units, 0), generated: forecast.generatedUnits },
  };
}

export function checksPassed(c: StoreChecks, ledgerRows: number): boolean {
  return c.projectionDifferences === 0 && c.negativeLots === 0 && c.ledgerRows === ledgerRows && c.forecastDemandUnits.ledger === c.forecastDemandUnits.generated;
}

/** Nothing measured moves stock: after the run the ledger still ends at the seeded row and no lot is below zero. */
export function checkUnmoved(core: Core) {
  const lastSeq = core.db.prepare<[], { n: number }>('SELECT coalesce(max(seq), 0) AS n FROM stock_movement').get()!.n;
  const negativeLots = core.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM stock_balance WHERE on_hand < 0').get()!.n;
  return { lastSeq, negativeLots };
}

/** On-hand as the product screen shows it: catalog.getProduct (the product, its lots with stock, sellable on-hand). */
export async function measureOnHand(c: Connection, rand: Rand, ids: readonly string[], samples: number) {
  const ms: number[] = [];
  let lots = 0;
  for (let i = 0; i < samples; i++) {
    const id = rand.pick(ids);
    const t0 = performance.now();
    const p = await call(id, c.invoke('catalog.getProduct', { id }));
    ms.push(performance.now() - t0);
    lots += p.lots.length;
  }
  return { ...summarize(ms), meanLotsWithStock: Math.round((lots / Math.max(1, samples)) * 10) / 10 };
}

/** The first page of a stock card (100 movements, newest first, with running balances), of a product or one batch. */
export async function measureStockCard(c: Connection, rand: Rand, ids: readonly string[], samples: number, batchOf?: (id: string) => string) {
  const ms: number[] = [];
  let movements = 0;
  for (let i = 0; i < samples; i++) {
    const productId = rand.pick(ids);
    const input = batchOf ? { productId, batch: batchOf(productId) } : { productId };
    const t0 = performance.now();
    const card = await call(productId, c.invoke('inventory.stockCard', input));
    ms.push(performance.now() - t0);
    movements += card.movements.length;
  }
  return { ...summarize(ms), meanMovementsOnPage: Math.round((movements / Math.max(1, samples)) * 10) / 10 };
}

export async function measureExpiry(c: Connection, horizonDays: 30 | 60 | 90, samples: number) {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let last: OutputOf<'inventory.expiryReport'> | null = null;
  for (let i = 0; i < samples; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    last = await call(`expiry ${horizonDays}`, c.invoke('inventory.expiryReport', { horizonDays }));
    ms.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuMs.push((cpu.user + cpu.system) / 1000);
  }
  return { timing: summarize(ms), cpu: summarize(cpuMs), rowsShown: last?.rows.length ?? 0, truncated: last?.truncated ?? false, totals: last?.totals ?? [] };
}

type Suggestion = OutputOf<'inventory.suggestPurchaseOrders'>;

/**
 * Forecasts and suggested orders for every forecast product, in calls of 2,000 products (the most one call
 * takes), as a manager would run them: history of two years, every candidate method backtested.
 */
export async function measureSuggestions(c: Connection, ids: readonly string[], workers: number) {
  const calls: number[] = [];
  const rows: Suggestion['products'] = [];
  let orders = 0;
  let orderLines = 0;
  const t0 = performance.now();
  for (let i = 0; i < ids.length; i += 2000) {
    const productIds = ids.slice(i, i + 2000);
    const t1 = performance.now();
    const out = await call('suggestPurchaseOrders', c.invoke('inventory.suggestPurchaseOrders', { productIds, historyDays: 730, maxProducts: 2000, workers }));
    calls.push(performance.now() - t1);
    rows.push(...out.products);
    orders += out.orders.length;
    orderLines += out.orders.reduce((n, o) => n + o.lines.length, 0);
  }
  const seconds = (performance.now() - t0) / 1000;
  const methods: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  for (const r of rows) {
    if (r.method) methods[r.method] = (methods[r.method] ?? 0) + 1;
    if (r.skipped) skipped[r.skipped] = (skipped[r.skipped] ?? 0) + 1;
  }
  const scored = rows.filter((r) => r.mase !== null && r.baselineMase !== null);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? Math.round(s[Math.floor(s.length / 2)]! * 1000) / 1000 : null;
  };
  return {
    seconds: Math.round(seconds * 10) / 10,
    calls: calls.map((x) => Math.round(x) / 1000),
    products: rows.length,
    forecast: rows.filter((r) => r.method !== null).length,
    productsToOrder: rows.filter((r) => r.packs > 0).length,
    draftOrders: orders,
    draftOrderLines: orderLines,
    methodsChosen: methods,
    skipped,
    backtest: {
      what: 'rolling-origin backtest MASE per product as inventory.suggestPurchaseOrders reports it: the chosen method beside seasonal naive',
      products: scored.length,
      medianMaseChosen: median(scored.map((r) => r.mase!)),
      medianMaseSeasonalNaive: median(scored.map((r) => r.baselineMase!)),
      shareChosenBeatsSeasonalNaive: scored.length ? Math.round((scored.filter((r) => r.mase! < r.baselineMase!).length / scored.length) * 1000) / 1000 : null,
    },
  };
}
