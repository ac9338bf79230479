// A seeded pseudo-random source for the demand generator: the data sets used for training, tests and the
// accuracy benchmark must come out identical on every run, so nothing here may touch Math.random.

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  uniform(min: number, max: number): number;
  /** Log-uniform in [min, max]: as likely between 1 and 2 as between 10 and 20. */
  logUniform(min: number, max: number): number;
  normal(): number;
  poisson(mean: number): number;
  gamma(shape: number, scale: number): number;
  /** Gamma–Poisson mixture with the given mean and shape (smaller shape: more dispersed). */
  negativeBinomial(mean: number, shape: number): number;
  bernoulli(p: number): boolean;
};

/** sfc32 seeded through splitmix32: small, fast, and good enough for simulation. */
export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();

  let spareNormal: number | null = null;
  const normal = (): number => {
    if (spareNormal !== null) {
      const v = spareNormal;
      spareNormal = null;
      return v;
    }
    // Marsaglia's polar method: no trigonometry, so the draws do not depend on how sin/cos round.
    for (;;) {
      const u = 2 * next() - 1;
      const v = 2 * next() - 1;
      const q = u * u + v * v;
      if (q > 0 && q < 1) {
        const f = Math.sqrt((-2 * Math.log(q)) / q);
        spareNormal = v * f;
        return u * f;
      }
    }
  };

  const poisson = (mean: number): number => {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
  };

  const gamma = (shape: number, scale: number): number => {
    if (shape < 1) return gamma(shape + 1, scale) * Math.pow(next() || Number.MIN_VALUE, 1 / shape);
    // Marsaglia–Tsang.
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      const x = normal();
      const v0 = 1 + cc * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = next();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v * scale;
    }
  };

  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uniform: (min, max) => min + (max - min) * next(),
    logUniform: (min, max) => Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * next()),
    normal,
    poisson,
    gamma,
    negativeBinomial: (mean, shape) => poisson(gamma(shape, mean / shape)),
    bernoulli: (p) => next() < p,
  };
}
