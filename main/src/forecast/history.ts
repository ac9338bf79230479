// Turns a product's dated history into a dense daily series. Only real calendar dates in strictly
// increasing order and whole, non-negative quantities are accepted: a forecast built on a silently
// repaired history would look trustworthy and not be.
import { createDayParser } from './calendar.js';
import type { DemandHistory } from './contract.js';

export type ForecastErrorCode = 'forecast.badOptions' | 'forecast.badHistory' | 'forecast.modelUnavailable' | 'forecast.workerFailed';

/** Thrown (and rejected) by forecastProducts; `code` is stable, `details` says which product and why. */
export class ForecastError extends Error {
  constructor(
    readonly code: ForecastErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ForecastError';
  }
}

export type DailySeries = {
  productId: string;
  /** Day number (days since 1970-01-01) of values[0]. */
  startDay: number;
  values: Float64Array;
};

/** Days from the first to the last date, a missing day counting as no sale. */
export function toDailySeries(history: DemandHistory, parseDay = createDayParser()): DailySeries {
  const { productId, dates, quantities } = history;
  const fail = (reason: string, index?: number): never => {
    throw new ForecastError('forecast.badHistory', `product ${productId}: ${reason}`, { productId, reason, index });
  };
  if (typeof productId !== 'string' || productId.length === 0) fail('a product id is required');
  if (!Array.isArray(dates) || !Array.isArray(quantities)) fail('dates and quantities must be arrays');
  if (dates.length !== quantities.length) fail(`${dates.length} dates but ${quantities.length} quantities`);
  if (dates.length === 0) fail('the history is empty');
  const days = new Int32Array(dates.length);
  for (let i = 0; i < dates.length; i++) {
    const d = parseDay(dates[i] as string);
    if (d === null) return fail(`"${String(dates[i])}" is not a YYYY-MM-DD date`, i);
    if (i > 0 && d <= (days[i - 1] as number)) return fail(`dates must increase (${String(dates[i])} follows ${String(dates[i - 1])})`, i);
    const q = quantities[i] as number;
    if (!Number.isInteger(q) || q < 0) return fail(`quantity ${String(q)} on ${String(dates[i])} is not a whole number ≥ 0`, i);
    days[i] = d;
  }
  const startDay = days[0] as number;
  const length = (days[days.length - 1] as number) - startDay + 1;
  if (length > 20 * 366) fail('the history spans more than 20 years');
  const values = new Float64Array(length);
  for (let i = 0; i < days.length; i++) values[(days[i] as number) - startDay] = quantities[i] as number;
  return { productId, startDay, values };
}
