// Rule: secrets are stored only as argon2id hashes (OWASP's first choice), never in a form that can be read
// back. Verification is asynchronous so the counter keeps answering while a hash is checked.
import { hash, verify } from '@node-rs/argon2';

/** Argon2id (the library's algorithm 2) at OWASP's minimums: 19 MiB, 2 passes, 1 lane. */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, OPTIONS);
}

export async function verifySecret(stored: string, secret: string): Promise<boolean> {
  try {
    return await verify(stored, secret);
  } catch {
    // A malformed stored hash can never match; it is treated as a failed attempt, not a crash.
    return false;
  }
}

/** A hash of a random secret, verified against when the user does not exist, so timing does not tell. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hash('not-a-real-password-for-timing-only', OPTIONS);
  return dummy;
}
