import { afterAll, describe, expect, it } from 'vitest';
import { MIN_PARALLEL, ParallelScan } from './parallel-scan';
import { RunIndex } from './run-index';
import { indexQuery, SPLIT_QUERIES, syntheticRows } from './test-helpers';

describe('ParallelScan', () => {
  const scan = new ParallelScan();
  afterAll(() => scan.close());
  const rows = syntheticRows(2 * MIN_PARALLEL);

  it('splits a search with a worker thread and answers exactly as one thread does', async () => {
    const index = RunIndex.fromRows(rows, 1);
    const ids = Int32Array.from({ length: MIN_PARALLEL + 10 }, (_, i) => 2 * i + 1);
    const matches = { ids, ranks: Float64Array.from(ids, (id) => (id % 13) / 13) };
    for (const over of [...SPLIT_QUERIES, { matches }]) {
      const q = indexQuery(over);
      expect(await scan.search(index, q)).toEqual(index.search(q));
    }
    expect(scan.remoteParts).toBe(SPLIT_QUERIES.length + 1);
  });

  it('hands the worker the next index version and scans what it holds', async () => {
    const changed = rows.map((r) => (r.offer_id % 2 === 0 ? { ...r, category: 'gesundheit' } : r));
    const index = RunIndex.fromRows(changed, 2);
    const before = scan.remoteParts;
    const q = indexQuery({ category: ['gesundheit'] });
    expect(await scan.search(index, q)).toEqual(index.search(q));
    expect(scan.remoteParts).toBe(before + 1);
  });

  it('scans a patched version (same shared columns, offers moved) in the worker exactly as here', async () => {
    const index = RunIndex.fromRows(rows, 5);
    const changes = new Map<number, typeof rows>();
    for (const r of rows) {
      if (r.offer_id % 11 !== 0) continue;
      changes.set(r.offer_id, [...(changes.get(r.offer_id) ?? []), { ...r, category: 'beratung' }]);
    }
    changes.set(3, []);
    const patched = index.patch(changes, 6);
    const before = scan.remoteParts;
    for (const q of [
      indexQuery({ category: ['beratung'] }),
      indexQuery({ sort: 'start', offset: 40 }),
      indexQuery(),
    ]) {
      expect(await scan.search(patched, q)).toEqual(patched.search(q));
    }
    expect(scan.remoteParts).toBe(before + 3);
    expect(patched.search(indexQuery({ category: ['beratung'] })).total).toBeGreaterThan(0);
  });

  it('scans small catalogues in one thread, and everything in one thread once stopped', async () => {
    const small = RunIndex.fromRows(syntheticRows(100), 3);
    const before = scan.remoteParts;
    expect(await scan.search(small, indexQuery())).toEqual(small.search(indexQuery()));
    await scan.close();
    const index = RunIndex.fromRows(rows, 4);
    expect(await scan.search(index, indexQuery())).toEqual(index.search(indexQuery()));
    expect(scan.remoteParts).toBe(before);
    expect(scan.active).toBe(false);
  });
});
