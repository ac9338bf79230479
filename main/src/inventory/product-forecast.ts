// One product's forecast chart: daily demand from the ledger's sale and dispense movements, a forecast whose
// method is chosen by rolling-origin backtest (run before the transaction opens, in a worker by default), the
// seasonal-naive baseline and its error beside it, and the reorder point and order-up-to level that the same
// forecast gives for the product's supplier lead time. The numbers are the ones suggested orders use.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext, PrepareContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { demandOutlookOf, forecastProducts, ForecastError, orderUpToLevel, reorderPoint, type ForecastResult } from '../forecast/index.js';
import { perDatabase } from '../store/per-database.js';
import { addDays, isoDay } from './inventory-rules.js';

type Input = ParsedInputOf<'inventory.productForecast'>;
type Output = OutputOf<'inventory.productForecast'>;

type ProductRow = { id: string; name: string; unit: string };

export type PreparedForecast = {
  product: ProductRow;
  today: string;
  history: { date: string; quantity: number }[];
  result: ForecastResult;
};

/** Lead time assumed for a product no supplier has delivered yet: a typical next-day-but-one wholesale run. */
export const DEFAULT_LEAD_TIME_DAYS = 2;

/** Daily demand of one product: through the (product_id, at) index of the ledger. */
export const demandSql = `SELECT date(at / 1000, 'unixepoch') AS day, -sum(quantity) AS qty FROM stock_movement
  WHERE product_id = ? AND kind IN ('sale', 'dispense') AND at >= ? AND at < ? GROUP BY day ORDER BY day`;

const statements = perDatabase((db: Database) => ({
  product: db.prepare<[string], ProductRow>('SELECT id, name, unit FROM product WHERE id = ?'),
  demand: db.prepare<[string, number, number], { day: string; qty: number }>(demandSql),
  supplier: db.prepare<[string], { name: string; lead_time_days: number }>(
    `SELECT s.name, s.lead_time_days FROM delivery_line dl JOIN delivery d ON d.id = dl.delivery_id JOIN supplier s ON s.id = d.supplier_id
     WHERE dl.product_id = ? AND s.active = 1 ORDER BY d.num DESC LIMIT 1`,
  ),
  onHand: db.prepare<[string], { n: number }>(
    `SELECT coalesce(sum(b.on_hand), 0) AS n FROM stock_balance b JOIN stock_lot l ON l.id = b.lot_id JOIN stock_location loc ON loc.code = l.location
     WHERE b.product_id = ? AND loc.sellable = 1`,
  ),
  onOrderPacks: db.prepare<[string], { n: number }>(
    `SELECT coalesce(sum(max(0, l.packs - coalesce((SELECT sum(dl.packs + dl.damaged_packs) FROM delivery d JOIN delivery_line dl ON dl.delivery_id = d.id
         WHERE d.purchase_order_id = o.id AND dl.product_id = l.product_id), 0))), 0) AS n
     FROM purchase_order_line l JOIN purchase_order o ON o.id = l.order_id
     WHERE l.product_id = ? AND o.status IN ('approved', 'sent', 'partlyReceived') AND o.cancelled_at IS NULL`,
  ),
  packSize: db.prepare<[string], { pack_size: number }>('SELECT pack_size FROM product WHERE id = ?'),
}));

/** Every day from `historyDays` ago to yesterday, a day without movements counting as no demand. */
export function dailyDemand(db: Database, productId: string, today: string, historyDays: number): { date: string; quantity: number }[] {
  const start = addDays(today, -historyDays);
  const byDay = new Map(
    statements(db)
      .demand.all(productId, Date.parse(`${start}T00:00:00Z`), Date.parse(`${today}T00:00:00Z`))
      .map((r) => [r.day, r.qty]),
  );
  const out: { date: string; quantity: number }[] = [];
  // Returns counted against sales can leave a day below zero; demand never is.
  for (let d = start; d < today; d = addDays(d, 1)) out.push({ date: d, quantity: Math.max(0, byDay.get(d) ?? 0) });
  return out;
}

export async function prepareProductForecast(ctx: PrepareContext, input: Input): Promise<PreparedForecast> {
  const product = statements(ctx.db).product.get(input.productId);
  if (!product) throw new CoreError('inventory.productNotFound', 'There is no product with that id in the catalog.', { productId: input.productId });
  const today = isoDay(ctx.now);
  const history = dailyDemand(ctx.db, product.id, today, input.historyDays);
  let results: ForecastResult[];
  try {
    results = await forecastProducts(
      [{ productId: product.id, dates: history.map((h) => h.date), quantities: history.map((h) => h.quantity) }],
      { horizon: input.horizonDays, workers: input.workers },
    );
  } catch (e: unknown) {
    if (e instanceof ForecastError) {
      throw new CoreError('inventory.forecastFailed', `The demand forecast failed: ${e.message}`, { code: e.code, productId: product.id });
    }
    throw e;
  }
  const result = results[0];
  if (!result) throw new CoreError('inventory.forecastFailed', 'The demand forecast returned nothing.', { productId: product.id });
  return { product, today, history, result };
}

export function productForecast(ctx: CommandContext, input: Input, prepared: PreparedForecast): Output {
  const s = statements(ctx.db);
  const { product, result } = prepared;
  const supplier = s.supplier.get(product.id) ?? null;
  const leadTimeDays = input.leadTimeDays ?? supplier?.lead_time_days ?? DEFAULT_LEAD_TIME_DAYS;
  const outlook = demandOutlookOf(result);
  const packSize = s.packSize.get(product.id)?.pack_size ?? 1;
  const onHand = s.onHand.get(product.id)?.n ?? 0;
  let demand = 0;
  const projection = result.forecast.map((p) => {
    demand += p.mean;
    return { date: p.date, onHand: Math.round(onHand - demand) };
  });
  const chosen = result.backtest.find((b) => b.method === result.method) ?? null;
  const baseline = result.backtest.find((b) => b.method === 'seasonalNaive') ?? null;
  return {
    productId: product.id,
    name: product.name,
    unit: product.unit,
    today: prepared.today,
    history: prepared.history,
    forecast: result.forecast,
    baseline: result.forecast.map((p, i) => ({ date: p.date, quantity: result.baselineForecast[i] ?? 0 })),
    intervalLevel: result.intervalLevel,
    method: result.method,
    classification: result.classification,
    methodError: { mase: chosen?.mase ?? null, wape: chosen?.wape ?? null },
    baselineError: { mase: baseline?.mase ?? null, wape: baseline?.wape ?? null },
    backtest: result.backtest,
    projection,
    onHand,
    onOrder: (s.onOrderPacks.get(product.id)?.n ?? 0) * packSize,
    leadTimeDays,
    supplierName: supplier?.name ?? null,
    serviceLevel: input.serviceLevel,
    reviewPeriodDays: input.reviewPeriodDays,
    reorderPoint: reorderPoint(outlook, leadTimeDays, input.serviceLevel),
    orderUpToLevel: orderUpToLevel(outlook, leadTimeDays, input.reviewPeriodDays, input.serviceLevel),
  };
}
