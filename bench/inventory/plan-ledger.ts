// Rule: the planned ledger never takes a lot below zero at any moment, in the order its rows are written, so
// that the seeded store is one the core could have produced (the projection is then checked against the fold
// of the ledger by the core's own verification). Each batch is received with enough for everything that
// later leaves it; a product's rows are in time order, and all rows are written day by day.
import { seededRand, type Rand } from '../checkout/rand.js';

/** Two years of daily history, ending the day before the data set is built. */
export const DAYS = 730;
export const BATCHES = 5;

export const KINDS = ['receipt', 'sale', 'dispense', 'return', 'adjustment', 'stocktake', 'transferOut', 'transferIn', 'quarantine', 'release', 'writeOff'] as const;
export type Kind = (typeof KINDS)[number];
const K = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<Kind, number>;

/** Document type and reason of a movement, by reason code (the index into this list). */
export const REASONS: readonly { documentType: string | null; reason: string | null }[] = [
  { documentType: 'delivery', reason: null },
  { documentType: 'sale', reason: null },
  { documentType: 'dispense', reason: null },
  { documentType: 'return', reason: 'customer return, pack unopened' },
  { documentType: 'adjustment', reason: 'pack damaged on the shelf' },
  { documentType: 'adjustment', reason: 'loose units found on the shelf' },
  { documentType: 'stocktake', reason: 'cycle count variance' },
  { documentType: 'transfer', reason: 'sent to a branch short of stock' },
  { documentType: 'transfer', reason: 'received from a branch' },
  { documentType: 'quarantine', reason: 'packaging damaged, held for a check' },
  { documentType: 'quarantineRelease', reason: 'checked, fit for sale' },
  { documentType: 'quarantine', reason: 'expired, awaiting destruction' },
  { documentType: 'writeOff', reason: 'expired on the shelf' },
  { documentType: 'destruction', reason: 'expired stock destroyed' },
];
const R = {
  delivery: 0, sale: 1, dispense: 2, return: 3, damaged: 4, found: 5, stocktake: 6, transferOut: 7, transferIn: 8,
  quarantineCheck: 9, release: 10, quarantineExpired: 11, writeOffExpired: 12, destruction: 13,
} as const;

/** Slot of a lot within its product: 0–4 the batches on the shelf, 5–9 the same batches in quarantine. */
export const QUARANTINE_SLOT = BATCHES;

export type PlanProduct = {
  index: number;
  packSize: number;
  /** Prescription-only or controlled: demand leaves as dispenses, not sales. */
  dispensed: boolean;
  /** Packs demanded per day (DAYS long), for the products whose history is forecast; null for the others. */
  demand: readonly number[] | null;
  /** Single-pack sales spread over the two years, for the other products. */
  fillerSales: number;
};

export type Batch = { receiptDay: number; expiryDay: number; units: number };

type Ev = { day: number; minute: number; kind: number; slot: number; qty: number; doc: number; reason: number };

/** The ledger as columns (one entry per movement), appended product by product and then ordered by day. */
export class LedgerPlan {
  readonly day: Int16Array;
  readonly minute: Int16Array;
  readonly product: Int32Array;
  readonly slot: Uint8Array;
  readonly kind: Uint8Array;
  readonly reason: Uint8Array;
  readonly qty: Int32Array;
  readonly doc: Int32Array;
  length = 0;
  private docs = 0;
  /** Per product: its five batches, and which quarantine slots it uses (bit k: batch k). */
  readonly batches: Batch[][] = [];
  readonly quarantineSlots: Uint8Array;

  constructor(readonly capacity: number, products: number) {
    this.day = new Int16Array(capacity);
    this.minute = new Int16Array(capacity);
    this.product = new Int32Array(capacity);
    this.slot = new Uint8Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.reason = new Uint8Array(capacity);
    this.qty = new Int32Array(capacity);
    this.doc = new Int32Array(capacity);
    this.quarantineSlots = new Uint8Array(products);
  }

  nextDoc(): number {
    return ++this.docs;
  }

