import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DICTIONARY } from './dictionary.js';
import { parseDigitalLink, type DigitalLinkOptions } from './digital-link.js';
import { parseBracketed, toElementString } from './element-string.js';

type DlCase = { macro: string; line: number; args: unknown[]; comment: string | null };

const CASES: DlCase[] = JSON.parse(
  readFileSync(new URL('../../../../shared/data/gs1/gs1-syntax-engine_digitallink_tests.json', import.meta.url), 'utf8'),
) as DlCase[];

/**
 * Upstream switches options between cases (its source shows the calls around each case); the same options
 * are given here by case line. Every other case runs with the defaults.
 */
const OPTIONS_BY_LINE: Record<number, DigitalLinkOptions> = {
  // Convenience alphas (/gtin/, /ser/, /sscc/) switched on.
  1437: { permitConvenienceAlphas: true },
  1438: { permitConvenienceAlphas: true },
  1439: { permitConvenienceAlphas: true },
  // Zero-suppressed GTIN-8/12/13 in AI (01) accepted.
  ...Object.fromEntries(
    [1449, 1459, 1469, 1484, 1494, 1635, 1641, 1669, 1679, 1689, 1699].map((line) => [
      line,
      { permitZeroSuppressedGtin: true },
    ]),
  ),
  // Unknown AIs permitted, but not as query attributes...
  1763: { permitUnknownAis: true },
  // ...unless that validation is also switched off.
  1767: { permitUnknownAis: true, permitUnknownAiAttributes: true },
};

const byMacro = (macro: string) => CASES.filter((c) => c.macro === macro);

type Pair = [string, string];
const sortedPairs = (pairs: Pair[]) => [...pairs].sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));

/** AI data with identical repeats removed, as a Digital Link carries each AI once. */
function distinctPairs(ais: readonly { ai: string; value: string }[]): Pair[] {
  const seen = new Set<string>();
  const pairs: Pair[] = [];
  for (const { ai, value } of ais) {
    if (!seen.has(ai)) pairs.push([ai, value]);
    seen.add(ai);
  }
  return pairs;
}

/**
 * The URI upstream's generator would have to write for AI data it refuses: the first primary key, the
 * qualifier alternative with most matches (first on a tie) in the path, everything else in the query.
 */
function naiveUri(stem: string, ais: readonly { ai: string; value: string }[]): string {
  const pairs = distinctPairs(ais);
  const key = pairs.find(([ai]) => DICTIONARY.byAi.get(ai)?.dlQualifiers != null);
  if (!key) return `${stem}?${pairs.map(([ai, v]) => `${ai}=${encodeURIComponent(v)}`).join('&')}`;
  const alternatives = DICTIONARY.byAi.get(key[0])?.dlQualifiers ?? [];
  let best: readonly string[] = [];
  for (const alternative of alternatives) {
    const matches = alternative.filter((q) => pairs.some(([ai]) => ai === q)).length;
    if (matches > best.filter((q) => pairs.some(([ai]) => ai === q)).length) best = alternative;
  }
  const path = [key, ...best.flatMap((q) => pairs.filter(([ai]) => ai === q))];
  const query = pairs.filter((p) => !path.includes(p));
  const pathText = path.map(([ai, v]) => `/${ai}/${encodeURIComponent(v)}`).join('');
  return `${stem}${pathText}${query.length ? '?' : ''}${query.map(([ai, v]) => `${ai}=${encodeURIComponent(v)}`).join('&')}`;
}

describe('GS1 syntax-engine Digital Link conformance', () => {
  it('covers all 140 upstream Digital Link cases', () => {
    expect(CASES).toHaveLength(140);
    expect(byMacro('test_parseDLuri')).toHaveLength(118);
    expect(byMacro('test_testGenerateDLuri')).toHaveLength(22);
  });

  it('parses URIs to the same AI data as upstream for all 118 parseDLuri cases', () => {
    const problems: string[] = [];
    for (const c of byMacro('test_parseDLuri')) {
      const [shouldSucceed, uri, expected] = c.args as [boolean, string, string];
      const got = parseDigitalLink(uri, OPTIONS_BY_LINE[c.line] ?? {});
      if (got.ok !== shouldSucceed) {
        problems.push(`line ${c.line} ${uri}: expected ok=${shouldSucceed}, got ${got.ok ? 'ok' : got.error.message}`);
      } else if (got.ok && `^${toElementString(got.value.ais, '^')}` !== expected) {
        problems.push(`line ${c.line} ${uri}: got ^${toElementString(got.value.ais, '^')}, expected ${expected}`);
      }
    }
    expect(problems).toEqual([]);
  });

  // Generating URIs is out of scope for a parser, so each generator case runs backwards: a URI upstream
  // generates must parse back to the AI data it came from, and AI data it refuses to encode must be refused
  // when written into the URI the generator would have had to produce.
  it('parses back every URI upstream generates and refuses what it will not encode, for all 22 cases', () => {
    const problems: string[] = [];
    for (const c of byMacro('test_testGenerateDLuri')) {
      const [shouldSucceed, stem, aiData, expected] = c.args as [boolean, string | null, string, string];
      const source = parseBracketed(aiData, { permitUnknownAis: true });
      if (!source.ok) {
        problems.push(`line ${c.line}: generator input unreadable: ${source.error.message}`);
        continue;
      }
      const unknownAllowed = c.line === 2206 ? { permitUnknownAis: true, permitUnknownAiAttributes: true } : {};
      if (shouldSucceed) {
        const got = parseDigitalLink(expected, unknownAllowed);
        if (!got.ok) problems.push(`line ${c.line} ${expected}: ${got.error.message}`);
        else expect(sortedPairs(distinctPairs(got.value.ais)), `line ${c.line}`).toEqual(sortedPairs(distinctPairs(source.value)));
      } else {
        const uri = naiveUri((stem ?? 'https://id.gs1.org').replace(/\/$/, ''), source.value);
        const got = parseDigitalLink(uri);
        if (got.ok) problems.push(`line ${c.line} ${uri}: expected a refusal, got ok`);
      }
    }
    expect(problems).toEqual([]);
  });
});
