import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gs1ErrorCodes, scanResultSchema, type ScanPayload, type ScanResultPayload } from './contract.js';
import type { Gs1ErrorCode } from './errors.js';
import { parseScan, type Scan, type ScanResult } from './scan.js';

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

// Compile-time agreement between the schema and the parser's own types, in both directions.
const toPayload = (result: ScanResult): DeepReadonly<ScanResultPayload> => result;
const fromPayload = (scan: ScanPayload): Scan => scan;
const codesMatch: readonly Gs1ErrorCode[] = gs1ErrorCodes;

const NOW = new Date('2025-06-15T12:00:00Z');

describe('barcode contract', () => {
  it('describes every result parseScan returns, successes and errors alike', () => {
    const inputs = [
      '(01)09506000134352(17)251200(10)A',
      ']d2010950600013435221X\u001d10Y',
      'https://id.gs1.org/01/09506000134352?17=260100',
      '9506000134352',
      ']C0RX-1',
      '(01)09506000134353',
      ']XX',
    ];
    for (const input of inputs) expect(scanResultSchema.safeParse(toPayload(parseScan(input, { now: NOW }))).success).toBe(true);
    expect(fromPayload).toBeTypeOf('function');
    expect(codesMatch).toContain('gs1.badCheckDigit');
  });

  it('holds for arbitrary input too', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => scanResultSchema.safeParse(parseScan(s, { now: NOW })).success),
      { seed: 7, numRuns: 500 },
    );
  });
});
