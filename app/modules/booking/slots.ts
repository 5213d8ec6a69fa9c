import { addDays, isoWeekday, localParts, localToInstant, parseTime } from './zoned';

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

function ruleWindows(input: EngineInput, from: string, to: string): Window[] {
  const windows: Window[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (input.closedDays.has(date)) continue;
    const weekday = isoWeekday(date);
    for (const rule of input.rules) {
      if (rule.weekday !== weekday || date < rule.validFrom || (rule.validTo && date > rule.validTo))
        continue;
      windows.push({
        counsellorId: rule.counsellorId,
        date,
        startMinute: parseTime(rule.startsAt),
        endMinute: parseTime(rule.endsAt),
        channels: rule.channels,
        officeId: rule.officeId,
      });
    }
  }
  return windows;
}

/** Extra hours are instants; cut them into local days so slots follow the same wall-clock grid. */
function extraWindows(input: EngineInput, from: string, to: string): Window[] {
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

  const counsellors = new Map(input.counsellors.map((c) => [c.id, c]));
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

  const found = new Map<string, Slot>();
  for (const w of [...ruleWindows(input, from, to), ...extraWindows(input, from, to)]) {
    const counsellor = counsellors.get(w.counsellorId);
    if (!counsellor) continue;
    const channels = w.channels.filter(
      (c) =>
        topic.channels.includes(c) &&
        counsellor.channels.includes(c) &&
        (!query.channel || c === query.channel) &&
        (c !== 'in_person' || !query.officeId || w.officeId === query.officeId),
    );
    if (channels.length === 0) continue;
    const busy = busyBy.get(w.counsellorId) ?? [];
    const absent = absentBy.get(w.counsellorId) ?? [];
    for (let m = w.startMinute; m + topic.slotMinutes <= w.endMinute; m += step) {
      const start = localToInstant(w.date, m);
      if (start === null || start < earliest) continue;
      const end = start + slotMs;
      if (overlaps(start, end, absent) || overlaps(start, start + blockMs, busy)) continue;
      for (const channel of channels) {
        const officeId = channel === 'in_person' ? w.officeId : null;
        const key = `${start}/${channel}/${officeId ?? ''}`;
        const slot = found.get(key) ?? {
          start,
          end,
          channel,
          officeId,
          counsellorIds: [],
          languageMatch: false,
        };
        if (!slot.counsellorIds.includes(w.counsellorId)) slot.counsellorIds.push(w.counsellorId);
        found.set(key, slot);
      }
    }
  }

  const speaks = (id: number) =>
    Boolean(query.language && counsellors.get(id)?.languages.includes(query.language));
  const slots = [...found.values()];
  for (const slot of slots) {
    slot.counsellorIds.sort(
      (a, b) =>
        Number(speaks(b)) - Number(speaks(a)) || counsellors.get(a)!.load - counsellors.get(b)!.load || a - b,
    );
    slot.languageMatch = slot.counsellorIds.some(speaks);
  }
  return slots.sort(
    (a, b) =>
      a.start - b.start ||
      CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel) ||
      (a.officeId ?? 0) - (b.officeId ?? 0),
  );
}
