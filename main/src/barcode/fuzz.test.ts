import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScan, type ParseScanOptions, type ScanResult } from './scan.js';

const NOW = new Date('2025-06-15T12:00:00Z');
const SEED = { seed: 4242, numRuns: 3000 };
const CODE = /^gs1\.[a-z][A-Za-z]+$/;

/** A result is either a scan or a coded, worded error, and survives JSON unchanged. */
function isWellFormed(result: ScanResult): boolean {
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  if (result.ok) return Array.isArray(result.value.ais);
  expect(result.error.code).toMatch(CODE);
  expect(result.error.code).not.toBe('gs1.internalError');
  expect(result.error.message.length).toBeGreaterThan(0);
  return true;
}

function neverThrows(input: string, options: ParseScanOptions = {}): boolean {
  let result: ScanResult | undefined;
  expect(() => {
    result = parseScan(input, { now: NOW, ...options });
  }).not.toThrow();
  return result !== undefined && isWellFormed(result);
}

// Fragments that steer random input into each parsing path, so the fuzzing reaches deep code.
const FRAGMENTS = [
  ']d2', ']C1', ']e0', ']Q3', ']Q1', ']E0', ']E4', ']I1', ']C0', '(', ')', '\\(', '01', '09506000134352', '10',
  '17', '251200', '21', '8030', '8110', '3103', '422', '7007', '\u001d', '|', '~', 'https://', 'http://a/',
  'HTTPS://id.gs1.org', '/01/', '/10/', '?', '&', '=', '%', '%00', '%2F', '#', '99', '0', '9', 'A', ' ', '\r\n',
];
const steered = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''));

describe('parseScan against hostile input', () => {
  it('never throws on arbitrary strings, including any Unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => neverThrows(s)), SEED);
  });

  it('never throws on input built from scan-like fragments, with and without a GS substitute', () => {
    fc.assert(fc.property(steered, (s) => neverThrows(s) && neverThrows(s, { gsSubstitute: '|' })), SEED);
  });

  it('never throws on any symbology identifier followed by anything', () => {
    const id = fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), fc.string({ maxLength: 1 }));
    fc.assert(fc.property(id, fc.string({ maxLength: 60 }), ([s, m], rest) => neverThrows(`]${s}${m}${rest}`)), SEED);
  });

  it('never throws on Digital Link-shaped URIs', () => {
    const uri = fc
      .tuple(
        fc.constantFrom('https://', 'http://', 'HTTPS://'),
        fc.domain(),
        fc.array(fc.oneof(fc.constantFrom('01', '10', '21', '22', '235', '00', '8004', '414', '254'), fc.webSegment()), {
          maxLength: 8,
        }),
        fc.webQueryParameters(),
      )
      .map(([scheme, host, segments, query]) => `${scheme}${host}/${segments.join('/')}${query ? `?${query}` : ''}`);
    fc.assert(fc.property(uri, (s) => neverThrows(s, { permitConvenienceAlphas: true, permitUnknownAis: true })), SEED);
  });

  it('never throws whatever options a caller passes', () => {
    const options = fc.record(
      {
        gsSubstitute: fc.string({ maxLength: 2 }),
        checkAssociations: fc.boolean(),
        maxLength: fc.integer({ min: -5, max: 5000 }),
        permitUnknownAis: fc.boolean(),
        now: fc.date({ noInvalidDate: false }),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(steered, options, (s, o) => neverThrows(s, o)), { ...SEED, numRuns: 1000 });
  });

  it('rejects very long input quickly, by length, before reading it', () => {
    const huge = `]d201${'9'.repeat(10_000_000)}`;
    const start = performance.now();
    const result = parseScan(huge);
    const elapsed = performance.now() - start;
    expect(result.ok === false && result.error.code).toBe('gs1.inputTooLong');
    // Generous bound: the check is a length comparison, so even a slow CI machine is far inside it.
    expect(elapsed).toBeLessThan(50);
  });

  it('stays fast on the worst inputs that fit under the length limit', () => {
    const worst = ['('.repeat(4096), '(99)'.repeat(1024), `]d2${'91X\u001d'.repeat(1023)}`, `https://a/${'01/'.repeat(1364)}`];
    const start = performance.now();
    for (const input of worst) expect(isWellFormed(parseScan(input, { now: NOW }))).toBe(true);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
