// Credentials and enrollment codes are stored only as SHA-256 hashes of 256-bit (credential) or 130-bit
// (code) random values: a stolen database gives nobody a working credential, and high entropy makes a slow
// hash unnecessary. The hash is the lookup key, so no comparison leaks timing about a stored secret.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function newCredential(): string {
  return `msd_${randomBytes(32).toString('base64url')}`;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 26 characters of a 32-letter alphabet without look-alikes (130 bits), grouped for reading aloud. */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(26);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32] ?? 'A').join('');
  return chars.match(/.{1,5}/g)?.join('-') ?? chars;
}

/** Codes are typed by people: case, spaces and dashes do not matter. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(sha256(a), 'hex');
  const y = Buffer.from(sha256(b), 'hex');
  return timingSafeEqual(x, y);
}

/** Compares a presented secret with a stored SHA-256 hex digest in constant time. */
export function sameHash(secret: string, storedHex: string): boolean {
  const x = Buffer.from(sha256(secret), 'hex');
  const y = Buffer.from(storedHex, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function newAdminToken(): string {
  return `msa_${randomBytes(32).toString('base64url')}`;
}
