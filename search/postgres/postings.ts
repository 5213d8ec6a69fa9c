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
  // Weights are 1–4: id * 8 + weight sorts by id and carries the weight along. Plain loops:
  // the callbacks of Float64Array.from and forEach cost more than the sort itself (a
  // million-offer catalogue loads tens of millions of postings at start).
  const n = ids.length;
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = ids[i]! * 8 + weights[i]!;
  packed.sort();
  for (let i = 0; i < n; i++) {
    const v = packed[i]!;
    ids[i] = Math.floor(v / 8);
    weights[i] = v % 8;
  }
}

/** Offer ids (ascending) with a score each. */
interface Scored {
  ids: Int32Array;
  scores: Float64Array;
}
const EMPTY: Scored = { ids: new Int32Array(0), scores: new Float64Array(0) };

/**
 * Works on sorted lists, so the cost follows the lengths of the lists, not the size of
 * the catalogue: merging for OR, walking side by side for AND. `any`: an offer needs only
 * one group (the relaxed search), and ranks by how many it has.
 */
export function combinePostings(
  groups: string[][],
  postings: Posting[],
  mode: 'all' | 'any' = 'all',
): TextMatches {
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
    result = result ? (mode === 'all' ? intersect(result, any) : merge(result, any)) : any;
    if (mode === 'all' && result.ids.length === 0) break;
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
  // Locals, not property reads, in the loops: V8 keeps them in registers.
  const firstIds = first.ids;
  const firstWeights = first.weights;
  const points = Float64Array.from(SCORE, (s) => factor * s);
  if (rest.length === 0) {
    // One word: every offer of its list, no lookups (the ids are shared, not copied).
    const scores = new Float64Array(firstIds.length);
    for (let i = 0; i < scores.length; i++) scores[i] = points[firstWeights[i]!]!;
    return { ids: firstIds, scores };
  }
  const ids = new Int32Array(firstIds.length);
  const scores = new Float64Array(firstIds.length);
  const at = new Int32Array(rest.length);
  let n = 0;
  outer: for (let i = 0; i < firstIds.length; i++) {
    const id = firstIds[i]!;
    let best = firstWeights[i]!;
    for (let l = 0; l < rest.length; l++) {
      const { ids: otherIds, weights: otherWeights } = rest[l]!;
      const j = seek(otherIds, at[l]!, id);
      at[l] = j;
      if (j === otherIds.length || otherIds[j] !== id) continue outer;
      if (otherWeights[j]! > best) best = otherWeights[j]!;
    }
    ids[n] = id;
    scores[n++] = points[best]!;
  }
  return { ids: ids.subarray(0, n), scores: scores.subarray(0, n) };
}

/** OR: every offer of any list, its scores added up (merging the two shortest first). */
function union(lists: Scored[]): Scored {
  if (lists.length === 0) return EMPTY;
  const queue = [...lists];
  while (queue.length > 1) {
    queue.sort((x, y) => x.ids.length - y.ids.length);
    const [x, y] = queue.splice(0, 2) as [Scored, Scored];
    queue.push(merge(x, y));
  }
  return queue[0]!;
}

/** Two sorted lists into one; an offer in both adds up its scores. */
function merge(a: Scored, b: Scored): Scored {
  const aIds = a.ids;
  const bIds = b.ids;
  const aScores = a.scores;
  const bScores = b.scores;
  const ids = new Int32Array(aIds.length + bIds.length);
  const scores = new Float64Array(ids.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < aIds.length && j < bIds.length) {
    const x = aIds[i]!;
    const y = bIds[j]!;
    if (x < y) {
      ids[n] = x;
      scores[n++] = aScores[i++]!;
    } else if (y < x) {
      ids[n] = y;
      scores[n++] = bScores[j++]!;
    } else {
      ids[n] = x;
      scores[n++] = aScores[i++]! + bScores[j++]!;
    }
  }
  for (; i < aIds.length; i++, n++) {
    ids[n] = aIds[i]!;
    scores[n] = aScores[i]!;
  }
  for (; j < bIds.length; j++, n++) {
    ids[n] = bIds[j]!;
    scores[n] = bScores[j]!;
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
