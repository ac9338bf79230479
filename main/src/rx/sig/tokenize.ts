// Splits directions into tokens that keep their place in the original text, so that whatever the
// parser does not understand can be shown to the pharmacist exactly where it was written.

export type TokenKind = 'num' | 'word' | 'punct';

export type Token = {
  kind: TokenKind;
  /** Lower-case normalised text ("q.o.d." → "qod"). */
  text: string;
  start: number;
  end: number;
  /** Numeric value of a `num` token. */
  value?: number;
};

const VULGAR_FRACTIONS: Record<string, number> = { '½': 0.5, '¼': 0.25, '¾': 0.75, '⅓': 1 / 3, '⅔': 2 / 3 };

// Order matters: dotted abbreviations (q.o.d., p.r.n., q.4.h) before plain words and numbers.
const TOKEN_RE =
  /([A-Za-z](?:\.[A-Za-z0-9]{1,2})+\.?)|(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|\.\d+)|([\p{L}\p{M}]+(?:['’][\p{L}]+)?)|([½¼¾⅓⅔])|(\S)/gu;

const SPLIT_RE = /[a-z]+|\d+/g;

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  for (const m of input.matchAll(TOKEN_RE)) {
    const start = m.index;
    const raw = m[0];
    const end = start + raw.length;
    if (m[1] !== undefined) {
      // "q.4.h" → q 4 h, "p.o." → po: the parts share the span of the whole abbreviation.
      const joined = raw.replace(/\./g, '').toLowerCase();
      for (const part of joined.match(SPLIT_RE) ?? []) {
        tokens.push(
          /\d/.test(part)
            ? { kind: 'num', text: part, start, end, value: Number(part) }
            : { kind: 'word', text: part, start, end },
        );
      }
    } else if (m[2] !== undefined) {
      const text = raw.replace(/,/g, '');
      tokens.push({ kind: 'num', text, start, end, value: Number(text.startsWith('.') ? `0${text}` : text) });
    } else if (m[3] !== undefined) {
      tokens.push({ kind: 'word', text: raw.toLowerCase().replace('’', "'"), start, end });
    } else if (m[4] !== undefined) {
      tokens.push({ kind: 'num', text: raw, start, end, value: VULGAR_FRACTIONS[raw] ?? 0 });
    } else {
      const text = raw === '×' ? 'x' : raw;
      tokens.push({ kind: text === 'x' ? 'word' : 'punct', text, start, end });
    }
  }
  return tokens;
}
