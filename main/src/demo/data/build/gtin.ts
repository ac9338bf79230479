// GS1 rules for the demo's barcodes: every GTIN carries a valid mod-10 check digit, real ones come from the
// sources (NDC-in-UPC or scanned EAN/UPC), and made-up ones live only in the restricted-circulation range
// (GTIN-13 prefix 20) so that they can never collide with a product sold elsewhere.

import { gs1CheckDigit, hasValidGs1CheckDigit } from '../../../barcode/check-digits.js';

export { gs1CheckDigit };

/** True when the code is all digits and its last digit is the right check digit. */
export const hasValidCheckDigit = (code: string): boolean => /^\d{8,18}$/.test(code) && hasValidGs1CheckDigit(code);

/** GTIN-8, -12, -13 or -14 left-padded to 14 digits, or null when it is not a valid GTIN. */
export const toGtin14 = (code: string): string | null => {
  if (![8, 12, 13, 14].includes(code.length) || !hasValidCheckDigit(code)) return null;
  return code.padStart(14, '0');
};

/** The 10-digit NDC of a hyphenated package code (4-4-2, 5-3-2 or 5-4-1), or null if it is not one. */
export const ndc10 = (packageCode: string): string | null => {
  const match = /^(\d{4,5})-(\d{3,4})-(\d{1,2})$/.exec(packageCode.trim());
  if (!match) return null;
  const digits = `${match[1]}${match[2]}${match[3]}`;
  return digits.length === 10 ? digits : null;
};

/** NDC-in-UPC: UPC-A number system 3 followed by the 10-digit NDC and the check digit, as a GTIN-14. */
export const ndcToGtin14 = (packageCode: string): string | null => {
  const digits = ndc10(packageCode);
  if (digits === null) return null;
  const body = `3${digits}`;
  return `${body}${gs1CheckDigit(body)}`.padStart(14, '0');
};

/** GTIN-14 of a GTIN-13 in the restricted-circulation range 20–29 (GTIN-14 '02…') or 02 (GTIN-14 '002…'). */
export const isRestrictedCirculation = (gtin14: string): boolean =>
  /^02\d{12}$/.test(gtin14) || /^002\d{11}$/.test(gtin14);

/** A restricted-circulation GTIN-14 ('0' + GTIN-13 '20' + 10 digits + check) from a 10-digit serial. */
export const restrictedGtin14 = (serial: number): string => {
  if (!Number.isInteger(serial) || serial < 0 || serial >= 1e10)
    throw new Error(`serial out of range: ${serial}`);
  const body = `20${String(serial).padStart(10, '0')}`;
  return `0${body}${gs1CheckDigit(body)}`;
};
