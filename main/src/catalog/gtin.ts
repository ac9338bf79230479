// GTINs are stored as 14 digits (GTIN-8/12/13 left-padded with zeros) so that one scan finds one product
// whatever symbology printed it; a wrong check digit is refused, never guessed.

export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** 14-digit GTIN, or null when the digits are not a valid GTIN-8/12/13/14. */
export function normalizeGtin(digits: string): string | null {
  if (!/^(\d{8}|\d{12,14})$/.test(digits)) return null;
  const padded = digits.padStart(14, '0');
  return gtinCheckDigit(padded.slice(0, 13)) === Number(padded[13]) ? padded : null;
}
