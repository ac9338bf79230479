// Catalog names and addresses hold accents and symbols that X12 004010 cannot carry; this makes them fit
// the order contract's text rule (printable ASCII, none of * > ~ ^, no edge spaces) without losing meaning.
/**
 * "Ibuprofène 200 mg ~ 24 cp" → "Ibuprofene 200 mg - 24 cp". Letters lose their accents (NFKD), the X12
 * separators and other characters become "-" or a space, runs of spaces collapse, and the result is cut to
 * `maxLength` (then trimmed again); a `maxLength` below 1 gives "".
 */
export function toX12Text(text: string, maxLength: number): string {
  const limit = Number.isInteger(maxLength) && maxLength > 0 ? maxLength : 0;
  const replaced = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, (ch) => (ch === 'æ' ? 'ae' : 'AE'))
    .replace(/[øØ]/g, (ch) => (ch === 'ø' ? 'o' : 'O'))
    .replace(/[*>~^]/g, '-')
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return replaced.slice(0, limit).trim();
}
