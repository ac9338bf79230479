// GTINs are stored as 14 digits (GTIN-8/12/13 left-padded with zeros) so that one scan finds one product
// whatever symbology printed it; a wrong check digit is refused, never guessed.
import { gs1CheckDigit, hasValidGs1CheckDigit } from '../barcode/check-digits.js';

export const gtinCheckDigit = gs1CheckDigit;

/** 14-digit GTIN, or null when the digits are not a valid GTIN-8/12/13/14. */
export function normalizeGtin(digits: string): string | null {
  if (!/^(\d{8}|\d{12,14})$/.test(digits)) return null;
  return hasValidGs1CheckDigit(digits) ? digits.padStart(14, '0') : null;
}