  append(productIndex: number, events: Ev[], batches: Batch[]): void {
    if (this.length + events.length > this.capacity) throw new Error(`the plan outgrew its ${this.capacity} rows`);
    events.sort((a, b) => a.day - b.day || a.minute - b.minute);
    for (const e of events) {
      const n = this.length++;
      this.day[n] = e.day;
      this.minute[n] = e.minute;
      this.product[n] = productIndex;
      this.slot[n] = e.slot;
      this.kind[n] = e.kind;
      this.reason[n] = e.reason;
      this.qty[n] = e.qty;
      this.doc[n] = e.doc;
      if (e.slot >= QUARANTINE_SLOT) this.quarantineSlots[productIndex]! |= 1 << (e.slot - QUARANTINE_SLOT);
    }
    this.batches[productIndex] = batches;
  }

  /** Row positions in day order; within a day, each product's rows keep their time order. */
  dayOrder(): Int32Array {
    const counts = new Int32Array(DAYS + 1);
    for (let i = 0; i < this.length; i++) counts[this.day[i]! + 1]!++;
    for (let d = 1; d <= DAYS; d++) counts[d]! += counts[d - 1]!;
    const order = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) order[counts[this.day[i]!]!++] = i;
    return order;
  }
}

const between = (r: Rand, lo: number, hi: number) => lo + r.int(hi - lo + 1);

/** Independent random streams per product and purpose, so one purpose's draws never shift another's. */
export function productRand(index: number, stream: number): Rand {
  return seededRand((Math.imul(index + 1, 2_654_435_761) ^ Math.imul(stream + 1, 40_503)) >>> 0);
}

/**
 * Receipt and expiry days of the five batches: one batch sells out before the next arrives. A batch arrives
 * with one to three years of shelf life left (as wholesalers deliver), and expires at least a month after its
 * last sale; so the oldest batches have often expired by now and every expiry horizon holds some batches.
 */
function batchDays(r: Rand): { receipt: number[]; expiry: number[] } {
  const receipt = [0];
  for (let k = 1; k < BATCHES; k++) receipt.push(Math.round((k * DAYS) / BATCHES) + between(r, -10, 10));
  const expiry: number[] = [];
  for (let k = 0; k < BATCHES; k++) {
    const windowEnd = k + 1 < BATCHES ? receipt[k + 1]! : DAYS;
    expiry.push(Math.max(windowEnd + 30, receipt[k]! + between(r, 365, 1095)));
  }
  return { receipt, expiry };
}

/** Rows this product adds to the ledger besides its filler sales (for sharing out the row budget). */
export function countFixedRows(p: PlanProduct, plan: LedgerPlan): number {
  return planEvents({ ...p, fillerSales: 0 }, plan, false).events.length;
}

export function planProduct(p: PlanProduct, plan: LedgerPlan): void {
  const { events, batches } = planEvents(p, plan, true);
  plan.append(p.index, events, batches);
}

