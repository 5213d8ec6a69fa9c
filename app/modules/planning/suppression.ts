/**
 * Small numbers are never shown (issue 20, ADR 015). A count of 1 to K−1 is a *small*
 * cell, shown as "< 5"; a table that also shows row and column totals then hides further
 * cells (*complementary* suppression), so that no small cell can be worked out from a
 * total and the cells beside it.
 *
 * Pure and synchronous: every report, page, CSV and JSON goes through `suppress`.
 *
 * How "cannot be worked out" is checked. A table with its totals is a circulation in a
 * small network (source → row → column → sink → source): the row totals are the flows
 * into the rows, the cells the flows from rows to columns, the column totals the flows
 * into the sink and the grand total the flow back. Whatever a reader knows is a bound on
 * a flow: a shown cell is exactly its value, a small one lies in 1…K−1, a complementary
 * one (always chosen from cells of at least K) in K…∞, an unpublished total in 0…∞. The
 * true table is one feasible circulation. A small cell could take another value in some
 * table that fits everything published exactly when the residual network has a cycle
 * through that cell (the network matrix is totally unimodular, so integer tables and
 * fractional ones agree). So one breadth-first search per cell and direction audits the
 * table exactly, and complements are added greedily until every small cell has another
 * possible value in both the reader's eyes and ours, and every complement as well (a
 * complement that could be worked out exactly would protect nothing).
 */
export const K = 5;

/** shown: the value is printed; small: 1…K−1, printed as "< 5"; hidden: a complement, printed as "•". */
export type Mark = 'shown' | 'small' | 'hidden';

export interface CountTable {
  /** Counts, rows × columns (one column for a simple list). Non-negative integers. */
  values: readonly (readonly number[])[];
  /** Which totals are published beside the cells. */
  rowTotals: boolean;
  colTotals: boolean;
  grandTotal: boolean;
}

export interface Suppressed {
  cells: Mark[][];
  /** Marks of the totals (meaningful only where published). */
  rowTotals: Mark[];
  colTotals: Mark[];
  total: Mark;
  /** The totals as computed from the cells (so callers print the same numbers that were checked). */
  sums: { rows: number[]; cols: number[]; total: number };
}

export function isSmall(n: number): boolean {
  return n >= 1 && n < K;
}

/** A value safe to print as a number: 0 or at least K. */
export function isPrintable(n: number): boolean {
  return n === 0 || n >= K;
}

/**
 * The table with its totals as a network (node 0 the source, 1 the sink, then the rows,
 * then the columns): edge k runs from[k] → to[k] and carries value[k].
 */
class Network {
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly value: number[] = [];
  readonly published: boolean[] = [];
  readonly mark: Mark[] = [];
  readonly kind: ('cell' | 'row' | 'col' | 'total')[] = [];
  readonly at: [number, number][] = [];
  /** Edges touching each node. */
  touching: number[][] = [];

  add(
    from: number,
    to: number,
    value: number,
    published: boolean,
    kind: Network['kind'][number],
    at: [number, number],
  ) {
    this.from.push(from);
    this.to.push(to);
    this.value.push(value);
    this.published.push(published);
    this.mark.push(published && isSmall(value) ? 'small' : 'shown');
    this.kind.push(kind);
    this.at.push(at);
  }

  get size() {
    return this.value.length;
  }

  link(nodes: number) {
    this.touching = Array.from({ length: nodes }, () => []);
    for (let k = 0; k < this.size; k++) {
      this.touching[this.from[k]!]!.push(k);
      this.touching[this.to[k]!]!.push(k);
    }
  }

  /*
   * What a reader knows about an edge's flow: a shown cell is exactly its value, a small
   * one lies in 1…K−1, a complement (always chosen from cells ≥ K, so a reader may know
   * that much) in K…∞, a hidden zero (the last resort) or an unpublished total in 0…∞.
   * `up`/`down`: whether the flow could be one more / one less within those bounds.
   */
  up(k: number): boolean {
    if (!this.published[k]) return true;
    const m = this.mark[k];
    if (m === 'shown') return false;
    if (m === 'small') return this.value[k]! < K - 1;
    return true;
  }

