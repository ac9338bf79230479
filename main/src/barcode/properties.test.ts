import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSET82, gs1CheckDigit, gs1CheckPair, hasValidGs1CheckDigit } from './check-digits.js';
import { fullYearFromTwoDigits, resolveYymmdd } from './dates.js';
import { lintCsumAlpha } from './linters.js';
import { parseScan } from './scan.js';

const SEED = { seed: 20260127, numRuns: 500 };
const digit = fc.integer({ min: 0, max: 9 });
const digits = (min: number, max: number) =>
  fc.array(digit, { minLength: min, maxLength: max }).map((ds) => ds.join(''));
const cset82Text = (max: number) =>
  fc.array(fc.constantFrom(...CSET82.split('')), { maxLength: max }).map((cs) => cs.join(''));
const NOW = new Date('2025-06-15T12:00:00Z');

describe('GS1 check digit properties', () => {
  it('makes any digit string valid once its check digit is appended', () => {
    fc.assert(
      fc.property(digits(1, 17), (body) => hasValidGs1CheckDigit(body + String(gs1CheckDigit(body)))),
      SEED,
    );
  });

  it('detects every single-digit substitution', () => {
    fc.assert(
      fc.property(digits(7, 17), fc.nat(), fc.integer({ min: 1, max: 9 }), (body, at, shift) => {
        const code = body + String(gs1CheckDigit(body));
        const i = at % code.length;
        const changed = code.slice(0, i) + String((Number(code[i]) + shift) % 10) + code.slice(i + 1);
        return !hasValidGs1CheckDigit(changed);
      }),
      SEED,
    );
  });

  it('detects swapped neighbouring digits unless they differ by exactly 5', () => {
    fc.assert(
      fc.property(digits(7, 17), fc.nat(), (body, at) => {
        const code = body + String(gs1CheckDigit(body));
        const i = at % (code.length - 1);
        const a = Number(code[i]);
        const b = Number(code[i + 1]);
        fc.pre(a !== b && Math.abs(a - b) !== 5);
        const swapped = code.slice(0, i) + String(b) + String(a) + code.slice(i + 2);
        return !hasValidGs1CheckDigit(swapped);
      }),
      SEED,
    );
  });

  it('accepts every EAN-13 with a correct check digit and rejects every wrong one, naming the right digit', () => {
    fc.assert(
      fc.property(digits(12, 12), digit, (body, wrong) => {
        const check = gs1CheckDigit(body);
        const good = parseScan(body + String(check), { now: NOW });
        expect(good.ok && good.value.gtin).toBe(`0${body}${check}`);
        fc.pre(wrong !== check);
        const bad = parseScan(body + String(wrong), { now: NOW });
        expect(bad.ok).toBe(false);
        if (!bad.ok) expect(bad.error.message).toBe(`GTIN-13 check digit should be ${check}, found ${wrong}`);
      }),
      SEED,
    );
  });

  it('makes a check character pair that the csumalpha linter accepts, and catches any changed character', () => {
    fc.assert(
      fc.property(cset82Text(40), fc.nat(), fc.constantFrom(...CSET82.split('')), (data, at, replacement) => {
        const pair = gs1CheckPair(data);
        expect(pair).toMatch(/^[2-9A-HJ-NP-Z]{2}$/);
        expect(lintCsumAlpha(data + String(pair), {})).toBeNull();
        fc.pre(data.length > 0 && data[at % data.length] !== replacement);
        const i = at % data.length;
        const changed = data.slice(0, i) + replacement + data.slice(i + 1);
        expect(lintCsumAlpha(changed + String(pair), {})?.code).toBe('incorrectCheckPair');
      }),
      SEED,
    );
  });
});

describe('GS1 date properties', () => {
  const instant = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2400, 11, 31) }).map((t) => new Date(t));

  it('places every two-digit year within 49 years before to 50 years after the current year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), instant, (yy, now) => {
        const year = fullYearFromTwoDigits(yy, now);
        const current = now.getUTCFullYear();
        return year % 100 === yy && year >= current - 49 && year <= current + 50;
      }),
      SEED,
    );
  });

  it('reads day 00 as the day before the first of the next month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), instant, (yy, month, now) => {
        const two = (n: number) => String(n).padStart(2, '0');
        const resolved = resolveYymmdd(`${two(yy)}${two(month)}00`, now);
        if (!resolved.ok) return false;
        const date = new Date(`${resolved.date}T00:00:00Z`);
        const next = new Date(date.getTime() + 86_400_000);
        return next.getUTCDate() === 1 && date.getUTCMonth() + 1 === month;
      }),
      SEED,
    );
  });

  it('resolves every real calendar date back to itself, through the expiry of a scan', () => {
    const day = fc.integer({ min: Date.UTC(1976, 0, 1), max: Date.UTC(2075, 11, 31) }).map((t) => new Date(t));
    fc.assert(
      fc.property(day, (date) => {
        const iso = date.toISOString().slice(0, 10);
        const yymmdd = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
        const scan = parseScan(`(01)09506000134352(17)${yymmdd}`, { now: new Date('2025-06-15T00:00:00Z') });
        return scan.ok && scan.value.expiry === iso;
      }),
      SEED,
    );
  });

  it('never resolves to a date the calendar lacks', () => {
    fc.assert(
      fc.property(digits(6, 6), instant, (yymmdd, now) => {
        const resolved = resolveYymmdd(yymmdd, now);
        if (!resolved.ok) return true;
        return new Date(`${resolved.date}T00:00:00Z`).toISOString().slice(0, 10) === resolved.date;
      }),
      SEED,
    );
  });
});
