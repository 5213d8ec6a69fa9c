import { CATEGORIES, FORMATS, FUNDING, LEVELS } from '../../app/modules/catalogue/schemas';
import type { SearchRunRow } from '../../db/queries/search.server';

/**
 * A columnar, in-memory copy of `search_runs` (one typed array per attribute, runs of an
 * offer stored together). Filters, facet counts and sorting over the whole catalogue
 * run in one tight loop here in a few milliseconds; PostgreSQL stays the source of truth
 * (full-text matching, details) and a version number tells when to reload.
 * Pure: no database access, so it is unit-testable.
 */
/** One row of `search_runs` as loaded (dates as day numbers since 1970-01-01). */
export type RunRow = SearchRunRow;

const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
const FUNDING_BITS: Record<string, number> = {
  bildungsgutschein: 1,
  azav: 1,
  bildungsurlaub: 2,
  aufstiegs_bafoeg: 4,
  other: 8,
};
const NO_DATE_END = 2 ** 31 - 1;

export interface IndexQuery {
  /** Offers that match the text (ids ascending) with their rank; null: no text query. */
  matches: { ids: Int32Array; ranks: Float64Array } | null;
  category: string[];
  format: string[];
  time: string[];
  funding: string[];
  level: string[];
  language: string[];
  district: string[];
  accessible: boolean;
  free: boolean;
  from?: string;
  to?: string;
  maxPriceCents?: number;
  includePast: boolean;
  today: string;
  location: { latitude: number; longitude: number } | null;
  radiusKm: number;
  sort: 'relevance' | 'start' | 'distance' | 'price';
  offset: number;
  limit: number;
}

export interface IndexHit {
  offerId: number;
  runId: number;
  distanceKm: number | null;
  matchingRuns: number;
}

export interface IndexResult {
  total: number;
  hits: IndexHit[];
  facets: { facet: string; value: string; count: number }[];
}

export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/**
 * Facet values that fit in one bit each: a run's values are one 32-bit mask, so checking
 * a selection is one AND and an offer's values are the OR of its runs' masks. Language
 * and district have open value lists and are counted with a stamp per value instead.
 */
const M_CATEGORY = 0;
const M_FORMAT = M_CATEGORY + CATEGORIES.length;
const M_TIME = M_FORMAT + FORMATS.length; // morning, afternoon, evening, weekend
const M_FUNDING = M_TIME + 4;
const M_LEVEL = M_FUNDING + FUNDING.length;
const M_ACCESSIBLE = M_LEVEL + LEVELS.length;
const M_FREE = M_ACCESSIBLE + 1;
const MASK_BITS = M_FREE + 1;
if (MASK_BITS > 32) throw new Error('facet values no longer fit in one 32-bit mask');
const range = (from: number, length: number) => (2 ** length - 1) * 2 ** from;

// Filter bits: a run "fails" a set of facets; a run counts for facet X's values when it
// fails nothing but (at most) X — that is what makes the facets disjunctive.
const B_CATEGORY = 1;
const B_FORMAT = 2;
const B_TIME = 4;
const B_FUNDING = 8;
const B_LEVEL = 16;
const B_ACCESSIBLE = 32;
const B_PRICE = 64;
const B_LANGUAGE = 128;
const B_DISTRICT = 256;
/** The mask facets: their filter bit and the bits of their values. */
const MASK_FACETS: [filterBit: number, values: number][] = [
  [B_CATEGORY, range(M_CATEGORY, CATEGORIES.length)],
  [B_FORMAT, range(M_FORMAT, FORMATS.length)],
  [B_TIME, range(M_TIME, 4)],
  [B_FUNDING, range(M_FUNDING, FUNDING.length)],
  [B_LEVEL, range(M_LEVEL, LEVELS.length)],
  [B_ACCESSIBLE, range(M_ACCESSIBLE, 1)],
  [B_PRICE, range(M_FREE, 1)],
];
/**
 * Failed filter bits → the value bits a run failing only that one still counts for.
 * Language and district have no mask bits (0 here): they are counted separately.
 */
const COUNTS_FOR = new Int32Array(B_DISTRICT * 2);
for (const [bit, values] of MASK_FACETS) COUNTS_FOR[bit] = values | 0;

