// Longest-match lookup of multi-word phrases over tokens, indexed by first word so that each position
// costs a handful of comparisons (the parser runs on every prescription line typed or scanned).
import type { Token } from './tokenize.js';

export type PhraseMatch<T> = { value: T; length: number };
export type PhraseTable<T> = (toks: readonly Token[], i: number) => PhraseMatch<T> | undefined;

export function phraseTable<T>(entries: Record<string, T>): PhraseTable<T> {
  const byFirst = new Map<string, { words: string[]; value: T }[]>();
  for (const [phrase, value] of Object.entries(entries)) {
    const words = phrase.split(' ');
    const first = words[0] ?? '';
    const list = byFirst.get(first) ?? [];
    list.push({ words, value });
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  return (toks, i) => {
    const list = byFirst.get(toks[i]?.text ?? '');
    if (list === undefined) return undefined;
    for (const { words, value } of list) {
      let ok = true;
      for (let k = 1; k < words.length; k++) {
        if (toks[i + k]?.text !== words[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return { value, length: words.length };
    }
    return undefined;
  };
}
