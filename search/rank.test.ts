import { describe, expect, it } from 'vitest';
import { diversify } from './rank';

const hit = (id: number, provider: number, score: number) => ({ id, provider, score });
const order = (hits: ReturnType<typeof hit>[], n: number) =>
  diversify(
    hits,
    n,
    (h) => h.score,
    (h) => h.provider,
  ).map((h) => h.id);

describe('diversify', () => {
  it('interleaves providers where scores tie, least shown first', () => {
    const hits = [hit(1, 1, 5), hit(2, 1, 5), hit(3, 1, 5), hit(4, 2, 5), hit(5, 3, 5), hit(6, 2, 5)];
    expect(order(hits, 6)).toEqual([1, 4, 5, 2, 6, 3]);
  });

  it('never moves a hit above a better-scored one', () => {
    const hits = [hit(1, 1, 9), hit(2, 1, 8), hit(3, 2, 7)];
    expect(order(hits, 3)).toEqual([1, 2, 3]);
  });

  it('orders only the first n places and keeps every hit once', () => {
    const hits = [hit(1, 1, 5), hit(2, 1, 5), hit(3, 1, 5), hit(4, 2, 5)];
    expect(order(hits, 2)).toEqual([1, 4, 2, 3]);
    expect(order(hits, 0)).toEqual([1, 2, 3, 4]);
  });
});
