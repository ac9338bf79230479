// GS1 dates carry a two-digit year and may use day 00. GS1 General Specifications 7.12 fixes the century with a
// window around the current year, and day 00 means the last day of the month; an expiry read any other way
// could sell an expired medicine or write off a good one.
import { daysInMonth } from './linters.js';

/**
 * Full year for a two-digit GS1 year `yy`, relative to the current year of `now` (UTC):
 * with d = yy − (current year mod 100), d in 51..99 falls in the previous century, d in −99..−50 in the next
 * century, anything else in the current century. The window is therefore current − 49 .. current + 50.
 */
export function fullYearFromTwoDigits(yy: number, now: Date): number {
  const current = now.getUTCFullYear();
  const century = current - (current % 100);
  const difference = yy - (current % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

export type ResolvedDate =
  | { readonly ok: true; readonly date: string }
  | { readonly ok: false; readonly reason: 'format' | 'month' | 'day'; readonly year?: number };

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Turns a GS1 YYMMDD value into an ISO `YYYY-MM-DD` date in the GS1 century window. Day 00 is accepted only
 * when `allowDayZero` (the yymmd0 rule) and then means the month's last day. The day is checked against the
 * resolved year, so 29 February is refused in a non-leap century year such as 2100.
 */
export function resolveYymmdd(yymmdd: string, now: Date, allowDayZero = true): ResolvedDate {
  if (!/^\d{6}$/.test(yymmdd)) return { ok: false, reason: 'format' };
  const year = fullYearFromTwoDigits(Number(yymmdd.slice(0, 2)), now);
  return resolveParts(year, Number(yymmdd.slice(2, 4)), Number(yymmdd.slice(4, 6)), allowDayZero);
}

/** As resolveYymmdd for an eight-digit YYYYMMDD value. */
export function resolveYyyymmdd(yyyymmdd: string, allowDayZero = false): ResolvedDate {
  if (!/^\d{8}$/.test(yyyymmdd)) return { ok: false, reason: 'format' };
  const year = Number(yyyymmdd.slice(0, 4));
  return resolveParts(year, Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8)), allowDayZero);
}

function resolveParts(year: number, month: number, day: number, allowDayZero: boolean): ResolvedDate {
  if (month < 1 || month > 12) return { ok: false, reason: 'month', year };
  const last = daysInMonth(year, month);
  if (day === 0 && allowDayZero) day = last;
  if (day < 1 || day > last) return { ok: false, reason: 'day', year };
  return { ok: true, date: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}