const EARTH_KM = 6371;

/**
 * The index's columns: one typed array per run attribute (runs of an offer side by side)
 * and per offer. Backed by SharedArrayBuffers, so a worker thread can scan the same
 * memory (see parallel-scan.ts) without a copy.
 */
export interface RunColumns {
  version: number;
  runIds: Float64Array;
  /** The run's facet values, one bit each (see M_*). */
  mask: Int32Array;
  lang: Uint16Array;
  district: Uint16Array;
  price: Int32Array;
  starts: Int32Array;
  /**
   * The last day a run is shown by default: the day it starts, unless the offer takes
   * people in after the start (late entry), then its last day. A run that has started is
   * of no use to someone looking for a course to join.
   */
  until: Int32Array;
  /**
   * The venue as a point on the unit sphere: the straight-line (chord) distance between
   * two points grows with the great-circle distance, so the radius test needs no
   * trigonometry per run. NaN without coordinates (never within a radius).
   */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  offerIds: Float64Array;
  runStart: Int32Array;
  runEnd: Int32Array;
  /** Offer id → position in the offer arrays (-1: not searchable); dense, ids are small. */
  offerPos: Int32Array;
  languages: string[];
  /** District 0 is "none". */
  districts: string[];
}

/** What one search needs in its hot loop, worked out from the query beforehand (cloneable). */
export interface ScanPlan {
  matchIds: Int32Array | null;
  matchRanks: Float64Array | null;
  /** Pairs of (filter bit, accepted value bits), one per filtered mask facet. */
  tests: Int32Array;
  wantLang: Uint8Array | null;
  wantDistrict: Uint8Array | null;
  today: number;
  includePast: boolean;
  hasDates: boolean;
  from: number;
  to: number;
  maxPrice: number;
  near: [number, number, number] | null;
  maxChord2: number;
  byPrice: boolean;
  byNearest: boolean;
  orderByDistance: boolean;
  orderByStart: boolean;
  /** How many hits the page needs (offset + limit): each part keeps its best this many. */
  wanted: number;
}

/** The result of scanning a range of the candidate offers: its best hits and its counts. */
export interface PartialResult {
  total: number;
  /** The part's best hits, best first: run and offer positions, sort key, chord, matching runs. */
  hitRun: Int32Array;
  hitOffer: Int32Array;
  hitKey: Float64Array;
  hitChord: Float64Array;
  hitCount: Int32Array;
  /** One histogram per byte of the offers' value masks. */
  byteCounts: Uint32Array;
  langCounts: Uint32Array;
  districtCounts: Uint32Array;
}

function shared<T extends Int32Array | Uint16Array | Float64Array>(
  Type: { new (buffer: SharedArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  // A buffer of at least one element (an empty catalogue), the array of exactly `length`.
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT), 0, length);
}

export class RunIndex {
  readonly version: number;
  readonly size: number;
  private readonly scratch: {
    hitOffer: Int32Array;
    hitRun: Int32Array;
    hitKey: Float64Array;
    hitChord: Float64Array;
    hitCount: Int32Array;
    langStamp: Int32Array;
    districtStamp: Int32Array;
  };

