/**
 * A small seeded pseudo-random generator for the demo data. The demo must look the same
 * on every machine and after every restart, so nothing here may touch Math.random() or
 * the clock. Not suitable for anything secret.
 */

/**
 * Mixes any number of integers into one 32-bit seed (murmur3-style avalanche). Used to
 * derive independent streams, e.g. one per offer, so that generating offers in chunks
 * or in a different order gives the same rows.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Fold values beyond 32 bits in as well, so large seeds do not collide on their low bits.
    const n = Math.trunc(part);
    const lo = n >>> 0;
    const hi = Math.floor(n / 0x1_0000_0000) >>> 0;
    for (const word of [lo, hi]) {
      h ^= Math.imul(word ^ (word >>> 16), 0x85ebca6b);
      h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A bijection on 32-bit integers (xorshift-multiply rounds are each invertible). Distinct
 * inputs give distinct outputs, which lets us build ids that look random but can never
 * collide.
 */
export function permute32(x: number, key: number): number {
  let h = (x ^ key) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h;
}

export class Random {
  private state: number;

  /** `seed` may be any number; it is mixed first so that neighbouring seeds give unrelated streams. */
  constructor(seed: number) {
    this.state = mixSeed(seed);
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  }

  /** An unsigned 32-bit integer. */
  uint32(): number {
    return Math.floor(this.next() * 0x1_0000_0000) >>> 0;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max is below min`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A new array in random order (Fisher–Yates); the input stays as it is. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** `count` distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count));
  }

  /** One item, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += Math.max(0, w);
    if (entries.length === 0 || total <= 0)
      throw new RangeError('weighted() needs at least one positive weight');
    let r = this.next() * total;
    for (const [item, w] of entries) {
      r -= Math.max(0, w);
      if (r < 0) return item;
    }
    // Rounding can leave r at a hair above zero: fall back to the last positive entry.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      if (entry[1] > 0) return entry[0];
    }
    throw new RangeError('unreachable');
  }
}

export function createRandom(seed: number): Random {
  return new Random(seed);
}
