// Prescriber identifier checks: an NPI or DEA number read off a prescription is only accepted when its
// check digit holds (and, for DEA, its letters fit the prescriber), because one misread digit would
// otherwise attach the prescription to another prescriber.

export type IdentifierErrorCode =
  | 'npi.badFormat'
  | 'npi.badCheckDigit'
  | 'dea.badFormat'
  | 'dea.badRegistrantType'
  | 'dea.badCheckDigit'
  | 'dea.surnameMismatch';

export type IdentifierResult =
  | { ok: true; value: string }
  | { ok: false; error: { code: IdentifierErrorCode; message: string; details: { text: string; expected?: string } } };

function fail(code: IdentifierErrorCode, message: string, text: string, expected?: string): IdentifierResult {
  return { ok: false, error: { code, message, details: expected === undefined ? { text } : { text, expected } } };
}

/** Luhn check digit of an NPI's first nine digits, computed with the 80840 prefix (ISO 7812 card issuer). */
export function npiCheckDigit(nine: string): number {
  const digits = `80840${nine}`;
  let sum = 0;
  let double = true;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** Ten digits (spaces and dashes ignored), first digit 1 or 2, Luhn check with the 80840 prefix. */
export function validateNpi(text: string): IdentifierResult {
  const npi = text.replace(/[\s-]/g, '');
  if (!/^[12]\d{9}$/.test(npi)) return fail('npi.badFormat', 'An NPI is ten digits starting with 1 or 2.', text);
  const expected = String(npiCheckDigit(npi.slice(0, 9)));
  if (npi.charAt(9) !== expected) return fail('npi.badCheckDigit', 'The NPI check digit does not match.', text, expected);
  return { ok: true, value: npi };
}

/** First letters of DEA registrations (registrant types) in use. */
const REGISTRANT_TYPES = new Set('ABCDEFGHJKLMPRSTUX'.split(''));

export function deaCheckDigit(six: string): number {
  const d = (i: number): number => six.charCodeAt(i) - 48;
  return (d(0) + d(2) + d(4) + 2 * (d(1) + d(3) + d(5))) % 10;
}

export type DeaOptions = { prescriberSurname?: string };

/**
 * Two letters and seven digits. The first letter is a registrant type; the second is the initial of the
 * registrant's surname (or 9 for a registration in a business name); the seventh digit is the check digit.
 * The surname rule is applied only when the surname is given.
 */
export function validateDea(text: string, options: DeaOptions = {}): IdentifierResult {
  const dea = text.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z][A-Z9]\d{7}$/.test(dea)) return fail('dea.badFormat', 'A DEA number is two letters and seven digits.', text);
  if (!REGISTRANT_TYPES.has(dea.charAt(0))) return fail('dea.badRegistrantType', `"${dea.charAt(0)}" is not a DEA registrant type.`, text);
  const expected = String(deaCheckDigit(dea.slice(2, 8)));
  if (dea.charAt(8) !== expected) return fail('dea.badCheckDigit', 'The DEA check digit does not match.', text, expected);
  const surname = options.prescriberSurname?.normalize('NFKD').replace(/[^A-Za-z]/g, '').toUpperCase() ?? '';
  if (surname !== '' && dea.charAt(1) !== '9' && dea.charAt(1) !== surname.charAt(0)) {
    return fail('dea.surnameMismatch', `The DEA number's second letter should be the prescriber's surname initial (${surname.charAt(0)}).`, text, surname.charAt(0));
  }
  return { ok: true, value: dea };
}
