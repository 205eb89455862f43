// Seeded randomness for replayable tests: the seed is printed on failure and can be forced
// with TANDEM_SEED=<n>.
export function seedFromEnv(): number {
  const forced = Number(process.env.TANDEM_SEED);
  return Number.isInteger(forced) && forced > 0 ? forced : Math.floor(Math.random() * 2 ** 31);
}

/** mulberry32: small, fast, good enough to drive test edits. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    word: () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join(''),
  };
}