  /** Builds the columns from the rows; `rows` must be ordered by offer_id. */
  static fromRows(rows: RunRow[], version: number): RunIndex {
    const n = rows.length;
    const c = {
      version,
      runIds: shared(Float64Array, n),
      mask: shared(Int32Array, n),
      lang: shared(Uint16Array, n),
      district: shared(Uint16Array, n),
      price: shared(Int32Array, n),
      starts: shared(Int32Array, n),
      until: shared(Int32Array, n),
      x: shared(Float64Array, n),
      y: shared(Float64Array, n),
      z: shared(Float64Array, n),
      languages: [] as string[],
      districts: [''],
    };
    const langIndex = new Map<string, number>();
    const districtIndex = new Map<string, number>();
    const offerIds: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    rows.forEach((r, i) => {
      if (offerIds[offerIds.length - 1] !== r.offer_id) {
        if (offerIds.length > 0) ends.push(i);
        offerIds.push(r.offer_id);
        starts.push(i);
      }
      c.runIds[i] = r.run_id;
      // An unknown category (none should exist: the column is checked) sets no bit, so it
      // neither poses as another category nor passes a category filter.
      let m = 0;
      const category = CATEGORIES.indexOf(r.category as never);
      if (category >= 0) m |= 1 << (M_CATEGORY + category);
      m |= 1 << (M_FORMAT + Math.max(0, FORMATS.indexOf(r.format as never)));
      // Values the lists don't know (the database's checks allow none) set no bit.
      const time = TIMES_OF_DAY.indexOf(r.time_of_day as never);
      if (time >= 0) m |= 1 << (M_TIME + time);
      if (r.weekend) m |= 1 << (M_TIME + 3);
      for (const f of r.funding) m |= (FUNDING_BITS[f] ?? 0) << M_FUNDING;
      const level = LEVELS.indexOf(r.cefr_level as never);
      if (level >= 0) m |= 1 << (M_LEVEL + level);
      if (r.accessible) m |= 1 << M_ACCESSIBLE;
      if (r.price_cents === 0) m |= 1 << M_FREE;
      c.mask[i] = m;
      let li = langIndex.get(r.language);
      if (li === undefined) {
        li = c.languages.push(r.language) - 1;
        langIndex.set(r.language, li);
      }
      c.lang[i] = li;
      if (r.district) {
        let di = districtIndex.get(r.district);
        if (di === undefined) {
          di = c.districts.push(r.district) - 1;
          districtIndex.set(r.district, di);
        }
        c.district[i] = di;
      }
      c.price[i] = r.price_cents ?? -1;
      c.starts[i] = r.starts ?? NO_DATE_END;
      // Without a start date a run is never "started" (as in the Meilisearch filter); one
      // without an end date is over once its start day has passed.
      c.until[i] = r.starts === null ? NO_DATE_END : r.late_entry ? (r.ends ?? r.starts) : r.starts;
      const [x, y, z] =
        r.latitude === null || r.longitude === null
          ? [Number.NaN, Number.NaN, Number.NaN]
          : unitVector(r.latitude, r.longitude);
      c.x[i] = x;
      c.y[i] = y;
      c.z[i] = z;
    });
    if (offerIds.length > 0) ends.push(n);
    const offerPos = shared(Int32Array, (offerIds.length ? offerIds[offerIds.length - 1]! : 0) + 1).fill(-1);
    offerIds.forEach((id, i) => {
      offerPos[id] = i;
    });
    const fill = <T extends Int32Array | Float64Array>(
      Type: typeof Int32Array | typeof Float64Array,
      v: number[],
    ) => {
      const a = shared(Type as never, v.length) as T;
      a.set(v);
      return a;
    };
    return new RunIndex({
      ...c,
      offerIds: fill<Float64Array>(Float64Array, offerIds),
      runStart: fill<Int32Array>(Int32Array, starts),
      runEnd: fill<Int32Array>(Int32Array, ends),
      offerPos,
    });
  }

  /** An index over existing columns (a worker thread's view of the server's index). */
  constructor(readonly columns: RunColumns) {
    this.version = columns.version;
    this.size = columns.runIds.length;
    const m = columns.offerIds.length;
    this.scratch = {
      hitOffer: new Int32Array(m),
      hitRun: new Int32Array(m),
      hitKey: new Float64Array(m),
      hitChord: new Float64Array(m),
      hitCount: new Int32Array(m),
      langStamp: new Int32Array(columns.languages.length),
      districtStamp: new Int32Array(columns.districts.length),
    };
  }

  /** How many offers have a searchable run. */
  get offers(): number {
    return this.columns.offerIds.length;
  }

  /** The whole search in this thread (ParallelScan splits the same work over two). */
  search(q: IndexQuery): IndexResult {
    const plan = this.plan(q);
    return this.merge(q, [this.scanPart(plan, 0, this.candidates(plan))]);
  }

