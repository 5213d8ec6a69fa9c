/**
 * Combines posting lists into text matches: every group must match (AND), any
 * alternative of a group will do (OR), an alternative of several words needs all of them.
 * The rank adds, per group, the weights the words have in the offer (title counts most,
 * description least), the typed word more than its synonyms. Pure: the lists come from `textPostings`.
 */
export interface Posting {
  alt: string;
  lexeme: string;
  offer_ids: ArrayLike<number> | null;
  weights: ArrayLike<number> | null;
}

/** Weight 4 (title) … 1 (description) → score. */
const SCORE = [0, 0.1, 0.25, 0.5, 1];

/** Matching offer ids (ascending) with their ranks. */
export interface TextMatches {
  ids: Int32Array;
  ranks: Float64Array;
}

export function combinePostings(groups: string[][], postings: Posting[]): TextMatches {
  const byAlt = new Map<string, Posting[]>();
  let maxId = 0;
  for (const p of postings) {
    const list = byAlt.get(p.alt) ?? [];
    list.push(p);
    byAlt.set(p.alt, list);
    const ids = p.offer_ids;
    if (ids) for (let i = 0; i < ids.length; i++) if (ids[i]! > maxId) maxId = ids[i]!;
  }
  // Dense arrays indexed by offer id: a few hundred kilobytes, and no hashing in the loops.
  const total = new Float64Array(maxId + 1);
  const groupsHit = new Uint8Array(maxId + 1);
  const score = new Float64Array(maxId + 1);
  const wordsHit = new Uint8Array(maxId + 1);
  const bestWeight = new Uint8Array(maxId + 1);
  let g = 0;
  for (const group of groups) {
    score.fill(0);
    // The word as typed (first alternative) counts fully; synonyms and split-off stems
    // find more offers but rank them lower.
    group.forEach((alt, position) => {
      const factor = position === 0 ? 1 : 0.3;
      const lexemes = byAlt.get(alt) ?? [];
      // Only stop words, or a word no offer has: this alternative matches nothing.
      if (lexemes.length === 0 || lexemes.some((l) => !l.offer_ids)) return;
      if (lexemes.length === 1) {
        const { offer_ids: ids, weights } = lexemes[0]!;
        for (let i = 0; i < ids!.length; i++) score[ids![i]!]! += factor * (SCORE[weights![i]!] ?? 0.1);
        return;
      }
      // Several words (a phrase): an offer needs all of them; it scores by the best weight.
      wordsHit.fill(0);
      bestWeight.fill(0);
      for (const { offer_ids: ids, weights } of lexemes) {
        for (let i = 0; i < ids!.length; i++) {
          const id = ids![i]!;
          wordsHit[id]!++;
          if (weights![i]! > bestWeight[id]!) bestWeight[id] = weights![i]!;
        }
      }
      const first = lexemes[0]!.offer_ids!;
      for (let i = 0; i < first.length; i++) {
        const id = first[i]!;
        if (wordsHit[id] === lexemes.length) score[id]! += factor * (SCORE[bestWeight[id]!] ?? 0.1);
      }
    });
    for (let id = 0; id <= maxId; id++) {
      if (score[id]! > 0 && groupsHit[id] === g) {
        groupsHit[id] = g + 1;
        total[id]! += score[id]!;
      }
    }
    g++;
  }
  let n = 0;
  if (g > 0) for (let id = 0; id <= maxId; id++) if (groupsHit[id] === g) n++;
  const ids = new Int32Array(n);
  const ranks = new Float64Array(n);
  if (n > 0) {
    let k = 0;
    for (let id = 0; id <= maxId; id++) {
      if (groupsHit[id] === g) {
        ids[k] = id;
        ranks[k++] = total[id]!;
      }
    }
  }
  return { ids, ranks };
}
