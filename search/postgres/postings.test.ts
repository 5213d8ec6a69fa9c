import { describe, expect, it } from 'vitest';
import { combinePostings, type Posting, sortPostingList } from './postings';

/** A posting list as the engine holds it: typed arrays sorted by offer id. */
const p = (alt: string, lexeme: string, ids: number[] | null, weights?: number[]): Posting => {
  if (!ids) return { alt, lexeme, offer_ids: null, weights: null };
  const list = {
    alt,
    lexeme,
    offer_ids: Int32Array.from(ids),
    weights: Uint8Array.from(weights ?? ids.map(() => 1)),
  };
  sortPostingList(list.offer_ids, list.weights);
  return list;
};

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

describe('sortPostingList', () => {
  it('sorts a patched list by offer id and keeps each weight with its offer', () => {
    const ids = Int32Array.from([7, 2, 9, 1]);
    const weights = Uint8Array.from([4, 1, 2, 3]);
    sortPostingList(ids, weights);
    expect([...ids]).toEqual([1, 2, 7, 9]);
    expect([...weights]).toEqual([3, 1, 4, 2]);
  });

  it('sorts a long list of large ids as a comparison sort does', () => {
    let state = 11;
    const next = () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state;
    };
    const pairs = Array.from({ length: 20_000 }, (_, i) => [(next() % 2_000_000_000) + i, 1 + (next() % 4)]);
    const ids = Int32Array.from(pairs, ([id]) => id!);
    const weights = Uint8Array.from(pairs, ([, w]) => w!);
    sortPostingList(ids, weights);
    const expected = [...pairs].sort((a, b) => a[0]! - b[0]!);
    expect([...ids]).toEqual(expected.map(([id]) => id));
    expect([...weights]).toEqual(expected.map(([, w]) => w));
  });

  it('combines lists that were patched out of order once sorted', () => {
    const m = combinePostings(
      [['kurs'], ['abend']],
      [p('kurs', 'kur', [5, 1, 3], [1, 4, 2]), p('abend', 'abend', [3, 5], [1, 1])],
    );
    expect([...m.ids]).toEqual([3, 5]);
    expect(m.ranks[0]).toBeCloseTo(0.35);
  });
});
