/**
 * Combines posting lists into text matches: every group must match (AND), any
 * alternative of a group will do (OR), an alternative of several words needs all of them.
 * The rank adds, per group, the weights the words have in the offer (title counts most,
 * description least), the typed word more than its synonyms. Pure: the engine passes
 * the posting lists it holds in memory.
 */
export interface Posting {
  alt: string;
  lexeme: string;
  /** Sorted ascending (see sortPostingList); null: no offer has the word. */
  offer_ids: Int32Array | null;
  weights: Uint8Array | null;
}

/** Weight 4 (title) … 1 (description) → score. */
const SCORE = [0, 0.1, 0.25, 0.5, 1];

/** Matching offer ids (ascending) with their ranks. */
export interface TextMatches {
  ids: Int32Array;
  ranks: Float64Array;
}

/**
 * Sorts a posting list by offer id in place, weights alongside. Lists patched in the
 * database get offers appended, so they arrive unsorted; sorting once when a list is
 * loaded keeps `combinePostings` to merging.
 */
export function sortPostingList(ids: Int32Array, weights: Uint8Array): void {
  let ordered = true;
  for (let i = 1; i < ids.length && ordered; i++) ordered = ids[i - 1]! < ids[i]!;
  if (ordered) return;
  // Weights are 1–4: id * 8 + weight sorts by id and carries the weight along.
  const packed = Float64Array.from(ids, (id, i) => id * 8 + weights[i]!).sort();
  packed.forEach((v, i) => {
    ids[i] = Math.floor(v / 8);
    weights[i] = v % 8;
  });
}

/** Offer ids (ascending) with a score each. */
interface Scored {
  ids: Int32Array;
  scores: Float64Array;
}
const EMPTY: Scored = { ids: new Int32Array(0), scores: new Float64Array(0) };

/**
 * Works on sorted lists, so the cost follows the lengths of the lists, not the size of
 * the catalogue: merging for OR, walking side by side for AND.
 */
export function combinePostings(groups: string[][], postings: Posting[]): TextMatches {
  const byAlt = new Map<string, Posting[]>();
  for (const p of postings) byAlt.set(p.alt, [...(byAlt.get(p.alt) ?? []), p]);
  let result: Scored | null = null;
  for (const group of groups) {
    // The word as typed (first alternative) counts fully; synonyms and split-off stems
    // find more offers but rank them lower.
    const matched = group.flatMap((alt, position) => {
      const lexemes = byAlt.get(alt) ?? [];
      // Only stop words, or a word no offer has: this alternative matches nothing.
      if (lexemes.length === 0 || lexemes.some((l) => !l.offer_ids)) return [];
      const lists = lexemes.map((l) => ({ ids: l.offer_ids!, weights: l.weights! }));
      return [phrase(lists, position === 0 ? 1 : 0.3)];
    });
    const any = union(matched);
    result = result ? intersect(result, any) : any;
    if (result.ids.length === 0) break;
  }
  // Exact-size copies in shared memory: the cache keeps them, and a worker thread reads
  // them without a copy (parallel-scan.ts).
  const n = result?.ids.length ?? 0;
  const ids = new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
  const ranks = new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8), 0, n);
  if (result) {
    ids.set(result.ids);
    ranks.set(result.scores);
  }
  return { ids, ranks };
}

/** A posting list, sorted by offer id. */
interface SortedList {
  ids: Int32Array;
  weights: Uint8Array;
}

/** The first position at or after `from` whose id is ≥ `id` (galloping, then binary search). */
function seek(ids: Int32Array, from: number, id: number): number {
  let step = 1;
  let hi = from;
  while (hi < ids.length && ids[hi]! < id) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, ids.length);
  while (from < hi) {
    const mid = (from + hi) >>> 1;
    if (ids[mid]! < id) from = mid + 1;
    else hi = mid;
  }
  return from;
}

/**
 * The offers that have every word of an alternative (one word, or all words of a
 * phrase), scored by the best weight any of its words has there. Walks the shortest
 * list and looks the others up.
 */
function phrase(lists: SortedList[], factor: number): Scored {
  const [first, ...rest] = [...lists].sort((a, b) => a.ids.length - b.ids.length) as [
    SortedList,
    ...SortedList[],
  ];
  if (rest.length === 0) {
    // One word: every offer of its list, no lookups (the ids are shared, not copied).
    const scores = new Float64Array(first.ids.length);
    for (let i = 0; i < scores.length; i++) scores[i] = factor * (SCORE[first.weights[i]!] ?? 0.1);
    return { ids: first.ids, scores };
  }
  const ids = new Int32Array(first.ids.length);
  const scores = new Float64Array(first.ids.length);
  const at = new Int32Array(rest.length);
  let n = 0;
  outer: for (let i = 0; i < first.ids.length; i++) {
    const id = first.ids[i]!;
    let best = first.weights[i]!;
    for (let l = 0; l < rest.length; l++) {
      const list = rest[l]!;
      const j = seek(list.ids, at[l]!, id);
      at[l] = j;
      if (j === list.ids.length || list.ids[j] !== id) continue outer;
      if (list.weights[j]! > best) best = list.weights[j]!;
    }
    ids[n] = id;
    scores[n++] = factor * (SCORE[best] ?? 0.1);
  }
  return { ids: ids.subarray(0, n), scores: scores.subarray(0, n) };
}

/**
 * Scores by offer id for `union`, kept between calls and left all zero after each: one
 * big array instead of a new one per query (combining is synchronous).
 */
let dense = new Float64Array(0);

/** OR: every offer of any list, its scores added up (adds into a dense array by id). */
function union(lists: Scored[]): Scored {
  if (lists.length === 0) return EMPTY;
  if (lists.length === 1) return lists[0]!;
  let lo = 2 ** 31 - 1;
  let hi = -1;
  let total = 0;
  for (const { ids } of lists) {
    if (ids.length === 0) continue;
    lo = Math.min(lo, ids[0]!);
    hi = Math.max(hi, ids[ids.length - 1]!);
    total += ids.length;
  }
  if (hi < 0) return EMPTY;
  if (dense.length <= hi) dense = new Float64Array(hi + 1);
  for (const { ids, scores } of lists) for (let i = 0; i < ids.length; i++) dense[ids[i]!]! += scores[i]!;
  // Every score is positive, so a non-zero entry is a match; reading it also resets it.
  const ids = new Int32Array(total);
  const scores = new Float64Array(total);
  let n = 0;
  for (let id = lo; id <= hi; id++) {
    const score = dense[id]!;
    if (score === 0) continue;
    dense[id] = 0;
    ids[n] = id;
    scores[n++] = score;
  }
  return { ids: ids.subarray(0, n), scores: scores.subarray(0, n) };
}

/** AND: the offers in both lists, their scores added (walks the shorter list). */
function intersect(a: Scored, b: Scored): Scored {
  const [short, long] = a.ids.length <= b.ids.length ? [a, b] : [b, a];
  const ids = new Int32Array(short.ids.length);
  const scores = new Float64Array(short.ids.length);
  let j = 0;
  let n = 0;
  for (let i = 0; i < short.ids.length; i++) {
    const id = short.ids[i]!;
    j = seek(long.ids, j, id);
    if (j === long.ids.length) break;
    if (long.ids[j] === id) {
      ids[n] = id;
      scores[n++] = short.scores[i]! + long.scores[j]!;
    }
  }
  return { ids: ids.subarray(0, n), scores: scores.subarray(0, n) };
}
