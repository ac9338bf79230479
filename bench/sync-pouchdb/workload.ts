// The replication workload both systems run: N counters of one branch, each pushing M completed sales in
// batches, then a fresh counter catching up on all of them. The events are the envelopes a counter's outbox
// holds (`sales.saleCompleted` carrying the sale as the receipt needs it), built from a seeded generator so
// that both runs send the same bytes of payload.
import { createHash } from 'node:crypto';

export type Workload = { counters: number; eventsPerCounter: number; batch: number; catchUpPage: number };

export type Origin = { tenantId: string; branchId: string; deviceId: string };

export type SaleEnvelope = {
  id: string;
  tenantId: string;
  branchId: string;
  deviceId: string;
  hlc: string;
  type: 'sales.saleCompleted';
  schemaVersion: 1;
  occurredAt: number;
  payload: { sale: Record<string, unknown> };
};

export function readWorkload(env: Readonly<Record<string, string | undefined>>): Workload {
  const int = (name: string, fallback: number, max: number) => {
    const v = Number(env[name] ?? fallback);
    if (!Number.isInteger(v) || v < 1 || v > max) throw new Error(`${name} must be a whole number from 1 to ${max}`);
    return v;
  };
  // The server takes at most 500 events per push and 1,000 per pull page.
  return {
    counters: int('BENCH_COUNTERS', 20, 1000),
    eventsPerCounter: int('BENCH_EVENTS_PER_COUNTER', 500, 1_000_000),
    batch: int('BENCH_BATCH', 50, 500),
    catchUpPage: int('BENCH_CATCH_UP_PAGE', 1000, 1000),
  };
}

/** A stable UUID (version 4 layout) from a name: the same workload yields the same event ids in both runs. */
export function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x40;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** mulberry32: small, seeded, the same sequence on every machine. */
function rand(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = ['Paracetamol 500 mg tablets 16', 'Ibuprofen 200 mg tablets 24', 'Cetirizine 10 mg tablets 30', 'Loratadine 10 mg tablets 7', 'Omeprazole 20 mg capsules 14', 'Vitamin D3 1000 IU capsules 90', 'Saline nasal spray 20 ml', 'Hydrocortisone 1% cream 15 g', 'Clotrimazole 1% cream 20 g', 'Zinc oxide ointment 50 g'];
const START = Date.UTC(2026, 10, 2, 8, 0, 0);

/** The `i`-th sale of a counter: one to five lines, a VAT breakdown and a payment, as the core records it. */
export function saleEvent(origin: Origin, counter: number, i: number): SaleEnvelope {
  const r = rand(counter * 1_000_003 + i);
  const at = START + i * 45_000 + counter * 1_000;
  const id = nameUuid(`sale:${counter}:${i}`);
  const lines = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, n) => {
    const p = Math.floor(r() * PRODUCTS.length);
    const quantity = 1 + Math.floor(r() * 3);
    const unitPriceMinor = 149 + Math.floor(r() * 1800);
    const grossMinor = quantity * unitPriceMinor;
    const taxMinor = Math.round(grossMinor / 6);
    return {
      lineId: nameUuid(`line:${counter}:${i}:${n}`),
      productId: nameUuid(`product:${p}`),
      lotId: nameUuid(`lot:${p}:${counter % 3}`),
      batch: `B${24000 + p * 7 + (counter % 3)}`,
      expiry: '2028-03-31',
      gtin: `50${String(1_000_000_000 + p * 7919).padStart(10, '0')}${p % 10}`,
      name: PRODUCTS[p],
      unit: 'pack',
      quantity,
      unitPriceMinor,
      grossMinor,
      netMinor: grossMinor - taxMinor,
      taxMinor,
      taxCategory: 'standard',
      discountMinor: 0,
      negativeStock: false,
      returnedQuantity: 0,
    };
  });
  const grossMinor = lines.reduce((s, l) => s + l.grossMinor, 0);
  const taxMinor = lines.reduce((s, l) => s + l.taxMinor, 0);
  const tendered = Math.ceil(grossMinor / 500) * 500;
  const sale = {
    id,
    receiptNo: i + 1,
    receiptCode: `R${String(counter).padStart(3, '0')}-${String(i + 1).padStart(7, '0')}`,
    at,
    deviceId: origin.deviceId,
    terminalName: `Counter ${counter + 1}`,
    shiftId: nameUuid(`shift:${counter}:${Math.floor(i / 400)}`),
    pharmacy: { name: 'Riverside Pharmacy', address: '1 Bench Road, Riverside', taxId: 'GB123456789' },
    cashier: { id: nameUuid(`cashier:${counter % 4}`), displayName: `Cashier ${counter % 4}` },
    currency: 'GBP',
    exponent: 2,
    taxRuleSetId: nameUuid('tax-rules:gb'),
    pricing: 'inclusive',
    lines,
    totals: { grossMinor, netMinor: grossMinor - taxMinor, taxMinor, discountMinor: 0, cashRoundingMinor: 0, amountToPayMinor: grossMinor, tenderedMinor: tendered, changeMinor: tendered - grossMinor, changeRoundingMinor: 0 },
    breakdown: [{ key: 'gb-standard', kind: 'vat', code: 'S', name: 'VAT', ratePercent: '20', compound: false, netMinor: grossMinor - taxMinor, baseMinor: grossMinor - taxMinor, taxMinor }],
    payments: [{ kind: r() < 0.6 ? 'card' : 'cash', currency: 'GBP', amountMinor: grossMinor, rate: '1', baseAmountMinor: grossMinor, reference: null }],
    discountApproval: null,
    negativeStock: false,
    returns: [],
    voided: null,
  };
  return {
    id,
    ...origin,
    hlc: `${String(at).padStart(15, '0')}:${String(i % 1_000_000).padStart(6, '0')}:${origin.deviceId}`,
    type: 'sales.saleCompleted',
    schemaVersion: 1,
    occurredAt: at,
    payload: { sale },
  };
}

/**
 * Batches pushed by one extra counter, alone, before the counters start: neither server is timed while it
 * warms up, and the later ones give the acknowledgement latency of a push that waits for no other counter.
 */
export const WARM_UP_BATCHES = 12;

export const warmUpEvents = (w: Workload) => WARM_UP_BATCHES * w.batch;

/** Every event the server holds at the end, and the fresh counter must receive: the counters' and the warm-up's. */
export const total = (w: Workload) => w.counters * w.eventsPerCounter + warmUpEvents(w);

/** The counter's events in push order, batch by batch (the warm-up counter is number `w.counters`). */
export function* batchesOf(origin: Origin, counter: number, w: Workload): Generator<SaleEnvelope[]> {
  const events = counter === w.counters ? warmUpEvents(w) : w.eventsPerCounter;
  for (let from = 0; from < events; from += w.batch) {
    const to = Math.min(events, from + w.batch);
    yield Array.from({ length: to - from }, (_, k) => saleEvent(origin, counter, from + k));
  }
}
