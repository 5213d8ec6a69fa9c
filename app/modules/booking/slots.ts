import { addDays, isoWeekday, localParts, localToInstant, offsetMinutes, parseTime } from '../../utils/zoned';

/**
 * The slot engine, pure and synchronous so it can be tested with a fixed clock:
 * weekly rules + extra hours − absences − closed days − appointments (with their
 * buffers) − minimum notice, inside the booking window, all in Europe/Berlin wall-clock.
 * The database's exclusion constraint is the final word on conflicts; this only decides
 * what to offer.
 */
export const CHANNELS = ['in_person', 'phone', 'video'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface TopicParams {
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  windowDays: number;
  channels: readonly Channel[];
}

export interface Rule {
  counsellorId: number;
  weekday: number; // ISO, 1 = Monday
  startsAt: string; // HH:MM local
  endsAt: string;
  channels: readonly Channel[];
  officeId: number | null;
  validFrom: string; // YYYY-MM-DD
  validTo: string | null;
}

export interface AvailabilityException {
  counsellorId: number;
  kind: 'absence' | 'extra';
  start: number; // epoch ms
  end: number;
  channels: readonly Channel[];
  officeId: number | null;
}

/** Time a counsellor is already given away: an appointment's period plus its buffer. */
export interface Busy {
  counsellorId: number;
  start: number;
  end: number;
}

export interface CounsellorInfo {
  id: number;
  languages: readonly string[];
  channels: readonly Channel[];
  /** Active appointments in the period looked at: the least loaded is preferred. */
  load: number;
}

export interface SlotQuery {
  from: string; // first local date, inclusive
  to: string; // last local date, inclusive
  channel?: Channel;
  officeId?: number;
  language?: string;
}

export interface EngineInput {
  topic: TopicParams;
  counsellors: readonly CounsellorInfo[];
  rules: readonly Rule[];
  exceptions: readonly AvailabilityException[];
  busy: readonly Busy[];
  closedDays: ReadonlySet<string>;
  now: Date;
  query: SlotQuery;
}

export interface Slot {
  start: number;
  end: number;
  channel: Channel;
  officeId: number | null;
  /** Who could take it, best first: speaks the language, then least loaded. */
  counsellorIds: number[];
  languageMatch: boolean;
}

interface Window {
  counsellorId: number;
  date: string;
  startMinute: number;
  endMinute: number;
  channels: readonly Channel[];
  officeId: number | null;
}

/** The last local date a slot may start on (the booking window counts from today). */
export function lastBookableDate(now: Date, windowDays: number): string {
  return addDays(localParts(now).date, windowDays - 1);
}

function overlaps(start: number, end: number, ranges: readonly { start: number; end: number }[]): boolean {
  for (const r of ranges) if (r.start < end && start < r.end) return true;
  return false;
}

/**
 * Local minute → instant for one day. Most days have one offset all day: plain arithmetic.
 * The two switch days go through the exact conversion, minute by minute.
 */
const converters = new Map<string, (minute: number) => number | null>();
function dayConverter(date: string): (minute: number) => number | null {
  let convert = converters.get(date);
  if (convert) return convert;
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const early = offsetMinutes(midnight - 60 * 60_000);
  const late = offsetMinutes(midnight + 23 * 60 * 60_000);
  convert =
    early === late && localParts(midnight - early * 60_000).minutes === 0
      ? (minute) => midnight + (minute - early) * 60_000
      : (minute) => localToInstant(date, minute);
  if (converters.size > 5000) converters.clear();
  converters.set(date, convert);
  return convert;
}

const NONE: readonly { start: number; end: number }[] = [];

function within(list: readonly { start: number; end: number }[] | undefined, from: number, to: number) {
  if (!list) return NONE;
  return list.filter((r) => r.start < to && from < r.end);
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function ruleWindows(input: Pick<EngineInput, 'rules' | 'closedDays'>, from: string, to: string): Window[] {
  const windows: Window[] = [];
  const byWeekday = groupBy(
    input.rules.map((r) => ({ ...r, startMinute: parseTime(r.startsAt), endMinute: parseTime(r.endsAt) })),
    (r) => r.weekday,
  );
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (input.closedDays.has(date)) continue;
    for (const rule of byWeekday.get(isoWeekday(date)) ?? []) {
      if (date < rule.validFrom || (rule.validTo && date > rule.validTo)) continue;
      windows.push({
        counsellorId: rule.counsellorId,
        date,
        startMinute: rule.startMinute,
        endMinute: rule.endMinute,
        channels: rule.channels,
        officeId: rule.officeId,
      });
    }
  }
  return windows;
}

/** Extra hours are instants; cut them into local days so slots follow the same wall-clock grid. */
function extraWindows(input: Pick<EngineInput, 'exceptions'>, from: string, to: string): Window[] {
  const windows: Window[] = [];
  for (const ex of input.exceptions) {
    if (ex.kind !== 'extra') continue;
    const first = localParts(ex.start);
    const last = localParts(ex.end - 1);
    for (let date = first.date; date <= last.date; date = addDays(date, 1)) {
      if (date < from || date > to) continue;
      windows.push({
        counsellorId: ex.counsellorId,
        date,
        startMinute: date === first.date ? first.minutes : 0,
        endMinute: date === last.date ? last.minutes + 1 : 24 * 60,
        channels: ex.channels,
        officeId: ex.officeId,
      });
    }
  }
  return windows;
}

export function freeSlots(input: EngineInput): Slot[] {
  const { topic, query } = input;
  const earliest = input.now.getTime() + topic.minNoticeMinutes * 60_000;
  const from = query.from > localParts(input.now).date ? query.from : localParts(input.now).date;
  const lastDate = lastBookableDate(input.now, topic.windowDays);
  const to = query.to < lastDate ? query.to : lastDate;
  if (from > to) return [];

  const busyBy = groupBy(input.busy, (b) => b.counsellorId);
  const absentBy = groupBy(
    input.exceptions.filter((e) => e.kind === 'absence'),
    (e) => e.counsellorId,
  );
  const slotMs = topic.slotMinutes * 60_000;
  const blockMs = (topic.slotMinutes + topic.bufferMinutes) * 60_000;
  // Slots sit on a grid of slot + buffer, so back-to-back bookings both fit, rounded up to
  // the quarter hour so people see times like 10:00 and 10:15, not 10:55.
  const step = Math.ceil((topic.slotMinutes + topic.bufferMinutes) / 15) * 15;

  // Which channels each counsellor may be offered on here (topic ∩ counsellor ∩ query).
  const allowed = new Map(
    input.counsellors.map((c) => [
      c.id,
      c.channels.filter((ch) => topic.channels.includes(ch) && (!query.channel || ch === query.channel)),
    ]),
  );
  // A small number per slot identity (start minute, channel, office) keeps the map fast.
  const officeIndex = new Map<number, number>();
  for (const r of input.rules)
    if (r.officeId !== null && !officeIndex.has(r.officeId))
      officeIndex.set(r.officeId, officeIndex.size + 1);
  for (const e of input.exceptions)
    if (e.officeId !== null && !officeIndex.has(e.officeId))
      officeIndex.set(e.officeId, officeIndex.size + 1);
  const officeSpan = officeIndex.size + 1;
  const base = Date.parse(`${from}T00:00:00Z`) - 86_400_000;

  const found = new Map<number, Slot>();
  const windowChannels: Channel[] = [];
  for (const w of [...ruleWindows(input, from, to), ...extraWindows(input, from, to)]) {
    const mayUse = allowed.get(w.counsellorId);
    if (!mayUse) continue;
    windowChannels.length = 0;
    for (const c of w.channels) {
      if (!mayUse.includes(c)) continue;
      if (c === 'in_person' && query.officeId && w.officeId !== query.officeId) continue;
      windowChannels.push(c);
    }
    if (windowChannels.length === 0) continue;
    const instantOf = dayConverter(w.date);
    // Only the appointments and absences that touch this window's day matter for its slots.
    const dayStart = instantOf(0) ?? Date.parse(`${w.date}T00:00:00Z`) - 2 * 3600_000;
    const dayEnd = dayStart + 26 * 3600_000;
    const busy = within(busyBy.get(w.counsellorId), dayStart - blockMs, dayEnd + blockMs);
    const absent = within(absentBy.get(w.counsellorId), dayStart - blockMs, dayEnd + blockMs);
    const office = w.officeId === null ? 0 : (officeIndex.get(w.officeId) ?? 0);
    for (let m = w.startMinute; m + topic.slotMinutes <= w.endMinute; m += step) {
      const start = instantOf(m);
      if (start === null || start < earliest) continue;
      const end = start + slotMs;
      if (
        (absent.length && overlaps(start, end, absent)) ||
        (busy.length && overlaps(start, start + blockMs, busy))
      )
        continue;
      const minute = (start - base) / 60_000;
      for (let i = 0; i < windowChannels.length; i++) {
        const channel = windowChannels[i]!;
        const inPerson = channel === 'in_person';
        const key = (minute * 3 + CHANNELS.indexOf(channel)) * officeSpan + (inPerson ? office : 0);
        const slot = found.get(key);
        if (slot) {
          if (!slot.counsellorIds.includes(w.counsellorId)) slot.counsellorIds.push(w.counsellorId);
        } else {
          found.set(key, {
            start,
            end,
            channel,
            officeId: inPerson ? w.officeId : null,
            counsellorIds: [w.counsellorId],
            languageMatch: false,
          });
        }
      }
    }
  }

  // One number per counsellor orders them: speaks the language, then least loaded, then id.
  const speaks = new Set(
    input.counsellors.filter((c) => query.language && c.languages.includes(query.language)).map((c) => c.id),
  );
  const rank = new Map(
    [...input.counsellors]
      .sort((a, b) => Number(speaks.has(b.id)) - Number(speaks.has(a.id)) || a.load - b.load || a.id - b.id)
      .map((c, i) => [c.id, i]),
  );
  const slots = [...found.values()];
  for (const slot of slots) {
    if (slot.counsellorIds.length > 1) slot.counsellorIds.sort((a, b) => rank.get(a)! - rank.get(b)!);
    slot.languageMatch = speaks.has(slot.counsellorIds[0]!);
  }
  return slots.sort(
    (a, b) =>
      a.start - b.start ||
      CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel) ||
      (a.officeId ?? 0) - (b.officeId ?? 0),
  );
}

