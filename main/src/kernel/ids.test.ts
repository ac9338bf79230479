import { describe, expect, it } from 'vitest';
import { cryptoRandom, seededRandom, uuidv7Generator } from './ids.js';

const UUIDV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('makes UUIDv7 ids that sort in creation order, also within one millisecond', () => {
    const clock = { now: () => 1_764_000_000_000 };
    const ids = uuidv7Generator(clock, seededRandom(1));
    const made = Array.from({ length: 5_000 }, () => ids.next());
    for (const id of made) expect(id).toMatch(UUIDV7);
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('hands out pooled OS randomness without ever repeating it, across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const bytes = new Uint8Array(16);
      cryptoRandom(bytes);
      const hex = Buffer.from(bytes).toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
    }
    const big = new Uint8Array(10_000);
    cryptoRandom(big);
    expect(big.some((b) => b !== 0)).toBe(true);
    const ids = uuidv7Generator({ now: () => Date.now() });
    const made = Array.from({ length: 1_000 }, () => ids.next());
    expect(new Set(made).size).toBe(1_000);
  });
});
