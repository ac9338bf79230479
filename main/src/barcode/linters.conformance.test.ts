import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINTERS, runLinter } from './linters.js';
import type { GcpLookup, LintFailure } from './lint-types.js';

type LinterCase = {
  file: string;
  line: number;
  linter: string;
  input: string;
  expect: 'pass' | 'fail';
  error: string | null;
  markup: string | null;
};

const CASES: LinterCase[] = JSON.parse(
  readFileSync(new URL('../../../../shared/data/gs1/gs1-syntax-engine_linter_tests.json', import.meta.url), 'utf8'),
) as LinterCase[];

/** GS1_LINTER_NON_DIGIT_CHARACTER → nonDigitCharacter (one upstream name carries a typo). */
function lintCodeOf(gs1Name: string): string {
  const words = gs1Name.replace(/^GS1_LINTER_/, '').toLowerCase().split('_');
  const name = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return name.replace('Exipiration', 'Expiration');
}

function markupOf(input: string, f: LintFailure): string {
  return `${input.slice(0, f.start)}*${input.slice(f.start, f.start + f.length)}*${input.slice(f.start + f.length)}`;
}

/**
 * Upstream builds these inputs in loops (recorded in the JSON as the placeholder "data"/"expect"); they are
 * expanded here as the loops write them, with the minimum GS1 Company Prefix length of four.
 */
const PLACEHOLDER_EXPANSIONS: Record<string, { input: string; markup?: string }[]> = {
  'gcppos1:169': [{ input: '01234' }],
  'gcppos1:171': [{ input: '0123' }],
  'gcppos1:189': ['012', '01', '0', ''].map((input) => ({ input, markup: `*${input}*` })),
  'gcppos1:199': [{ input: '0123A' }],
  'gcppos1:216': [
    { input: '012AA', markup: '012*A*A' },
    { input: '01AAA', markup: '01*A*AA' },
    { input: '0AAAA', markup: '0*A*AAA' },
    { input: 'AAAAA', markup: '*A*AAAA' },
  ],
  'gcppos2:114': [{ input: 'I01234' }],
  'gcppos2:116': [{ input: 'I0123' }],
  'gcppos2:134': ['012', '01', '0'].map((rest) => ({ input: `I${rest}`, markup: `I*${rest}*` })),
  'gcppos2:150': ['I', ''].map((input) => ({ input, markup: `*${input}*` })),
  'gcppos2:161': [{ input: 'I0123A' }],
  'gcppos2:178': [
    { input: 'I012AA', markup: 'I012*A*A' },
    { input: 'I01AAA', markup: 'I01*A*AA' },
    { input: 'I0AAAA', markup: 'I0*A*AAA' },
    { input: 'IAAAAA', markup: 'I*A*AAAA' },
  ],
};

/**
 * Cases run upstream with a test GS1 Company Prefix lookup that answers "valid" for the first `countdown`
 * calls and then the configured verdict; the same lookup is plugged in here.
 */
const LOOKUP_COUNTDOWN: Record<string, number> = {
  'gcppos1:221': 0,
  'gcppos1:223': 0,
  'gcppos2:183': 0,
  'gcppos2:185': 0,
  'couponcode:1431': 0,
  'couponcode:1433': 0,
  'couponcode:1438': 1,
  'couponcode:1441': 1,
  'couponcode:1446': 1,
  'couponcode:1449': 1,
  'couponcode:1454': 1,
  'couponcode:1457': 1,
};

function countdownLookup(countdown: number, verdict: 'invalid' | 'offline'): GcpLookup {
  let remaining = countdown;
  return () => (remaining-- > 0 ? 'valid' : verdict);
}

/** Returns a description of each way the case disagrees with our linter; empty when it conforms. */
function disagreements(c: LinterCase): string[] {
  const key = `${c.linter}:${c.line}`;
  const variants = PLACEHOLDER_EXPANSIONS[key] ?? [{ input: c.input, markup: c.markup ?? undefined }];
  const countdown = LOOKUP_COUNTDOWN[key];
  const problems: string[] = [];
  for (const variant of variants) {
    const gcpLookup =
      countdown === undefined
        ? undefined
        : countdownLookup(countdown, c.error === 'GS1_LINTER_GCP_DATASOURCE_OFFLINE' ? 'offline' : 'invalid');
    const got = runLinter(c.linter, variant.input, gcpLookup ? { gcpLookup } : {});
    const where = `${key} ${JSON.stringify(variant.input)}`;
    if (c.expect === 'pass') {
      if (got) problems.push(`${where}: expected pass, got ${got.code} ${markupOf(variant.input, got)}`);
      continue;
    }
    if (!got) {
      problems.push(`${where}: expected ${c.error}, got pass`);
      continue;
    }
    if (got.code !== lintCodeOf(c.error ?? '')) problems.push(`${where}: expected ${c.error}, got ${got.code}`);
    if (variant.markup !== undefined && markupOf(variant.input, got) !== variant.markup) {
      problems.push(`${where}: expected markup ${variant.markup}, got ${markupOf(variant.input, got)}`);
    }
  }
  return problems;
}

const BY_LINTER = new Map<string, LinterCase[]>();
for (const c of CASES) BY_LINTER.set(c.linter, [...(BY_LINTER.get(c.linter) ?? []), c]);

describe('GS1 syntax-engine linter conformance', () => {
  it('covers all 5,682 upstream cases across 39 linters, each of which is implemented', () => {
    expect(CASES).toHaveLength(5682);
    expect(BY_LINTER.size).toBe(39);
    for (const name of BY_LINTER.keys()) expect(LINTERS.has(name), name).toBe(true);
  });

  for (const [linter, cases] of BY_LINTER) {
    it(`linter ${linter} agrees with all ${cases.length} upstream cases on verdict, error and marked span`, () => {
      expect(cases.flatMap(disagreements)).toEqual([]);
    });
  }
});
