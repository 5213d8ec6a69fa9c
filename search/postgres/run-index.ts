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
const UNKNOWN = 255;

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

/** Great-circle distance in km (haversine). */
function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 12_742 * Math.asin(Math.min(1, Math.sqrt(a)));
}

// Facet value slots: one counter per facet value, in one flat array.
const F_CATEGORY = 0;
const F_FORMAT = F_CATEGORY + CATEGORIES.length;
const F_TIME = F_FORMAT + FORMATS.length; // morning, afternoon, evening, weekend
const F_FUNDING = F_TIME + 4;
const F_LEVEL = F_FUNDING + FUNDING.length;
const F_ACCESSIBLE = F_LEVEL + LEVELS.length;
const F_FREE = F_ACCESSIBLE + 1;
const F_LANGUAGE = F_FREE + 1;

// Filter bits: a run "fails" a set of facets; a run counts for facet X's values when it
// fails nothing but (at most) X — that is what makes the facets disjunctive.
const B_CATEGORY = 1;
const B_FORMAT = 2;
const B_TIME = 4;
const B_FUNDING = 8;
const B_LEVEL = 16;
const B_LANGUAGE = 32;
const B_DISTRICT = 64;
const B_ACCESSIBLE = 128;
const B_PRICE = 256;

export class RunIndex {
  readonly size: number;
  private readonly offerIds: Float64Array;
  private readonly runStart: Int32Array;
  private readonly runEnd: Int32Array;
  /** Offer id → position in the offer arrays (-1: not searchable); dense, ids are small. */
  private readonly offerPos: Int32Array;
  private readonly runIds: Float64Array;
  private readonly cat: Uint8Array;
  private readonly fmt: Uint8Array;
  private readonly tod: Uint8Array;
  private readonly weekend: Uint8Array;
  private readonly level: Uint8Array;
  private readonly lang: Uint16Array;
  private readonly district: Uint16Array;
  private readonly accessible: Uint8Array;
  private readonly price: Int32Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly funding: Uint8Array;
  private readonly lat: Float64Array;
  private readonly lon: Float64Array;
  private readonly languages: string[] = [];
  private readonly districts: string[] = [''];
  private readonly scratch: {
    hitOffer: Int32Array;
    hitRun: Int32Array;
    hitKey: Float64Array;
    hitDist: Float64Array;
    hitCount: Int32Array;
  };

