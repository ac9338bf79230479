import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkExclusions, checkRepeats, checkRequisites, checkSignatureKey } from './associations.js';
import { parseBracketed, parseElementString, toElementString, type ParsedAi } from './element-string.js';
import type { Gs1Error, Result } from './errors.js';

type AiCase = { macro: string; line: number; args: unknown[]; comment: string | null };

const CASES: AiCase[] = JSON.parse(
  readFileSync(new URL('../../../../shared/data/gs1/gs1-syntax-engine_ai_tests.json', import.meta.url), 'utf8'),
) as AiCase[];

/** The GS1 syntax engine writes AI data with '^' for FNC1, including the FNC1 in first position. */
const engineNotation = (ais: readonly ParsedAi[]) => `^${toElementString(ais, '^')}`;

/**
 * Upstream builds four inputs in code (recorded as the placeholders "inbuf"/"buf"); they are rebuilt from
 * their comments: a value of exactly 90 characters (the longest GS1 AI value, AI (99) X..90) or one more,
 * and exactly 64 AIs (the most one scan may carry) or one more.
 */
function expandPlaceholder(c: AiCase): string | null {
  const [, input] = c.args as [boolean, string];
  if (input !== 'inbuf' && input !== 'buf') return null;
  const comment = c.comment ?? '';
  if (comment.startsWith('Exactly 90')) return `${input === 'buf' ? '^99' : '(99)'}${'X'.repeat(90)}`;
  if (comment.startsWith('91 chars')) return `${input === 'buf' ? '^99' : '(99)'}${'X'.repeat(91)}`;
  const count = comment.startsWith('Exactly 64') ? 64 : 65;
  return `^${Array.from({ length: count }, (_, i) => `99A${i}`).join('^')}`;
}

/**
 * processAIdata takes '^'-prefixed data. In our API FNC1 in first position is carried by the GS1 symbology
 * identifier, so the data after the leading '^' goes to parseElementString with '^' standing for GS; data
 * without that leading '^' is not GS1 AI data at all and is rejected by this mapping.
 */
function processAiData(data: string, permitUnknownAis: boolean): Result<ParsedAi[]> | null {
  if (!data.startsWith('^')) return null;
  return parseElementString(data.slice(1), { gsSubstitute: '^', permitUnknownAis });
}

const CHECKS: Record<string, (ais: readonly ParsedAi[]) => Gs1Error | null> = {
  validateAIrepeats: checkRepeats,
  validateAImutex: checkExclusions,
  validateAIrequisites: checkRequisites,
  validateDigSigRequiresSerialisedKey: checkSignatureKey,
};

const byMacro = (macro: string) => CASES.filter((c) => c.macro === macro);

describe('GS1 syntax-engine AI conformance', () => {
  it('covers all 189 upstream AI cases', () => {
    expect(CASES).toHaveLength(189);
    expect(byMacro('test_parseAIdata').length + byMacro('test_processAIdata').length + byMacro('test_validateAIs').length).toBe(189);
  });

  it('parses bracketed AI data exactly as upstream for all 29 parseAIdata cases', () => {
    const problems: string[] = [];
    for (const c of byMacro('test_parseAIdata')) {
      const [shouldSucceed, rawInput, rawExpect] = c.args as [boolean, string, string];
      const input = expandPlaceholder(c) ?? rawInput;
      const expected = rawExpect === 'expbuf' ? `^99${input.slice(4)}` : rawExpect;
      const got = parseBracketed(input);
      if (got.ok !== shouldSucceed) problems.push(`line ${c.line} ${input}: expected ok=${shouldSucceed}`);
      else if (got.ok && engineNotation(got.value) !== expected) {
        problems.push(`line ${c.line} ${input}: expected ${expected}, got ${engineNotation(got.value)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('accepts and rejects transmitted AI data as upstream for all 83 processAIdata cases', () => {
    const problems: string[] = [];
    const cases = byMacro('test_processAIdata');
    // The final "^891234" case runs upstream with unknown AIs permitted; it must still fail.
    const lastLine = Math.max(...cases.map((c) => c.line));
    for (const c of cases) {
      const [shouldSucceed, rawInput] = c.args as [boolean, string];
      const input = expandPlaceholder(c) ?? rawInput;
      const got = processAiData(input, c.line === lastLine);
      const ok = got !== null && got.ok;
      if (ok !== shouldSucceed) {
        problems.push(`line ${c.line} ${input}: expected ok=${shouldSucceed}, got ${got?.ok ? 'ok' : got?.error.code}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('applies the repeat, exclusion, requisite and signature rules as upstream for all 77 validateAIs cases', () => {
    const problems: string[] = [];
    for (const c of byMacro('test_validateAIs')) {
      const [shouldSucceed, check, input] = c.args as [boolean, string, string];
      const parsed = parseBracketed(input, { permitUnknownAis: true });
      const rule = CHECKS[check];
      if (!parsed.ok || !rule) {
        problems.push(`line ${c.line} ${input}: could not run ${check} (${parsed.ok ? 'no rule' : parsed.error.message})`);
        continue;
      }
      const error = rule(parsed.value);
      if ((error === null) !== shouldSucceed) {
        problems.push(`line ${c.line} ${check} ${input}: expected ${shouldSucceed ? 'pass' : 'an error'}, got ${error?.message ?? 'pass'}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
