// The demand data sets that train the global model, drive the tests and score the accuracy benchmark.
// They are generated, seeded and deterministic (the same seed gives the same numbers on every machine
// running the same Node), so a data set never has to be stored to be reproduced; the model card records
// the hash of the one used for training.
import { formatIsoDay, parseIsoDay, weekdayOf } from './calendar.js';
import type { DemandHistory } from './contract.js';
import { createRandom, type Random } from './random.js';

export type DesignClass = 'smooth' | 'erratic' | 'intermittent' | 'lumpy';

export type GeneratedProduct = {
  productId: string;
  /** The class the product was generated as; its measured Syntetos–Boylan class can differ by chance. */
  designClass: DesignClass;
  startDay: number;
  /** Units sold per day (integers ≥ 0). */
  quantities: number[];
  weekdayProfile: number[];
  /** Relative change of the rate from the first to the last day (0 for no trend). */
  trend: number;
  /** Stock-out gaps as [first day index, length]: nothing is sold while the shelf is empty. */
  stockOuts: Array<[number, number]>;
};

export type GeneratorOptions = {
  seed: number;
  products: number;
  /** Days of history per product (default 730). */
  days?: number;
  /** First day, YYYY-MM-DD (default 2023-01-02, a Monday). */
  startDate?: string;
  /** Shares of the design classes (default 0.2 smooth, 0.15 erratic, 0.4 intermittent, 0.25 lumpy). */
  mix?: Partial<Record<DesignClass, number>>;
  /** Product id prefix (default 'P'). */
  idPrefix?: string;
};

const defaultMix: Record<DesignClass, number> = { smooth: 0.2, erratic: 0.15, intermittent: 0.4, lumpy: 0.25 };
const designClasses: DesignClass[] = ['smooth', 'erratic', 'intermittent', 'lumpy'];

/** A community pharmacy's week, Monday first: busy early week and Friday, quiet weekend. */
const pharmacyWeek = [1.2, 1.1, 1.0, 1.05, 1.15, 0.9, 0.6];

export function generateDemandDataSet(options: GeneratorOptions): GeneratedProduct[] {
  const days = options.days ?? 730;
  const startDay = parseIsoDay(options.startDate ?? '2023-01-02');
  if (startDay === null) throw new Error(`not a date: ${options.startDate}`);
  const mix = { ...defaultMix, ...options.mix };
  const total = designClasses.reduce((s, c) => s + Math.max(0, mix[c]), 0);
  if (!(total > 0)) throw new Error('the class mix must have a positive share');
  const rnd = createRandom(options.seed);
  const prefix = options.idPrefix ?? 'P';
  const width = Math.max(5, String(options.products).length);
  const out: GeneratedProduct[] = [];
  for (let i = 0; i < options.products; i++) {
    let u = rnd.next() * total;
    let designClass: DesignClass = 'lumpy';
    for (const c of designClasses) {
      u -= Math.max(0, mix[c]);
      if (u < 0) {
        designClass = c;
        break;
      }
    }
    out.push(generateProduct(rnd, `${prefix}${String(i + 1).padStart(width, '0')}`, designClass, startDay, days));
  }
  return out;
}

function generateProduct(rnd: Random, productId: string, designClass: DesignClass, startDay: number, days: number): GeneratedProduct {
  const flatWeek = rnd.bernoulli(0.1);
  const raw = pharmacyWeek.map((w) => (flatWeek ? 1 : w * rnd.uniform(0.85, 1.15)));
  const meanW = raw.reduce((s, w) => s + w, 0) / 7;
  const weekdayProfile = raw.map((w) => w / meanW);
  const trend = rnd.bernoulli(0.15) ? rnd.uniform(-0.5, 0.8) : 0;
  const stockOuts: Array<[number, number]> = [];
  if (days >= 60 && rnd.bernoulli(0.1)) {
    const gaps = rnd.int(1, 3);
    for (let g = 0; g < gaps; g++) stockOuts.push([rnd.int(30, days - 20), rnd.int(3, 14)]);
  }

  const draw = dailyDraw(rnd, designClass);
  const quantities = simulate(days, startDay, weekdayProfile, trend, stockOuts, draw);
  return { productId, designClass, startDay, quantities, weekdayProfile, trend, stockOuts };
}

/** Units sold on one day, given the weekday-and-trend multiplier of the rate. */
function dailyDraw(rnd: Random, designClass: DesignClass): (multiplier: number) => number {
  switch (designClass) {
    case 'smooth': {
      // A sale nearly every day, counts close to their mean: a Poisson count of a busy line.
      const rate = rnd.logUniform(4, 40);
      return (m) => rnd.poisson(rate * m);
    }
    case 'erratic': {
      // A sale nearly every day, but the size swings (a care home's order among walk-ins).
      const occurrence = rnd.uniform(0.88, 0.98);
      const mean = rnd.logUniform(3, 20);
      const shape = rnd.uniform(0.5, 1.1);
      return (m) => (rnd.bernoulli(Math.min(1, occurrence * m)) ? 1 + rnd.negativeBinomial(mean, shape) : 0);
    }
    case 'intermittent': {
      // Few days with a sale, each of one or a few packs.
      const occurrence = rnd.logUniform(0.03, 0.5);
      const extra = rnd.uniform(0, 1.2);
      return (m) => (rnd.bernoulli(Math.min(1, occurrence * m)) ? 1 + rnd.poisson(extra) : 0);
    }
    case 'lumpy': {
      // Few days with a sale, and sizes that vary widely.
      const occurrence = rnd.logUniform(0.02, 0.4);
      const mean = rnd.logUniform(2, 25);
      const shape = rnd.uniform(0.35, 0.9);
      return (m) => (rnd.bernoulli(Math.min(1, occurrence * m)) ? 1 + rnd.negativeBinomial(mean, shape) : 0);
    }
  }
}

function simulate(
  days: number,
  startDay: number,
  weekdayProfile: number[],
  trend: number,
  stockOuts: Array<[number, number]>,
  draw: (multiplier: number) => number,
): number[] {
  const q = new Array<number>(days);
  for (let t = 0; t < days; t++) {
    const m = (weekdayProfile[weekdayOf(startDay + t)] as number) * (1 + (trend * t) / Math.max(1, days - 1));
    q[t] = draw(Math.max(0, m));
  }
  for (const [from, length] of stockOuts) for (let t = from; t < Math.min(days, from + length); t++) q[t] = 0;
  return q;
}

/** The API's input shape for a generated product (dates spelt out). */
export function toDemandHistory(p: GeneratedProduct, days = p.quantities.length): DemandHistory {
  const n = Math.min(days, p.quantities.length);
  const dates = new Array<string>(n);
  for (let t = 0; t < n; t++) dates[t] = formatIsoDay(p.startDay + t);
  return { productId: p.productId, dates, quantities: p.quantities.slice(0, n) };
}
