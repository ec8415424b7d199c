/** A small seeded generator for synthetic data in tests (mulberry32 + Box-Muller). */
export function rng(seed: number): { u: () => number; n: () => number; poisson: (lambda: number) => number } {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const n = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const poisson = (lambda: number) => {
    if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * n()));
    const L = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= u();
    } while (p > L);
    return k - 1;
  };
  return { u, n, poisson };
}