  down(k: number): boolean {
    const v = this.value[k]!;
    if (!this.published[k]) return v > 0;
    const m = this.mark[k];
    if (m === 'shown') return false;
    if (m === 'small') return v > 1;
    return v >= K ? v > K : v > 0;
  }

  /**
   * Nodes reachable from `start` in the residual network without edge `excluded`
   * (`backward`: the nodes from which `start` can be reached). Residual arcs run
   * from → to while a flow can grow, to → from while it can shrink.
   */
  reach(start: number, excluded: number, backward: boolean, goal = -1): Uint8Array {
    const seen = new Uint8Array(this.touching.length);
    const queue = [start];
    seen[start] = 1;
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      if (node === goal) break;
      for (const k of this.touching[node]!) {
        if (k === excluded) continue;
        const f = this.from[k]!;
        const t = this.to[k]!;
        let next = -1;
        if (backward) {
          if (t === node && this.up(k)) next = f;
          else if (f === node && this.down(k)) next = t;
        } else if (f === node && this.up(k)) next = t;
        else if (t === node && this.down(k)) next = f;
        if (next >= 0 && !seen[next]) {
          seen[next] = 1;
          queue.push(next);
        }
      }
    }
    return seen;
  }

  /**
   * A small edge is protected when some other table that fits every bound gives it
   * another value: a cycle through it in the residual network, one way or the other.
   */
  protects(k: number): boolean {
    const f = this.from[k]!;
    const t = this.to[k]!;
    if (this.up(k) && this.reach(t, k, false, f)[f]) return true;
    return this.down(k) && this.reach(f, k, false, t)[t] === 1;
  }

  /**
   * The first of `candidates` (shown, ≥ K, in order of preference) that protects small
   * edge `k` on its own, or undefined when one complement is not enough.
   */
  closing(k: number, candidates: readonly number[]): number | undefined {
    const f = this.from[k]!;
    const t = this.to[k]!;
    const ways: [Uint8Array, Uint8Array][] = [];
    if (this.up(k)) ways.push([this.reach(t, k, false), this.reach(f, k, true)]);
    if (this.down(k)) ways.push([this.reach(f, k, false), this.reach(t, k, true)]);
    return candidates.find((c) => {
      const a = this.from[c]!;
      const b = this.to[c]!;
      // Once hidden, a complement can grow (a → b) and, above K, shrink (b → a).
      return ways.some(([out, back]) => (out[a] && back[b]) || (this.value[c]! > K && out[b] && back[a]));
    });
  }

  /** Edges sharing a row or column line (in the table with its totals) with edge `k`. */
  neighbours(k: number): Set<number> {
    const out = new Set([...this.touching[this.from[k]!]!, ...this.touching[this.to[k]!]!]);
    out.delete(k);
    return out;
  }
}

function network(table: CountTable) {
  const rows = table.values.length;
  const cols = rows === 0 ? 0 : table.values[0]!.length;
  for (const row of table.values) {
    if (row.length !== cols) throw new RangeError('every row needs the same number of cells');
    for (const v of row) if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`not a count: ${v}`);
  }
  const rowSums = table.values.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = Array.from({ length: cols }, (_, j) => table.values.reduce((a, r) => a + r[j]!, 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  const net = new Network();
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) net.add(2 + i, 2 + rows + j, table.values[i]![j]!, true, 'cell', [i, j]);
  for (let i = 0; i < rows; i++) net.add(0, 2 + i, rowSums[i]!, table.rowTotals, 'row', [i, -1]);
  for (let j = 0; j < cols; j++) net.add(2 + rows + j, 1, colSums[j]!, table.colTotals, 'col', [-1, j]);
  net.add(1, 0, total, table.grandTotal, 'total', [-1, -1]);
  net.link(2 + rows + cols);
  return { net, rowSums, colSums, total, rows, cols };
}