  /** `rows` must be ordered by offer_id. */
  constructor(
    rows: RunRow[],
    readonly version: number,
  ) {
    const n = rows.length;
    this.size = n;
    this.runIds = new Float64Array(n);
    this.cat = new Uint8Array(n);
    this.fmt = new Uint8Array(n);
    this.tod = new Uint8Array(n);
    this.weekend = new Uint8Array(n);
    this.level = new Uint8Array(n);
    this.lang = new Uint16Array(n);
    this.district = new Uint16Array(n);
    this.accessible = new Uint8Array(n);
    this.price = new Int32Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.funding = new Uint8Array(n);
    this.lat = new Float64Array(n);
    this.lon = new Float64Array(n);
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
      this.runIds[i] = r.run_id;
      // An unknown category (none should exist: the column is checked) must not pose as the first one.
      this.cat[i] = CATEGORIES.includes(r.category as never)
        ? CATEGORIES.indexOf(r.category as never)
        : UNKNOWN;
      this.fmt[i] = Math.max(0, FORMATS.indexOf(r.format as never));
      this.tod[i] = r.time_of_day ? TIMES_OF_DAY.indexOf(r.time_of_day as never) + 1 : 0;
      this.weekend[i] = r.weekend ? 1 : 0;
      this.level[i] = r.cefr_level ? LEVELS.indexOf(r.cefr_level as never) + 1 : 0;
      let li = langIndex.get(r.language);
      if (li === undefined) {
        li = this.languages.push(r.language) - 1;
        langIndex.set(r.language, li);
      }
      this.lang[i] = li;
      if (r.district) {
        let di = districtIndex.get(r.district);
        if (di === undefined) {
          di = this.districts.push(r.district) - 1;
          districtIndex.set(r.district, di);
        }
        this.district[i] = di;
      }
      this.accessible[i] = r.accessible ? 1 : 0;
      this.price[i] = r.price_cents ?? -1;
      this.starts[i] = r.starts ?? NO_DATE_END;
      // A run without an end date is over once it has started and its day has passed.
      this.ends[i] = r.ends ?? r.starts ?? NO_DATE_END;
      let bits = 0;
      for (const f of r.funding) bits |= FUNDING_BITS[f] ?? 0;
      this.funding[i] = bits;
      this.lat[i] = r.latitude ?? Number.NaN;
      this.lon[i] = r.longitude ?? Number.NaN;
    });
    if (offerIds.length > 0) ends.push(n);
    this.offerIds = Float64Array.from(offerIds);
    this.runStart = Int32Array.from(starts);
    this.runEnd = Int32Array.from(ends);
    this.offerPos = new Int32Array((offerIds.length ? Math.max(...offerIds.slice(-1), 0) : 0) + 1).fill(-1);
    offerIds.forEach((id, i) => {
      this.offerPos[id] = i;
    });
    const m = offerIds.length;
    this.scratch = {
      hitOffer: new Int32Array(m),
      hitRun: new Int32Array(m),
      hitKey: new Float64Array(m),
      hitDist: new Float64Array(m),
      hitCount: new Int32Array(m),
    };
  }

  search(q: IndexQuery): IndexResult {
    const slots = F_LANGUAGE + this.languages.length + this.districts.length;
    const F_DISTRICT = F_LANGUAGE + this.languages.length;
    const counts = new Uint32Array(slots);
    const stamp = new Int32Array(slots);

    // Selections as lookup tables.
    const wantCat = q.category.length ? new Uint8Array(CATEGORIES.length) : null;
    for (const c of q.category) if (wantCat) wantCat[CATEGORIES.indexOf(c as never)] = 1;
    const wantFmt = q.format.length ? new Uint8Array(FORMATS.length) : null;
    for (const f of q.format) if (wantFmt) wantFmt[FORMATS.indexOf(f as never)] = 1;
    const wantTod = q.time.length ? new Uint8Array(4) : null;
    for (const t of q.time) if (wantTod && t !== 'weekend') wantTod[TIMES_OF_DAY.indexOf(t as never) + 1] = 1;
    const wantWeekend = q.time.includes('weekend');
    let wantFunding = 0;
    for (const f of q.funding) wantFunding |= FUNDING_BITS[f] ?? 0;
    const wantLevel = q.level.length ? new Uint8Array(LEVELS.length + 1) : null;
    for (const l of q.level) if (wantLevel) wantLevel[LEVELS.indexOf(l as never) + 1] = 1;
    const wantLang = q.language.length ? new Uint8Array(this.languages.length) : null;
    for (const l of q.language) {
      const i = this.languages.indexOf(l);
      if (wantLang && i >= 0) wantLang[i] = 1;
    }
    const wantDistrict = q.district.length ? new Uint8Array(this.districts.length) : null;
    for (const d of q.district) {
      const i = this.districts.indexOf(d);
      if (wantDistrict && i > 0) wantDistrict[i] = 1;
    }

    const today = dayNumber(q.today);
    const from = q.from ? dayNumber(q.from) : -NO_DATE_END;
    const to = q.to ? dayNumber(q.to) : NO_DATE_END;
    const maxPrice = q.maxPriceCents ?? -1;
    const loc = q.location;

    // Counts distinct offers per facet value: a slot counts an offer once (its stamp).
    let tag = 0;
    const bump = (slot: number) => {
      if (stamp[slot] !== tag) {
        stamp[slot] = tag;
        counts[slot]!++;
      }
    };

    // Reused between searches (search() is synchronous, so no two searches share them).
    const { hitOffer, hitRun, hitKey, hitDist, hitCount } = this.scratch;
    let hits_ = 0;

    const matchIds = q.matches?.ids ?? null;
    const matchRanks = q.matches?.ranks ?? null;
    const offerPos = this.offerPos;
    const offerTotal = matchIds ? matchIds.length : this.offerIds.length;

    // Locals for the hot loop: V8 keeps them in registers instead of reloading fields.
    const {
      runStart,
      runEnd,
      ends,
      starts,
      price,
      lat,
      lon,
      cat,
      fmt,
      tod,
      weekend,
      funding,
      level,
      lang,
      district,
    } = this;
    const accessibleCol = this.accessible;
    const hasDates = Boolean(q.from || q.to);
    const includePast = q.includePast;
    const wantAccessible = q.accessible;
    const wantFree = q.free;
    // Radius: a cheap bounding box first, the exact distance only inside it.
    const latBox = loc ? q.radiusKm / 110.574 : 0;
    const lonBox = loc ? q.radiusKm / (111.32 * Math.cos((loc.latitude * Math.PI) / 180)) : 0;
    const sortKey = q.sort;

    for (let k = 0; k < offerTotal; k++) {
      let o = k;
      if (matchIds) {
        const id = matchIds[k]!;
        o = id < offerPos.length ? offerPos[id]! : -1;
        if (o < 0) continue;
      }
      tag = o + 1;
      let best = -1;
      let bestKey = Number.POSITIVE_INFINITY;
      let bestDist = Number.NaN;
      let matching = 0;
      const last = runEnd[o]!;
      for (let i = runStart[o]!; i < last; i++) {
        // Hard filters (not facets): past runs, dates, maximum price, radius.
        if (!includePast && ends[i]! < today) continue;
        const s = starts[i]!;
        if (hasDates && (s === NO_DATE_END || s < from || s > to)) continue;
        const p = price[i]!;
        if (maxPrice >= 0 && (p < 0 || p > maxPrice)) continue;
        let dist = Number.NaN;
        if (loc) {
          const la = lat[i]!;
          const lo = lon[i]!;
          if (
            Number.isNaN(la) ||
            Math.abs(la - loc.latitude) > latBox ||
            Math.abs(lo - loc.longitude) > lonBox
          )
            continue;
          dist = distanceKm(loc.latitude, loc.longitude, la, lo);
          if (dist > q.radiusKm) continue;
        }
        // Facet filters: collect which ones this run fails.
        let fails = 0;
        const c = cat[i]!;
        const f = fmt[i]!;
        const t = tod[i]!;
        const w = weekend[i]!;
        const fu = funding[i]!;
        const lv = level[i]!;
        const lg = lang[i]!;
        const di = district[i]!;
        const ac = accessibleCol[i]!;
        if (wantCat && (c === UNKNOWN || !wantCat[c])) fails |= B_CATEGORY;
        if (wantFmt && !wantFmt[f]) fails |= B_FORMAT;
        if (wantTod && !(wantTod[t] || (wantWeekend && w))) fails |= B_TIME;
        if (wantFunding && !(fu & wantFunding)) fails |= B_FUNDING;
        if (wantLevel && !wantLevel[lv]) fails |= B_LEVEL;
        if (wantLang && !wantLang[lg]) fails |= B_LANGUAGE;
        if (wantDistrict && !wantDistrict[di]) fails |= B_DISTRICT;
        if (wantAccessible && !ac) fails |= B_ACCESSIBLE;
        if (wantFree && p !== 0) fails |= B_PRICE;
        // Two or more failed facets: this run counts nowhere.
        if (fails & (fails - 1)) continue;
        const all = fails === 0;
        if ((all || fails === B_CATEGORY) && c !== UNKNOWN) bump(F_CATEGORY + c);
        if (all || fails === B_FORMAT) bump(F_FORMAT + f);
        if (all || fails === B_TIME) {
          if (t) bump(F_TIME + t - 1);
          if (w) bump(F_TIME + 3);
        }
        if ((all || fails === B_FUNDING) && fu) {
          if (fu & 1) bump(F_FUNDING);
          if (fu & 2) bump(F_FUNDING + 1);
          if (fu & 4) bump(F_FUNDING + 2);
          if (fu & 8) bump(F_FUNDING + 3);
        }
        if ((all || fails === B_LEVEL) && lv) bump(F_LEVEL + lv - 1);
        if (all || fails === B_LANGUAGE) bump(F_LANGUAGE + lg);
        if ((all || fails === B_DISTRICT) && di) bump(F_DISTRICT + di);
        if ((all || fails === B_ACCESSIBLE) && ac) bump(F_ACCESSIBLE);
        if ((all || fails === B_PRICE) && p === 0) bump(F_FREE);
        if (!all) continue;
        matching++;
        // The run shown for the offer is the one that places it: the cheapest when sorting by
        // price, the nearest in a radius search, else the next to start.
        const key =
          sortKey === 'price' ? (p < 0 ? Number.MAX_SAFE_INTEGER : p) : loc && sortKey !== 'start' ? dist : s;
        if (key < bestKey) {
          bestKey = key;
          best = i;
          bestDist = dist;
        }
      }
      if (best < 0) continue;
      hitOffer[hits_] = o;
      hitRun[hits_] = best;
      hitDist[hits_] = bestDist;
      hitCount[hits_] = matching;
      const bp = price[best]!;
      hitKey[hits_++] =
        sortKey === 'distance' && loc
          ? bestDist
          : sortKey === 'price'
            ? bp < 0
              ? Number.MAX_SAFE_INTEGER
              : bp
            : sortKey === 'start' || !q.matches
              ? starts[best]!
              : -matchRanks![k]!;
    }

    // Only the requested page is ordered: keep the best offset+limit hits in a bounded
    // max-heap (O(n log k)) instead of sorting every hit.
    const before = (a: number, b: number) =>
      hitKey[a]! - hitKey[b]! ||
      this.starts[hitRun[a]!]! - this.starts[hitRun[b]!]! ||
      this.offerIds[hitOffer[a]!]! - this.offerIds[hitOffer[b]!]!;
    const k = Math.min(q.offset + q.limit, hits_);
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
      for (let h = 0; h < hits_; h++) {
        if (heap.length < k) {
          heap.push(h);
          siftUp(heap.length - 1);
        } else if (before(h, heap[0]!) < 0) {
          heap[0] = h;
          siftDown(0);
        }
      }
    }
    const order = heap.sort(before);
    const hits = order.slice(q.offset, q.offset + q.limit).map((h) => ({
      offerId: this.offerIds[hitOffer[h]!]!,
      runId: this.runIds[hitRun[h]!]!,
      distanceKm: Number.isNaN(hitDist[h]!) ? null : Math.round(hitDist[h]! * 10) / 10,
      matchingRuns: hitCount[h]!,
    }));

    const facets: IndexResult['facets'] = [];
    const emit = (facet: string, values: readonly string[], base: number) => {
      values.forEach((value, i) => {
        if (counts[base + i]) facets.push({ facet, value, count: counts[base + i]! });
      });
    };
    emit('category', CATEGORIES, F_CATEGORY);
    emit('format', FORMATS, F_FORMAT);
    emit('time', [...TIMES_OF_DAY, 'weekend'], F_TIME);
    emit('funding', ['bildungsgutschein', 'bildungsurlaub', 'aufstiegs_bafoeg', 'other'], F_FUNDING);
    emit('level', LEVELS, F_LEVEL);
    emit('accessible', ['true'], F_ACCESSIBLE);
    emit('price', ['free'], F_FREE);
    emit('language', this.languages, F_LANGUAGE);
    this.districts.forEach((d, i) => {
      if (i > 0 && counts[F_DISTRICT + i])
        facets.push({ facet: 'district', value: d, count: counts[F_DISTRICT + i]! });
    });
    return { total: hits_, hits, facets };
  }
}