  plan(q: IndexQuery): ScanPlan {
    const loc = q.location;
    return {
      matchIds: q.matches?.ids ?? null,
      matchRanks: q.matches?.ranks ?? null,
      tests: maskTests(q),
      wantLang: selectedIndexes(q.language, this.columns.languages, 0),
      wantDistrict: selectedIndexes(q.district, this.columns.districts, 1),
      today: dayNumber(q.today),
      includePast: q.includePast,
      hasDates: Boolean(q.from || q.to),
      from: q.from ? dayNumber(q.from) : -NO_DATE_END,
      to: q.to ? dayNumber(q.to) : NO_DATE_END,
      maxPrice: q.maxPriceCents ?? -1,
      near: loc ? unitVector(loc.latitude, loc.longitude) : null,
      maxChord2: loc ? chord2(q.radiusKm) : 0,
      byPrice: q.sort === 'price',
      byNearest: Boolean(loc) && q.sort !== 'start' && q.sort !== 'price',
      orderByDistance: Boolean(loc) && q.sort === 'distance',
      orderByStart: q.sort === 'start' || !q.matches,
      wanted: q.offset + q.limit,
    };
  }

  /** How many candidate offers a plan has (the range `scanPart` divides). */
  candidates(plan: ScanPlan): number {
    return plan.matchIds ? plan.matchIds.length : this.columns.offerIds.length;
  }

  /**
   * Scans candidates [from, to): applies the filters, counts facet values, and keeps the
   * best `plan.wanted` hits. Candidates are whole offers, so parts never share an offer
   * and their counts simply add up.
   */
  scanPart(plan: ScanPlan, from: number, to: number): PartialResult {
    const out = {
      total: 0,
      byteCounts: new Uint32Array(4 * 256),
      langCounts: new Uint32Array(this.columns.languages.length),
      districtCounts: new Uint32Array(this.columns.districts.length),
    };
    const kept = this.scan(plan, from, to, out);
    const top = this.topHits(kept, plan.wanted);
    const { hitRun, hitOffer, hitKey, hitChord, hitCount } = this.scratch;
    // Copied out of the scratch arrays, which the next scan reuses.
    const n = top.length;
    const [run, offer, key, chord, count] = [
      new Int32Array(n),
      new Int32Array(n),
      new Float64Array(n),
      new Float64Array(n),
      new Int32Array(n),
    ];
    for (let i = 0; i < n; i++) {
      const h = top[i]!;
      run[i] = hitRun[h]!;
      offer[i] = hitOffer[h]!;
      key[i] = hitKey[h]!;
      chord[i] = hitChord[h]!;
      count[i] = hitCount[h]!;
    }
    return { hitRun: run, hitOffer: offer, hitKey: key, hitChord: chord, hitCount: count, ...out };
  }

  /** The parts' hits merged into the requested page, and their counts added up. */
  merge(q: IndexQuery, parts: PartialResult[]): IndexResult {
    const { offerIds, runIds, starts, languages, districts } = this.columns;
    // Each part's hits are in order: take the best head until the page is complete (the
    // same order as topHits: key, then start, then offer id).
    const before = (a: PartialResult, i: number, b: PartialResult, j: number) =>
      a.hitKey[i]! - b.hitKey[j]! ||
      starts[a.hitRun[i]!]! - starts[b.hitRun[j]!]! ||
      offerIds[a.hitOffer[i]!]! - offerIds[b.hitOffer[j]!]!;
    const at = parts.map(() => 0);
    // A single part is in order already: start at the page.
    if (parts.length === 1) at[0] = Math.min(q.offset, parts[0]!.hitRun.length);
    const hits: IndexHit[] = [];
    for (let rank = parts.length === 1 ? at[0]! : 0; rank < q.offset + q.limit; rank++) {
      let best = -1;
      for (let p = 0; p < parts.length; p++) {
        const part = parts[p]!;
        if (at[p]! < part.hitRun.length && (best < 0 || before(part, at[p]!, parts[best]!, at[best]!) < 0))
          best = p;
      }
      if (best < 0) break;
      const part = parts[best]!;
      const i = at[best]!++;
      if (rank < q.offset) continue;
      const chord = part.hitChord[i]!;
      hits.push({
        offerId: offerIds[part.hitOffer[i]!]!,
        runId: runIds[part.hitRun[i]!]!,
        distanceKm: Number.isNaN(chord) ? null : Math.round(chordToKm(chord) * 10) / 10,
        matchingRuns: part.hitCount[i]!,
      });
    }

    const sum = (pick: (p: PartialResult) => Uint32Array) => {
      const total = new Uint32Array(pick(parts[0]!).length);
      for (const part of parts) {
        const counts = pick(part);
        for (let i = 0; i < counts.length; i++) total[i]! += counts[i]!;
      }
      return total;
    };
    const counts = bitCounts(sum((p) => p.byteCounts));
    const facets: IndexResult['facets'] = [];
    emit(facets, 'category', CATEGORIES, counts, M_CATEGORY);
    emit(facets, 'format', FORMATS, counts, M_FORMAT);
    emit(facets, 'time', [...TIMES_OF_DAY, 'weekend'], counts, M_TIME);
    emit(facets, 'funding', FUNDING, counts, M_FUNDING);
    emit(facets, 'level', LEVELS, counts, M_LEVEL);
    emit(facets, 'accessible', ['true'], counts, M_ACCESSIBLE);
    emit(facets, 'price', ['free'], counts, M_FREE);
    emit(
      facets,
      'language',
      languages,
      sum((p) => p.langCounts),
      0,
    );
    // District 0 is "none" (empty name), which emit skips.
    emit(
      facets,
      'district',
      districts,
      sum((p) => p.districtCounts),
      0,
    );
    return { total: parts.reduce((n, p) => n + p.total, 0), hits, facets };
  }

