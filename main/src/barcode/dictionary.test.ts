import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DICTIONARY, lookupAi, parseSyntaxDictionary, SyntaxDictionaryError } from './dictionary.js';
import { LINTERS } from './linters.js';

describe('GS1 Barcode Syntax Dictionary loading', () => {
  it('loads the shipped file identical to the shared reference copy, with its Apache-2.0 header intact', () => {
    const shipped = readFileSync(new URL('./gs1-syntax-dictionary.txt', import.meta.url), 'utf8');
    const reference = readFileSync(
      new URL('../../../../shared/data/gs1/gs1-syntax-dictionary.txt', import.meta.url),
      'utf8',
    );
    expect(shipped).toBe(reference);
    expect(shipped).toContain('Licensed under the Apache License, Version 2.0');
    expect(DICTIONARY.release).toBe('2026-01-27');
  });

  it('expands AI ranges so that every AI of the file can be looked up', () => {
    expect(DICTIONARY.entries.length).toBe(541);
    for (const ai of ['00', '01', '3100', '3105', '3695', '3909', '7039', '91', '99', '8200']) {
      expect(lookupAi(ai)?.ai).toBe(ai);
    }
    expect(lookupAi('3106')).toBeUndefined();
    expect(lookupAi('23')).toBeUndefined();
  });

  it('reads format, flags, linters, associations and Digital Link keys of an entry', () => {
    const gtin = lookupAi('01');
    expect(gtin).toMatchObject({
      title: 'GTIN',
      fixedLength: true,
      dlDataAttribute: true,
      minLength: 14,
      maxLength: 14,
      excludes: ['255', '37'],
      dlQualifiers: [['22', '10', '21'], ['235']],
    });
    expect(gtin?.components).toEqual([{ cset: 'N', min: 14, max: 14, optional: false, linters: ['csum', 'gcppos2'] }]);

    const batch = lookupAi('10');
    expect(batch).toMatchObject({ fixedLength: false, minLength: 1, maxLength: 20, dlQualifiers: null });
    expect(batch?.requires).toEqual([[['01'], ['02'], ['03'], ['8006'], ['8026']]]);

    expect(lookupAi('250')?.requires).toEqual([[['01'], ['8006']], [['21']]]);
    expect(lookupAi('8030')?.requires[0]).toContainEqual(['01', '21']);
    expect(lookupAi('3103')?.excludes).toEqual(['310n']);
    expect(lookupAi('414')?.dlQualifiers).toEqual([['254'], ['7040']]);
    expect(lookupAi('00')?.dlQualifiers).toEqual([]);

    const gdti = lookupAi('253');
    expect(gdti?.components.map((c) => [c.cset, c.min, c.max, c.optional])).toEqual([
      ['N', 13, 13, false],
      ['X', 1, 17, true],
    ]);
    expect(lookupAi('423')?.components.filter((c) => c.optional)).toHaveLength(4);
  });

  it('names only linters that this module implements', () => {
    const named = new Set(DICTIONARY.entries.flatMap((e) => e.components.flatMap((c) => c.linters)));
    expect(named.size).toBeGreaterThan(30);
    for (const name of named) expect(LINTERS.has(name), name).toBe(true);
  });

  it('keeps one AI length per two-digit prefix, as splitting transmitted data relies on it', () => {
    for (const entry of DICTIONARY.entries) {
      expect(DICTIONARY.aiLengthByPrefix.get(entry.ai.slice(0, 2))).toBe(entry.ai.length);
    }
  });

  it('refuses a malformed dictionary instead of guessing', () => {
    expect(() => parseSyntaxDictionary('01 * Q14 # bad type')).toThrow(SyntaxDictionaryError);
    expect(() => parseSyntaxDictionary('01 * N14\n01 * N14')).toThrow(/defined twice/);
    expect(() => parseSyntaxDictionary('21 X..20 N3')).toThrow(/final component/);
    expect(() => parseSyntaxDictionary('7007 [N6] N6')).toThrow(/mandatory component after an optional/);
    expect(() => parseSyntaxDictionary('99-91 X..90')).toThrow(/range/);
  });
});