/** One appointment's time, for `freeCounsellorsAt`. */
export interface FixedTime {
  start: number;
  end: number;
  /** The end of the time it blocks: the end plus the topic's buffer. */
  blockedUntil: number;
  channel: Channel;
  officeId: number | null;
  /** Required of the colleague when set (left out when nobody of the topic speaks it). */
  language?: string;
}

/**
 * Who could take exactly this time — a colleague to hand an appointment over to: their
 * weekly hours or extra hours cover it on the channel (at the office, in person), they
 * speak the language, they are not away, nothing else of theirs is in it (buffer
 * included), and the day is not closed. No grid, minimum notice or booking window: the
 * time is already promised to the person. Least loaded first.
 */
export function freeCounsellorsAt(
  input: Pick<EngineInput, 'topic' | 'counsellors' | 'rules' | 'exceptions' | 'busy' | 'closedDays'>,
  at: FixedTime,
): number[] {
  const { date, minutes } = localParts(at.start);
  if (input.closedDays.has(date) || !input.topic.channels.includes(at.channel)) return [];
  const endMinute = minutes + (at.end - at.start) / 60_000;
  const windows = [...ruleWindows(input, date, date), ...extraWindows(input, date, date)];
  const covered = (counsellorId: number) =>
    windows.some(
      (w) =>
        w.counsellorId === counsellorId &&
        w.startMinute <= minutes &&
        endMinute <= w.endMinute &&
        w.channels.includes(at.channel) &&
        (at.channel !== 'in_person' || w.officeId === at.officeId),
    );
  const away = (counsellorId: number) =>
    input.exceptions.some(
      (e) => e.kind === 'absence' && e.counsellorId === counsellorId && e.start < at.end && at.start < e.end,
    );
  const busy = (counsellorId: number) =>
    input.busy.some((b) => b.counsellorId === counsellorId && b.start < at.blockedUntil && at.start < b.end);
  return input.counsellors
    .filter(
      (c) =>
        c.channels.includes(at.channel) &&
        (!at.language || c.languages.includes(at.language)) &&
        covered(c.id) &&
        !away(c.id) &&
        !busy(c.id),
    )
    .sort((a, b) => a.load - b.load || a.id - b.id)
    .map((c) => c.id);
}
