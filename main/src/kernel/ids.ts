// Ids are UUIDv7 (RFC 9562): unique without a server and sortable by creation time, as DESIGN.md asks.
import { randomFillSync } from 'node:crypto';
import type { Clock } from './clock.js';

export type IdGenerator = { next(): string };

export type RandomSource = (bytes: Uint8Array) => void;

/** Random bytes are drawn from the OS a few kilobytes at a time: one system call per id cost more than the id. */
const pool = new Uint8Array(4096);
let poolUsed = pool.length;

export const cryptoRandom: RandomSource = (bytes) => {
  if (bytes.length > pool.length) {
    randomFillSync(bytes);
    return;
  }
  if (poolUsed + bytes.length > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  bytes.set(pool.subarray(poolUsed, poolUsed + bytes.length));
  // Each byte is handed out once: the used part of the pool is wiped so it can never be given again.
  pool.fill(0, poolUsed, poolUsed + bytes.length);
  poolUsed += bytes.length;
};

/** A deterministic random source for tests (mulberry32). */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    }
  };
}

/**
 * UUIDv7 with a 12-bit sequence in rand_a (RFC 9562 method 1), so ids made in the same millisecond still
 * sort in creation order.
 */
export function uuidv7Generator(clock: Clock, random: RandomSource = cryptoRandom): IdGenerator {
  let lastMs = -1;
  let seq = 0;
  const bytes = new Uint8Array(16);
  return {
    next() {
      let ms = clock.now();
      if (ms <= lastMs) {
        seq++;
        if (seq > 0xfff) {
          lastMs++;
          seq = 0;
        }
        ms = lastMs;
      } else {
        lastMs = ms;
        random(bytes);
        seq = ((bytes[6] ?? 0) & 0x07) << 8 | (bytes[7] ?? 0); // start low so the sequence has room
      }
      random(bytes);
      const hi = Math.floor(ms / 2 ** 16);
      const lo = ms % 2 ** 16;
      bytes[0] = (hi >>> 24) & 0xff;
      bytes[1] = (hi >>> 16) & 0xff;
      bytes[2] = (hi >>> 8) & 0xff;
      bytes[3] = hi & 0xff;
      bytes[4] = (lo >>> 8) & 0xff;
      bytes[5] = lo & 0xff;
      bytes[6] = 0x70 | ((seq >>> 8) & 0x0f);
      bytes[7] = seq & 0xff;
      bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
      const hex = Buffer.from(bytes).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

export function uuidv7Timestamp(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