/**
 * Marks every published cell and total of `table`: small ones (1…K−1) and the complements
 * needed so that none of them can be worked out from the totals.
 */
export function suppress(table: CountTable): Suppressed {
  const { net, rowSums, colSums, total, rows, cols } = network(table);
  const all = Array.from({ length: net.size }, (_, k) => k);
  const small = all.filter((k) => net.mark[k] === 'small');
  // Cells before totals (totals are what readers look at first), then the smallest value:
  // the least information given up.
  const preference = all
    .filter((k) => net.published[k] && net.mark[k] === 'shown' && net.value[k]! >= K)
    .sort(
      (a, b) =>
        Number(net.kind[a] !== 'cell') - Number(net.kind[b] !== 'cell') ||
        net.value[a]! - net.value[b]! ||
        a - b,
    );
  // Every suppressed value needs another possible value: the small ones, and the
  // complements too. A complement a reader can work out exactly (a row of shown cells
  // beside its total) protects nothing and shows a "•" that is not one.
  const unsafe = () => [
    ...small.filter((k) => !net.protects(k)),
    ...all.filter((k) => net.published[k] && net.mark[k] === 'hidden' && !net.protects(k)),
  ];

  let open = unsafe();
  // Each round hides at least one more cell, so this ends; the bound is a safety net.
  for (let round = 0; open.length > 0 && round <= net.size; round++) {
    for (const k of open) {
      if (net.protects(k)) continue; // already fixed by a complement of this round
      const left = preference.filter((c) => net.mark[c] === 'shown');
      const near = net.neighbours(k);
      // The best complement that protects the cell on its own; else the best one beside
      // it, and the next round goes on from there.
      const chosen =
        net.closing(k, left) ??
        left.find((c) => near.has(c)) ??
        left[0] ??
        // Nothing of K or more left to hide: a zero beside it.
        [...near].find((c) => net.published[c] && net.mark[c] === 'shown');
      if (chosen === undefined) break;
      net.mark[chosen] = 'hidden';
    }
    open = unsafe();
  }
  // Nothing left to hide gives cover: show nothing but the small marks.
  if (open.length > 0)
    for (const k of all) if (net.published[k] && net.mark[k] === 'shown') net.mark[k] = 'hidden';
  // Small values can still give each other away through their bounds alone: four cells of
  // "< 5" beside a total of "< 5" are all 1 (each is at least 1, together at most 4). A
  // small total then says "•" instead, which bounds nothing; as the very last resort the
  // small cells do too.
  if (unsafe().length > 0)
    for (const k of all)
      if (net.published[k] && net.mark[k] === 'small' && net.kind[k] !== 'cell') net.mark[k] = 'hidden';
  if (unsafe().length > 0)
    for (const k of all) if (net.published[k] && net.mark[k] === 'small') net.mark[k] = 'hidden';

  const cells = Array.from({ length: rows }, () => Array<Mark>(cols).fill('shown'));
  const rowMarks = Array<Mark>(rows).fill('shown');
  const colMarks = Array<Mark>(cols).fill('shown');
  let totalMark: Mark = 'shown';
  for (const k of all) {
    const [i, j] = net.at[k]!;
    const kind = net.kind[k];
    if (kind === 'cell') cells[i]![j] = net.mark[k]!;
    else if (kind === 'row') rowMarks[i] = net.mark[k]!;
    else if (kind === 'col') colMarks[j] = net.mark[k]!;
    else totalMark = net.mark[k]!;
  }
  return {
    cells,
    rowTotals: rowMarks,
    colTotals: colMarks,
    total: totalMark,
    sums: { rows: rowSums, cols: colSums, total },
  };
}

/** A count as a reader gets it: the number, or null when it is small or hidden. */
export function visible(value: number, mark: Mark): number | null {
  return mark === 'shown' ? value : null;
}
