// A seeded random sequence, so that every run of the benchmark builds the same data and asks the same things.
export type Rand = {
  next(): number;
  int(below: number): number;
  pick<T>(xs: readonly T[]): T;
};

export function seededRand(seed: number): Rand {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: cheap, and good enough to spread picks evenly over a catalog.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  return {
    next,
    int: (below) => Math.floor(next() * below),
    pick: (xs) => xs[Math.floor(next() * xs.length)] as (typeof xs)[number],
  };
}
