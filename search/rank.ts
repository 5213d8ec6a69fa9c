/**
 * Ranking rules both engines share beyond the text score.
 */

/**
 * Provider diversity on the first page: where hits tie on their score, the next place goes
 * to the tied hit whose provider has been shown least so far (the earliest of those), so
 * one provider's five copies of a course don't fill the page in a row. Only the first `n`
 * places are chosen this way, from the hits given (the engine passes a window of the best
 * ones); the rest follow in their order. Stable: the same hits give the same page, which
 * keeps the first pages consistent with each other.
 */
export function diversify<T>(
  hits: readonly T[],
  n: number,
  score: (h: T) => number,
  provider: (h: T) => number,
): T[] {
  const rest = [...hits];
  const out: T[] = [];
  const shown = new Map<number, number>();
  while (out.length < n && rest.length > 0) {
    const top = score(rest[0]!);
    let pick = 0;
    let fewest = shown.get(provider(rest[0]!)) ?? 0;
    for (let i = 1; i < rest.length && fewest > 0; i++) {
      if (score(rest[i]!) !== top) break;
      const times = shown.get(provider(rest[i]!)) ?? 0;
      if (times < fewest) {
        fewest = times;
        pick = i;
      }
    }
    const [hit] = rest.splice(pick, 1) as [T];
    shown.set(provider(hit), (shown.get(provider(hit)) ?? 0) + 1);
    out.push(hit);
  }
  return [...out, ...rest];
}
