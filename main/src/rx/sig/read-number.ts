// Reads the ways a number is written in directions: digits, decimals, fractions ("1/2", "1 1/2", "½"),
// words ("two", "one-half", "one and a half"), and ranges ("1-2", "1 to 2", "1 or 2").
import type { Token } from './tokenize.js';
import { NUMBER_WORDS } from './vocabulary/words.js';

export type ReadNumber = { value: number; length: number; trailingZero: boolean; nakedDecimal: boolean };
export type ReadRange = {
  low: number;
  high?: number;
  length: number;
  trailingZero: boolean;
  nakedDecimal: boolean;
};

function simpleNumber(toks: readonly Token[], i: number): ReadNumber | undefined {
  const t = toks[i];
  if (t === undefined) return undefined;
  if (t.kind === 'num' && t.value !== undefined) {
    const fraction = fractionAt(toks, i);
    if (fraction !== undefined) return fraction;
    return {
      value: t.value,
      length: 1,
      trailingZero: /\.\d*0$/.test(t.text) && /^\d/.test(t.text),
      nakedDecimal: t.text.startsWith('.'),
    };
  }
  if (t.kind === 'word') {
    const v = NUMBER_WORDS[t.text];
    if (v === undefined) return undefined;
    // "one-half", "one half"
    if (t.text === 'one' && toks[i + 1]?.text === '-' && toks[i + 2]?.text === 'half') return plain(0.5, 3);
    if (t.text === 'one' && toks[i + 1]?.text === 'half') return plain(0.5, 2);
    if (t.text === 'a' || v === 0.5) return plain(0.5, 1);
    return plain(v, 1);
  }
  return undefined;
}

const plain = (value: number, length: number): ReadNumber => ({
  value,
  length,
  trailingZero: false,
  nakedDecimal: false,
});

/** "1/2", "3/4": a proper fraction written with a slash. */
function fractionAt(toks: readonly Token[], i: number): ReadNumber | undefined {
  const a = toks[i];
  const slash = toks[i + 1];
  const b = toks[i + 2];
  if (a?.kind !== 'num' || slash?.text !== '/' || b?.kind !== 'num') return undefined;
  const num = a.value ?? 0;
  const den = b.value ?? 0;
  if (!Number.isInteger(num) || !Number.isInteger(den) || den < 2 || den > 10 || num <= 0 || num >= den)
    return undefined;
  return plain(num / den, 3);
}

export function readNumber(toks: readonly Token[], i: number): ReadNumber | undefined {
  // "a half" / "a quarter"
  if (toks[i]?.text === 'a' && toks[i + 1]?.text === 'half') return plain(0.5, 2);
  const first = simpleNumber(toks, i);
  if (first === undefined) return undefined;
  const next = i + first.length;
  if (Number.isInteger(first.value) && first.value >= 1) {
    // "1 1/2", "1½"
    const t = toks[next];
    if (t?.kind === 'num') {
      const frac =
        fractionAt(toks, next) ??
        (t.value !== undefined && t.value > 0 && t.value < 1 && /[½¼¾⅓⅔]/.test(t.text)
          ? plain(t.value, 1)
          : undefined);
      if (frac !== undefined)
        return { ...first, value: first.value + frac.value, length: first.length + frac.length };
    }
    // "one and a half", "1 and 1/2", "two and one-half"
    if (toks[next]?.text === 'and') {
      const rest = readHalf(toks, next + 1);
      if (rest !== undefined)
        return { ...first, value: first.value + rest.value, length: first.length + 1 + rest.length };
    }
  }
  return first;
}

function readHalf(toks: readonly Token[], i: number): ReadNumber | undefined {
  if (toks[i]?.text === 'a' && toks[i + 1]?.text === 'half') return plain(0.5, 2);
  const n = simpleNumber(toks, i);
  return n !== undefined && n.value > 0 && n.value < 1 ? n : undefined;
}

const RANGE_WORDS = new Set(['-', 'to', 'or', '–']);

export function readRange(toks: readonly Token[], i: number): ReadRange | undefined {
  const low = readNumber(toks, i);
  if (low === undefined) return undefined;
  const sep = toks[i + low.length];
  if (sep !== undefined && RANGE_WORDS.has(sep.text)) {
    const high = readNumber(toks, i + low.length + 1);
    if (high !== undefined && high.value > low.value) {
      return {
        low: low.value,
        high: high.value,
        length: low.length + 1 + high.length,
        trailingZero: low.trailingZero || high.trailingZero,
        nakedDecimal: low.nakedDecimal || high.nakedDecimal,
      };
    }
  }
  return {
    low: low.value,
    length: low.length,
    trailingZero: low.trailingZero,
    nakedDecimal: low.nakedDecimal,
  };
}