  /**
   * The hot loop, kept apart from the set-up and output code so V8 optimises it once and
   * keeps it: one pass over the candidate offers' runs applies the hard filters, notes
   * which facet filters a run fails, collects the offer's facet values and picks its
   * best run. Counts the hits into `out.total`, keeps those that may reach the page in
   * `scratch` and returns how many it kept.
   */
  private scan(
    plan: ScanPlan,
    first: number,
    end: number,
    out: { total: number; byteCounts: Uint32Array; langCounts: Uint32Array; districtCounts: Uint32Array },
  ): number {
    const { matchIds, matchRanks, tests, wantLang, wantDistrict, today, includePast, hasDates, from, to } =
      plan;
    const { maxPrice, near, maxChord2, byPrice, byNearest, orderByDistance, orderByStart } = plan;
    const { byteCounts, langCounts, districtCounts } = out;
    const testCount = tests.length;
    const qx = near ? near[0] : 0;
    const qy = near ? near[1] : 0;
    const qz = near ? near[2] : 0;
    // Reused between searches (scan is synchronous, so no two searches share them).
    const { hitOffer, hitRun, hitKey, hitChord, hitCount, langStamp, districtStamp } = this.scratch;
    // A stamp per language and district marks the offer that counted it last.
    langStamp.fill(0);
    districtStamp.fill(0);
    // Locals for the hot loop: V8 keeps them in registers instead of reloading fields.
    const { offerPos, runStart, runEnd, until, starts, price, mask, lang, district, x, y, z } = this.columns;
    // Only hits that may still reach the page are kept: once `compactAt` are kept, the best
    // `wanted` of them stay, and a hit ordered after the last of those is only counted.
    // A broad search then writes a few thousand hits instead of one per offer.
    const wanted = plan.wanted;
    const compactAt = wanted > 0 ? Math.max(4 * wanted, 2048) : Number.POSITIVE_INFINITY;
    let bar = Number.POSITIVE_INFINITY;
    let total = 0;
    let kept = 0;

    for (let k = first; k < end; k++) {
      let o = k;
      if (matchIds) {
        const id = matchIds[k]!;
        o = id < offerPos.length ? offerPos[id]! : -1;
        if (o < 0) continue;
      }
      const tag = o + 1;
      let best = -1;
      let bestKey = Number.POSITIVE_INFINITY;
      let bestChord = Number.NaN;
      let matching = 0;
      let values = 0;
      const last = runEnd[o]!;
      for (let i = runStart[o]!; i < last; i++) {
        // Hard filters (not facets): started and past runs, dates, maximum price, radius.
        if (!includePast && until[i]! < today) continue;
        const s = starts[i]!;
        if (hasDates && (s === NO_DATE_END || s < from || s > to)) continue;
        const p = price[i]!;
        if (maxPrice >= 0 && (p < 0 || p > maxPrice)) continue;
        let c2 = Number.NaN;
        if (near) {
          const dx = x[i]! - qx;
          const dy = y[i]! - qy;
          const dz = z[i]! - qz;
          c2 = dx * dx + dy * dy + dz * dz;
          if (!(c2 <= maxChord2)) continue;
        }
        // Facet filters: collect which ones this run fails.
        const m = mask[i]!;
        let fails = 0;
        for (let t = 0; t < testCount; t += 2) if ((m & tests[t + 1]!) === 0) fails |= tests[t]!;
        const lg = lang[i]!;
        const di = district[i]!;
        if (wantLang && !wantLang[lg]) fails |= B_LANGUAGE;
        if (wantDistrict && !wantDistrict[di]) fails |= B_DISTRICT;
        // Two or more failed facets: this run counts nowhere.
        if (fails & (fails - 1)) continue;
        values |= fails === 0 ? m : m & COUNTS_FOR[fails]!;
        if ((fails === 0 || fails === B_LANGUAGE) && langStamp[lg] !== tag) {
          langStamp[lg] = tag;
          langCounts[lg]!++;
        }
        if ((fails === 0 || fails === B_DISTRICT) && di && districtStamp[di] !== tag) {
          districtStamp[di] = tag;
          districtCounts[di]!++;
        }
        if (fails !== 0) continue;
        matching++;
        // The run shown for the offer is the one that places it: the cheapest when sorting by
        // price, the nearest in a radius search, else the next to start.
        const key = byPrice ? (p < 0 ? Number.MAX_SAFE_INTEGER : p) : byNearest ? c2 : s;
        if (key < bestKey) {
          bestKey = key;
          best = i;
          bestChord = c2;
        }
      }
      if (values !== 0) {
        byteCounts[values & 255]!++;
        byteCounts[256 + ((values >>> 8) & 255)]!++;
        byteCounts[512 + ((values >>> 16) & 255)]!++;
        byteCounts[768 + (values >>> 24)]!++;
      }
      if (best < 0) continue;
      total++;
      const bp = price[best]!;
      const key = orderByDistance
        ? bestChord
        : byPrice
          ? bp < 0
            ? Number.MAX_SAFE_INTEGER
            : bp
          : orderByStart || !matchRanks
            ? starts[best]!
            : -matchRanks[k]!;
      // Equal keys may still win on the tie-breaks, so only a greater key is left out.
      if (key > bar) continue;
      hitOffer[kept] = o;
      hitRun[kept] = best;
      hitChord[kept] = bestChord;
      hitCount[kept] = matching;
      hitKey[kept++] = key;
      if (kept >= compactAt) {
        kept = this.keepBest(kept, wanted);
        bar = hitKey[kept - 1]!;
      }
    }
    out.total = total;
    return kept;
  }

