import { describe, expect, it } from 'vitest';
import { combinePostings, type Posting } from './postings';

const p = (alt: string, lexeme: string, ids: number[] | null, weights?: number[]): Posting => ({
  alt,
  lexeme,
  offer_ids: ids,
  weights: ids ? (weights ?? ids.map(() => 1)) : null,
});

describe('combinePostings', () => {
  it('ORs the alternatives of a group and ranks a title match higher', () => {
    const m = combinePostings(
      [['deutsch', 'daz']],
      [p('deutsch', 'deutsch', [1, 2], [4, 1]), p('daz', 'daz', [3], [3])],
    );
    const r = new Map([...m.ids].map((id, i) => [id, m.ranks[i]!]));
    expect([...r.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id)).toEqual([1, 3, 2]);
    expect(r.get(1)).toBe(1);
    expect(r.get(3)).toBeCloseTo(0.15);
  });

  it('ANDs the groups and the words of a phrase', () => {
    const r = combinePostings(
      [['deutsch als zweitsprache'], ['abend']],
      [
        p('deutsch als zweitsprache', 'deutsch', [1, 2, 3]),
        p('deutsch als zweitsprache', 'zweitsprach', [2, 3]),
        p('abend', 'abend', [3, 4]),
      ],
    );
    expect([...r.ids]).toEqual([3]);
  });

  it('matches nothing for a word no offer has', () => {
    expect(combinePostings([['xyzzy']], [p('xyzzy', 'xyzzy', null)]).ids.length).toBe(0);
    expect(
      combinePostings([['deutsch'], ['xyzzy']], [p('deutsch', 'deutsch', [1]), p('xyzzy', 'xyzzy', null)]).ids
        .length,
    ).toBe(0);
  });
});