function planEvents(p: PlanProduct, plan: LedgerPlan, withDocs: boolean): { events: Ev[]; batches: Batch[] } {
  const rBatch = productRand(p.index, 1);
  const rExtra = productRand(p.index, 2);
  const rDemand = productRand(p.index, 3);
  const doc = () => (withDocs ? plan.nextDoc() : 0);
  const pack = p.packSize;
  const { receipt, expiry } = batchDays(rBatch);
  const out = p.dispensed ? { kind: K.dispense, reason: R.dispense } : { kind: K.sale, reason: R.sale };
  const fillerDays: number[] = [];
  for (let s = 0; s < p.fillerSales; s++) fillerDays.push(receipt[0]! + rDemand.int(DAYS - receipt[0]!));
  fillerDays.sort((a, b) => a - b);
  const events: Ev[] = [];
  const batches: Batch[] = [];
  const shop = () => between(rDemand, 480, 1199);
  for (let k = 0; k < BATCHES; k++) {
    const start = receipt[k]!;
    const end = k + 1 < BATCHES ? receipt[k + 1]! : DAYS;
    const w: Ev[] = [];
    const add = (day: number, kind: number, qty: number, reason: number, slot = k, id = doc(), minute = shop()) =>
      w.push({ day, minute, kind, slot, qty, doc: id, reason });
    if (p.demand) {
      for (let d = start; d < end; d++) {
        const q = p.demand[d] ?? 0;
        if (q <= 0) continue;
        add(d, out.kind, -q * pack, out.reason);
        // About one sale in a hundred comes back unopened within the week.
        if (rDemand.next() < 0.01) {
          const back = d + between(rDemand, 1, 7);
          if (back < end) add(back, K.return, pack, R.return);
        }
      }
    }
    for (const d of fillerDays) if (d >= start && d < end) add(d, out.kind, -pack, out.reason);
    // What else happens to a batch while it is on the shelf, each by chance.
    if (rExtra.next() < 0.5) {
      if (rExtra.next() < 0.8) add(between(rExtra, start, end - 1), K.adjustment, -pack, R.damaged);
      else add(between(rExtra, start, end - 1), K.adjustment, pack, R.found);
    }
    if (rExtra.next() < 0.3) add(between(rExtra, start, end - 1), K.stocktake, rExtra.next() < 0.7 ? -pack : pack, R.stocktake);
    if (rExtra.next() < 0.08) add(between(rExtra, start, end - 1), K.transferOut, -between(rExtra, 1, 2) * pack, R.transferOut);
    if (rExtra.next() < 0.05) add(between(rExtra, start, end - 1), K.transferIn, pack, R.transferIn);
    if (rExtra.next() < 0.1 && end - start >= 3) {
      const from = between(rExtra, start, end - 2);
      const back = Math.min(end - 1, from + between(rExtra, 1, 10));
      const q = doc();
      const minute = shop();
      add(from, K.quarantine, -pack, R.quarantineCheck, k, q, minute);
      add(from, K.quarantine, pack, R.quarantineCheck, QUARANTINE_SLOT + k, q, minute);
      const rel = doc();
      const relMinute = back === from ? Math.min(1439, minute + 1) : shop();
      add(back, K.release, -pack, R.release, QUARANTINE_SLOT + k, rel, relMinute);
      add(back, K.release, pack, R.release, k, rel, relMinute);
    }
    // The batch is received with the most that is ever out of it at once (every movement is of whole packs),
    // plus a spare that is still there when the next arrives.
    w.sort((a, b) => a.day - b.day || a.minute - b.minute);
    let balance = 0;
    let lowest = 0;
    for (const e of w) {
      if (e.slot !== k) continue;
      balance += e.qty;
      lowest = Math.min(lowest, balance);
    }
    // A batch that has expired by now had a spare (written off or destroyed below) four times in ten.
    const expired = expiry[k]! < DAYS;
    const spare = expired ? (rExtra.next() < 0.4 ? between(rExtra, 1, 2) * pack : 0) : rExtra.next() < 0.6 ? 0 : between(rExtra, 1, 3) * pack;
    const units = -lowest + spare || pack;
    events.push({ day: start, minute: between(rExtra, 420, 479), kind: K.receipt, slot: k, qty: units, doc: 0, reason: R.delivery }, ...w);
    const left = units + balance;
    batches.push({ receiptDay: start, expiryDay: expiry[k]!, units });
    // Spare stock of a batch that has since expired: written off, or quarantined and usually destroyed later.
    // (Whether it is depends only on the spare, so a product's row count does not depend on its sales.)
    if (spare > 0 && expired) {
      const day = expiry[k]!;
      const r = rExtra.next();
      if (r < 0.55) events.push({ day, minute: 1250, kind: K.writeOff, slot: k, qty: -left, doc: doc(), reason: R.writeOffExpired });
      else if (r < 0.85) {
        const q = doc();
        events.push({ day, minute: 1250, kind: K.quarantine, slot: k, qty: -left, doc: q, reason: R.quarantineExpired });
        events.push({ day, minute: 1250, kind: K.quarantine, slot: QUARANTINE_SLOT + k, qty: left, doc: q, reason: R.quarantineExpired });
        const gone = day + between(rExtra, 5, 40);
        if (rExtra.next() < 0.6 && gone < DAYS) {
          events.push({ day: gone, minute: 1260, kind: K.writeOff, slot: QUARANTINE_SLOT + k, qty: -left, doc: doc(), reason: R.destruction });
        }
      }
    }
  }
  return { events, batches };
}