  /** Moves the best `wanted` of the first `kept` scratch hits to the front, in order. */
  private keepBest(kept: number, wanted: number): number {
    const order = this.topHits(kept, wanted);
    const { hitOffer, hitRun, hitKey, hitChord, hitCount } = this.scratch;
    for (const column of [hitOffer, hitRun, hitKey, hitChord, hitCount])
      column.set(order.map((h) => column[h]!));
    return order.length;
  }

  /**
   * The first `k` hits in order. Only the requested page is ordered: the best k are kept
   * in a bounded max-heap (O(n log k)) instead of sorting every hit.
   */
  private topHits(hitTotal: number, wanted: number): number[] {
    const { hitKey, hitRun, hitOffer } = this.scratch;
    const { starts, offerIds } = this.columns;
    const before = (a: number, b: number) =>
      hitKey[a]! - hitKey[b]! ||
      starts[hitRun[a]!]! - starts[hitRun[b]!]! ||
      offerIds[hitOffer[a]!]! - offerIds[hitOffer[b]!]!;
    const k = Math.min(wanted, hitTotal);
    const heap: number[] = [];
    const siftUp = (i: number) => {
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (before(heap[parent]!, heap[i]!) >= 0) break;
        [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
        i = parent;
      }
    };
    const siftDown = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < heap.length && before(heap[l]!, heap[top]!) > 0) top = l;
        if (r < heap.length && before(heap[r]!, heap[top]!) > 0) top = r;
        if (top === i) return;
        [heap[top], heap[i]] = [heap[i]!, heap[top]!];
        i = top;
      }
    };
    if (k > 0) {
      for (let h = 0; h < hitTotal; h++) {
        if (heap.length < k) {
          heap.push(h);
          siftUp(heap.length - 1);
        } else if (before(h, heap[0]!) < 0) {
          heap[0] = h;
          siftDown(0);
        }
      }
    }
    return heap.sort(before);
  }
}

