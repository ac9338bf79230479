// Restores plain words misspelt by hand or misread by OCR ("tabet", "tiems", "wekes") when exactly one
// known word is one edit away. Each correction is reported, and never applies to abbreviations.
import type { Token } from './tokenize.js';
import { EAR_ABBREVIATIONS, ROUTE_PHRASES } from './vocabulary/routes.js';
import {
  AMBIGUOUS_FREQUENCY_WORDS,
  DAY_WORDS,
  EVENT_PHRASES,
  FREQUENCY_WORDS,
  MEAL_WORDS,
  TIME_UNIT_WORDS,
  TIMES_WORDS,
} from './vocabulary/timing.js';
import { UNIT_WORDS } from './vocabulary/units.js';
import { FILLERS, INSTRUCTION_PHRASES, NUMBER_WORDS, SPELLING_WORDS, VERBS } from './vocabulary/words.js';

// Real words one edit from a target word: left as written.
const ENGLISH = [
  'wake',
  'make',
  'lake',
  'bake',
  'fake',
  'rake',
  'sake',
  'tale',
  'tame',
  'tape',
  'tube',
  'ever',
  'yours',
  'ours',
  'tours',
  'pours',
  'south',
  'youth',
  'ways',
  'says',
  'dogs',
  'alter',
  'ether',
  'apple',
  'aster',
  'otter',
  'heeded',
  'seeded',
  'fever',
  'peeks',
  'reeks',
  'tines',
  'timer',
  'dates',
  'dais',
  'dyes',
  'bays',
  'pays',
  'rays',
  'hays',
  'lays',
  'dads',
  'mouths',
  'needs',
  'seeds',
  'feeds',
  'weeds',
  'tablets',
  'teams',
  'tomes',
  'mates',
  'hoursa',
  'evening',
  'morning',
];

function collectWords(): Set<string> {
  const known = new Set<string>(ENGLISH);
  const tables: Record<string, unknown>[] = [
    UNIT_WORDS,
    FREQUENCY_WORDS,
    AMBIGUOUS_FREQUENCY_WORDS,
    TIME_UNIT_WORDS,
    TIMES_WORDS,
    DAY_WORDS,
    MEAL_WORDS,
    EVENT_PHRASES,
    ROUTE_PHRASES,
    EAR_ABBREVIATIONS,
    INSTRUCTION_PHRASES,
    NUMBER_WORDS,
    VERBS,
  ];
  for (const t of tables) for (const key of Object.keys(t)) for (const w of key.split(' ')) known.add(w);
  for (const f of FILLERS) known.add(f);
  for (const w of [
    'needed',
    'prn',
    'exceed',
    'maximum',
    'max',
    'every',
    'other',
    'for',
    'times',
    'time',
    'then',
    'up',
    'as',
    'not',
    'more',
    'than',
    'days',
    'weeks',
    'months',
    'hours',
  ])
    known.add(w);
  return known;
}

const KNOWN = collectWords();
const TARGETS = [...SPELLING_WORDS, 'day'];

/** Damerau (optimal string alignment) distance, but only as "is it exactly 1?", with the edit kind. */
function oneEdit(a: string, b: string): 'sub' | 'indel' | 'swap' | undefined {
  if (a === b) return undefined;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let k = 0; k < a.length && diff.length <= 2; k++) if (a[k] !== b[k]) diff.push(k);
    if (diff.length === 1) return 'sub';
    const [x, y] = diff;
    if (diff.length === 2 && x !== undefined && y === x + 1 && a[x] === b[y] && a[y] === b[x]) return 'swap';
    return undefined;
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  if (l.length - s.length !== 1) return undefined;
  let k = 0;
  while (k < s.length && s[k] === l[k]) k++;
  return s.slice(k) === l.slice(k + 1) ? 'indel' : undefined;
}

export function correctWord(w: string): string | undefined {
  if (KNOWN.has(w) || !/^[a-z]+$/.test(w) || w.length < 3) return undefined;
  let found: string | undefined;
  for (const target of TARGETS) {
    const kind = oneEdit(w, target);
    if (kind === undefined) continue;
    // Three-letter words are too close to abbreviations: only a swapped pair is restored ("dya").
    if (w.length === 3 && kind !== 'swap') continue;
    if (found !== undefined && found !== target) return undefined;
    found = target;
  }
  return found;
}

/** Corrects tokens in place; returns what was corrected, for the warnings. */
export function correctSpelling(toks: Token[]): { from: string; to: string; start: number; end: number }[] {
  const out: { from: string; to: string; start: number; end: number }[] = [];
  for (const t of toks) {
    if (t.kind !== 'word') continue;
    const to = correctWord(t.text);
    if (to === undefined) continue;
    out.push({ from: t.text, to, start: t.start, end: t.end });
    t.text = to;
  }
  return out;
}