function unitVector(latitude: number, longitude: number): [number, number, number] {
  const la = (latitude * Math.PI) / 180;
  const lo = (longitude * Math.PI) / 180;
  return [Math.cos(la) * Math.cos(lo), Math.cos(la) * Math.sin(lo), Math.sin(la)];
}

/** The squared chord (unit sphere) of a great-circle distance in km. */
function chord2(km: number): number {
  return (2 * Math.sin(km / (2 * EARTH_KM))) ** 2;
}

/** A squared chord back to the great-circle distance in km. */
function chordToKm(c2: number): number {
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(c2) / 2));
}

/** The bits of these values in a run mask. */
function valueBits(values: readonly string[], list: readonly string[], base: number): number {
  let bits = 0;
  for (const v of values) if (list.includes(v)) bits |= 1 << (base + list.indexOf(v));
  return bits;
}

/**
 * The filtered mask facets as (filter bit, accepted value bits) pairs. A selection of
 * values that don't exist stays a filter that accepts nothing.
 */
function maskTests(q: IndexQuery): Int32Array {
  let funding = 0;
  for (const f of q.funding) funding |= (FUNDING_BITS[f] ?? 0) << M_FUNDING;
  const selections: [filterBit: number, selected: boolean, accepted: number][] = [
    [B_CATEGORY, q.category.length > 0, valueBits(q.category, CATEGORIES, M_CATEGORY)],
    [B_FORMAT, q.format.length > 0, valueBits(q.format, FORMATS, M_FORMAT)],
    [B_TIME, q.time.length > 0, valueBits(q.time, [...TIMES_OF_DAY, 'weekend'], M_TIME)],
    [B_FUNDING, q.funding.length > 0, funding],
    [B_LEVEL, q.level.length > 0, valueBits(q.level, LEVELS, M_LEVEL)],
    [B_ACCESSIBLE, q.accessible, 1 << M_ACCESSIBLE],
    [B_PRICE, q.free, 1 << M_FREE],
  ];
  return Int32Array.from(
    selections.filter(([, selected]) => selected).flatMap(([bit, , accepted]) => [bit, accepted]),
  );
}

/** A lookup table of the selected values' positions in `list` (null: no selection). */
function selectedIndexes(selected: string[], list: string[], first: number): Uint8Array | null {
  if (selected.length === 0) return null;
  const want = new Uint8Array(list.length);
  for (const v of selected) {
    const i = list.indexOf(v);
    if (i >= first) want[i] = 1;
  }
  return want;
}

/** The per-byte histograms of offer masks → one count per mask bit. */
function bitCounts(byteCounts: Uint32Array): Uint32Array {
  const counts = new Uint32Array(MASK_BITS);
  for (let b = 0; b < 4; b++) {
    for (let v = 1; v < 256; v++) {
      const n = byteCounts[b * 256 + v]!;
      if (n === 0) continue;
      for (let bit = 0; bit < 8 && b * 8 + bit < MASK_BITS; bit++)
        if (v & (1 << bit)) counts[b * 8 + bit]! += n;
    }
  }
  return counts;
}

function emit(
  facets: IndexResult['facets'],
  facet: string,
  values: readonly string[],
  counts: Uint32Array,
  base: number,
) {
  values.forEach((value, i) => {
    if (value && counts[base + i]) facets.push({ facet, value, count: counts[base + i]! });
  });
}
