import { isoWeekday } from '../../../utils/zoned';
import type { Category } from '../schemas';
import {
  berlinIso,
  berlinOffset,
  type Cefr,
  cefrFrom,
  ENTRY_REQUIREMENTS,
  type EntryRequirement,
  ellipsis,
  FALLBACK_CATEGORY,
  type Funding,
  htmlToText,
  instructionLanguage,
  list,
  mapCategory,
  maxDate,
  mentionsLateEntry,
  minDate,
  mostCommon,
  type OfferFormat,
  OpenVhsFormatError,
  oneLine,
  type ParsedEntry,
  type ParsedOffer,
  type ParsedOpenVhs,
  type ParsedRun,
  type ParsedSession,
  type ParsedVenue,
  REQUIREMENT_PHRASES,
  readRequirements,
  type SeatsStatus,
  timeOfDay,
  truncate,
  uniq,
} from './openvhs';

/**
 * Reads schema.org JSON-LD courses (`Course` with `hasCourseInstance`) into the structure the
 * Open-vhs import writes (ParsedOpenVhs), so importOpenVhs can apply them. Pure: no database,
 * no clock, no machine time zone.
 *
 * Accepted: one Course, an array of them, `{"@graph": […]}` (what our own exports write:
 * export/jsonld.server.ts), an `ItemList` of Courses; nodes referenced by `{"@id": …}` are
 * looked up in the graph.
 *
 * One offer record per CourseInstance, because the importer models one run per offer: the
 * first instance keeps the Course's id, the n-th (n ≥ 2, counted in the file's order,
 * cancelled ones included) gets `<id>#n`. A Course without instances gives one record
 * without dates. Cancelled instances (`eventStatus` EventCancelled) are left out: the
 * importer would write them as scheduled.
 *
 * The Course's id, in this order: `identifier`, `courseCode`, `@id` (not a blank node),
 * `url`. Without one the Course is rejected: a second upload could not update it.
 *
 * Times without an offset are Europe/Berlin wall-clock times; `scheduleTimezone` is not read.
 */

/** What the browser import ignores: it imports into the uploader's provider. */
export const UPLOAD_PROVIDER = { externalRef: 'upload', name: 'Upload' } as const;

type Node = Record<string, unknown>;
type Rejection = { ref: string; reason: string };

const MAX_JSON_CHARS = 50_000_000;
/** More sessions than this in one run is a schedule gone wrong (a range of years). */
export const MAX_SESSIONS = 500;
const MAX_ID_CHARS = 200;
const MAX_EUROS = 100_000;
const SUMMARY_MAX = 300;

export function parseCourseJsonLd(text: string): ParsedOpenVhs {
  if (typeof text !== 'string' || text.trim() === '') throw new OpenVhsFormatError('Die Datei ist leer.');
  if (text.length > MAX_JSON_CHARS) throw new OpenVhsFormatError('Die Datei ist zu groß (höchstens 50 MB).');
  const source = text.replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (error) {
    throw new OpenVhsFormatError(jsonErrorMessage(source, error as Error));
  }

  const ids = new Map<string, Node>();
  const courses: Node[] = [];
  collect(doc, ids, courses, 0);
  if (courses.length === 0) {
    throw new OpenVhsFormatError(
      'Keine schema.org-Kurse gefunden: Die Datei muss mindestens einen „Course“ enthalten (einzeln, als Liste oder in „@graph“).',
    );
  }

  const offers: ParsedOffer[] = [];
  const rejected: ParsedOpenVhs['rejected'] = [];
  const seen = new Set<string>();
  courses.forEach((course, index) => {
    for (const result of parseCourse(course, index, (v) => resolve(v, ids))) {
      if ('reason' in result) rejected.push(result);
      else if (seen.has(result.external_id)) {
        rejected.push({ ref: result.external_id, reason: 'Kennung kommt in der Datei mehrfach vor' });
      } else {
        seen.add(result.external_id);
        offers.push(result);
      }
    }
  });
  return { provider: { ...UPLOAD_PROVIDER }, exportedAt: null, offers, rejected };
}

function jsonErrorMessage(source: string, error: Error): string {
  const position = error.message.match(/position (\d+)/)?.[1];
  if (position === undefined) return 'Kein gültiges JSON: Die Datei ist unvollständig oder fehlerhaft.';
  const before = source.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `Kein gültiges JSON (Zeile ${line}, Spalte ${column}).`;
}

/** Finds the Course nodes and indexes every node with an @id (for references). */
function collect(value: unknown, ids: Map<string, Node>, courses: Node[], depth: number): void {
  if (depth > 6) return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, ids, courses, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  const id = value['@id'];
  if (typeof id === 'string' && Object.keys(value).length > 1 && !ids.has(id)) ids.set(id, value);
  if (hasType(value, 'Course')) {
    courses.push(value);
    return;
  }
  if (Array.isArray(value['@graph'])) collect(value['@graph'], ids, courses, depth + 1);
  if (hasType(value, 'ItemList')) {
    for (const element of list(value.itemListElement)) {
      collect(
        isObject(element) && hasType(element, 'ListItem') ? element.item : element,
        ids,
        courses,
        depth + 1,
      );
    }
  }
}

/** `{"@id": "…"}` alone is a reference to a node elsewhere in the document. */
function resolve(value: unknown, ids: Map<string, Node>): unknown {
  if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
    return ids.get(value['@id']) ?? value;
  }
  return value;
}

function hasType(node: Node, type: string): boolean {
  return list(node['@type']).some(
    (t) => typeof t === 'string' && (t === type || t.endsWith(`/${type}`) || t.endsWith(`:${type}`)),
  );
}

// ---- one Course ----------------------------------------------------------------------------

type Resolve = (value: unknown) => unknown;

function parseCourse(c: Node, index: number, r: Resolve): (ParsedOffer | Rejection)[] {
  const title = oneLine(htmlToText(str(c.name)));
  const id = courseId(c);
  const ref = id || (title ? `„${truncate(title, 60)}“` : `Course Nr. ${index + 1}`);
  if (!id) {
    return [
      {
        ref,
        reason:
          'Keine Kennung (identifier, courseCode, @id oder url): ohne sie würde ein zweiter Upload das Angebot doppelt anlegen',
      },
    ];
  }
  if (id.length > MAX_ID_CHARS) return [{ ref: truncate(id, 60), reason: 'Die Kennung ist zu lang' }];
  if (title.length < 2) return [{ ref, reason: 'Titel (name) fehlt' }];
  if (title.length > 300) return [{ ref, reason: 'Der Titel ist länger als 300 Zeichen' }];

  const description = textOf(str(c.description));
  const summarySource = oneLine(textOf(str(c.abstract) || str(c.disambiguatingDescription)));
  const keywordsRaw = list(c.keywords).flatMap((k) => {
    const s = isObject(k) ? str(k.name) : str(k);
    return s.split(',').map(oneLine);
  });
  const keywords = normaliseKeywords(keywordsRaw);
  const titleLanguage = instructionLanguage(title);
  const category = guessCategory(title, keywordsRaw, titleLanguage);
  const language = languageCode(c.inLanguage) ?? (category === 'sprachen' ? titleLanguage : 'de');
  const levelText = list(c.educationalLevel)
    .map((l) => (isObject(l) ? `${str(l.termCode)} ${str(l.name)}` : str(l)))
    .join(' ');
  const cefr: Cefr | null =
    cefrFrom(levelText) ??
    (category === 'sprachen' || category === 'deutsch_integration' ? cefrFrom(title) : null);
  const bildungsurlaub = mentionsBildungsurlaub([title, ...keywordsRaw, description]);

  const base = {
    course_number: truncate(oneLine(str(c.courseCode)), 100) || null,
    title,
    subtitle: truncate(oneLine(htmlToText(str(c.alternativeHeadline))), 300) || null,
    summary: ellipsis(summarySource || firstParagraph(description), SUMMARY_MAX),
    description,
    category,
    keywords,
    target_groups: targetGroups(c.audience, r),
    language,
    cefr_level: cefr,
    website: website(c),
  };
  const courseOffers = list(r(c.offers)).map(r);
  const courseFree = c.isAccessibleForFree === true;
  const aid = financialAid(c.financialAidEligible, r);
  const entry = readEntry(c, r, description);

  const instances = list(c.hasCourseInstance).map(r);
  const slots: { instance: Node; externalId: string }[] = instances.length
    ? instances.flatMap((instance, i) =>
        isObject(instance) && !isCancelled(instance)
          ? [{ instance, externalId: i === 0 ? id : `${id}#${i + 1}` }]
          : [],
      )
    : [{ instance: {}, externalId: id }];

  return slots.map(({ instance, externalId }) => {
    const run = parseInstance(instance, externalId, r, {
      offers: courseOffers,
      free: courseFree || instance.isAccessibleForFree === true,
      ownPage: (url) => isPortalPage(c, url),
    });
    if (typeof run === 'string') return { ref: externalId, reason: run };
    const funding = new Set<Funding>(aid.funding);
    if (bildungsurlaub) funding.add('bildungsurlaub');
    if (run.price_cents === 0) funding.add('free');
    const registrationUrl = run.registration_url ?? entry.registration_url;
    const { registration_url: _url, ...ownRun } = run;
    return {
      external_id: externalId,
      ...base,
      ...entry,
      registration_url: registrationUrl,
      azav_measure_number: aid.measureNumber,
      funding: [...funding],
      run: ownRun,
    };
  });
}

/**
 * `financialAidEligible` (text or DefinedTerm): the funding programmes, named as our exports
 * name them or as people write them; an AZAV entry's termCode is the measure number.
 */
function financialAid(value: unknown, r: Resolve): { funding: Funding[]; measureNumber: string | null } {
  const funding = new Set<Funding>();
  let measureNumber: string | null = null;
  for (const item of list(r(value)).map(r)) {
    const name = oneLine(isObject(item) ? str(item.name) || str(item.termCode) : str(item)).toLowerCase();
    if (!name) continue;
    const azav = /\bazav\b/.test(name);
    if (azav) funding.add('azav');
    if (/bildungsgutschein|training voucher/.test(name)) funding.add('bildungsgutschein');
    if (/aufstiegs|meister-?bafög/.test(name)) funding.add('aufstiegs_bafoeg');
    if (/bildungsurlaub|bildungszeit|educational leave/.test(name)) funding.add('bildungsurlaub');
    if (/^(andere|sonstige|other)/.test(name)) funding.add('other');
    if (azav && isObject(item) && str(item.termCode) && str(item.name))
      measureNumber = truncate(oneLine(str(item.termCode)), 60);
  }
  // A Bildungsgutschein pays only for AZAV-approved measures.
  if (funding.has('azav')) funding.add('bildungsgutschein');
  return { funding: [...funding], measureNumber };
}

/**
 * Requirements (`coursePrerequisites`: texts, and an AlignmentObject for the German level),
 * how to join and register (the provider's ContactPoint of type registration), and the
 * booking link (`offers.url`, unless it is our own offer page).
 */
function readEntry(c: Node, r: Resolve, description: string): Omit<ParsedEntry, 'azav_measure_number'> {
  const found = new Set<EntryRequirement>();
  let none = false;
  let level: Cefr | null = null;
  const notes: string[] = [];
  for (const item of list(r(c.coursePrerequisites)).map(r)) {
    if (isObject(item) && hasType(item, 'AlignmentObject')) {
      const target = `${str(item.targetName)} ${str(item.name)}`;
      level = cefrFrom(target.toUpperCase()) ?? level;
      continue;
    }
    const text = oneLine(htmlToText(isObject(item) ? str(item.name) || str(item.description) : str(item)));
    if (!text) continue;
    const phrase = (Object.entries(REQUIREMENT_PHRASES) as [EntryRequirement | 'none', string][]).find(
      ([, p]) => p.toLowerCase() === text.toLowerCase(),
    );
    if (phrase) {
      if (phrase[0] === 'none') none = true;
      else found.add(phrase[0]);
    } else notes.push(text);
  }
  const note = notes.join('\n\n');
  // Words of another portal: read what they say, keep them as the note.
  const fromNote = found.size || none ? null : readRequirements(note);
  const requirements = found.size
    ? ENTRY_REQUIREMENTS.filter((x) => found.has(x))
    : none
      ? []
      : (fromNote?.requirements ?? null);
  const contact = list(isObject(c.provider) ? c.provider.contactPoint : undefined)
    .map(r)
    .find((p) => isObject(p) && /anmeld|registr|enrol|booking|buchung/i.test(str(p.contactType)));
  const email = isObject(contact)
    ? oneLine(str(contact.email))
        .replace(/^mailto:/i, '')
        .toLowerCase()
    : '';
  const phone = isObject(contact) ? oneLine(str(contact.telephone)) : '';
  const contactNote = isObject(contact) ? oneLine(htmlToText(str(contact.description))) : '';
  return {
    entry_requirements: requirements,
    entry_cefr_level: level ?? fromNote?.level ?? null,
    entry_note: note ? truncate(note, 1000) : null,
    late_entry: mentionsLateEntry([description]),
    registration_url: null,
    registration_email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? email : null,
    registration_phone: /^[+\d][\d\s/()-]{4,}$/.test(phone) && phone.length <= 40 ? phone : null,
    registration_note: contactNote ? truncate(contactNote, 1000) : null,
  };
}

function courseId(c: Node): string {
  for (const value of [c.identifier, c.courseCode, c['@id'], c.url]) {
    const id = identifierValue(value);
    if (id) return id;
  }
  return '';
}

function identifierValue(value: unknown): string {
  for (const v of list(value)) {
    const s = oneLine(isObject(v) && 'value' in v ? str(v.value) : str(v));
    // Blank node ids ("_:b0") are renumbered on every export.
    if (s && !s.startsWith('_:') && !/[\p{Cc}]/u.test(s)) return s;
  }
  return '';
}

function isCancelled(instance: Node): boolean {
  return list(instance.eventStatus).some((s) => /EventCancelled$/i.test(str(isObject(s) ? s['@id'] : s)));
}

/**
 * The Course's url is the provider's page for it, unless the file is one of our own exports:
 * there the url is the portal's page of the offer (`…/angebote/<id>`), not a website.
 */
function website(c: Node): string | null {
  const url = oneLine(str(c.url));
  if (!/^https?:\/\/\S+$/i.test(url) || url.length > 2000) return null;
  return isPortalPage(c, url) ? null : url;
}

/** A Wegweiser offer page (`…/angebote/<id>` on the origin of the provider's `…/anbieter/` page). */
function isPortalPage(c: Node, url: string): boolean {
  const provider = isObject(c.provider) ? oneLine(str(c.provider.url)) : '';
  try {
    const own = new URL(url);
    if (/^\/angebote\/\d+\/?$/.test(own.pathname) && provider) {
      const p = new URL(provider);
      if (p.origin === own.origin && p.pathname.startsWith('/anbieter/')) return true;
    }
  } catch {
    return true;
  }
  return false;
}

function targetGroups(audience: unknown, r: Resolve): string[] {
  const groups = list(r(audience)).flatMap((a) => {
    const node = r(a);
    const s = isObject(node) ? str(node.audienceType) || str(node.name) : str(node);
    return s.split(',').map((g) => oneLine(g));
  });
  return uniq(groups.filter((g) => /\p{L}/u.test(g) && g.length <= 200));
}

function languageCode(value: unknown): string | null {
  for (const v of list(value)) {
    const s = oneLine(isObject(v) ? str(v.alternateName) || str(v.name) : str(v)).toLowerCase();
    if (!s) continue;
    const tag = s.match(/^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/);
    if (tag) return tag[1]!;
    if (/^(deutsch|german)\b/.test(s)) return 'de';
    const named = instructionLanguage(s);
    if (named !== 'de') return named;
  }
  return null;
}

// ---- one CourseInstance: the run -----------------------------------------------------------

interface CourseDefaults {
  offers: unknown[];
  free: boolean;
  /** Our own offer page: a booking link of an export of ours, not the provider's. */
  ownPage: (url: string) => boolean;
}

/** The run (with the booking link of its Offer), or the German reason why the instance can't be imported. */
function parseInstance(
  i: Node,
  externalId: string,
  r: Resolve,
  defaults: CourseDefaults,
): (ParsedRun & { registration_url: string | null }) | string {
  const start = berlinLocal(str(i.startDate));
  const end = berlinLocal(str(i.endDate));
  if (start === 'invalid') return `Ungültiges Beginndatum „${oneLine(str(i.startDate))}“`;
  if (end === 'invalid') return `Ungültiges Enddatum „${oneLine(str(i.endDate))}“`;

  const sessions: ParsedSession[] = [];
  let weekdays: number[] = [];
  let scheduleTimes: [string, string] | null = null;
  let declaredCount: number | null = null;

  // Sessions listed one by one.
  for (const e of list(i.subEvent).map(r)) {
    if (!isObject(e)) continue;
    const from = berlinLocal(str(e.startDate));
    const to = berlinLocal(str(e.endDate));
    if (!from || from === 'invalid' || !from.time || !to || to === 'invalid' || !to.time) continue;
    const session = { starts_at: berlinIso(from.date, from.time), ends_at: berlinIso(to.date, to.time) };
    if (Date.parse(session.ends_at) > Date.parse(session.starts_at)) sessions.push(session);
  }

  // A repeating schedule (Schedule on courseSchedule or eventSchedule).
  const schedule = [...list(i.courseSchedule), ...list(i.eventSchedule)].map(r).find(isObject);
  if (schedule) {
    const s = readSchedule(schedule);
    if (typeof s === 'string') return s;
    weekdays = s.weekdays;
    declaredCount = s.repeatCount;
    if (s.from && s.to) scheduleTimes = [s.from, s.to];
    const first = s.startDate ?? (start ? start.date : null);
    const last = s.endDate ?? (end ? end.date : null);
    if (sessions.length === 0 && first && s.from && s.to && s.to > s.from && (last || s.repeatCount)) {
      // Weekly without days: on the first date's weekday; daily without days: every day.
      const days =
        s.frequency === 'other'
          ? []
          : datesOfPattern(
              first,
              last,
              s.weekdays.length ? s.weekdays : s.frequency === 'daily' ? ALL_DAYS : [isoWeekday(first)],
              {
                count: s.repeatCount,
                except: s.exceptDates,
              },
            );
      if (days === null) return `Zu viele Termine (mehr als ${MAX_SESSIONS})`;
      for (const day of days) {
        sessions.push({ starts_at: berlinIso(day, s.from), ends_at: berlinIso(day, s.to) });
      }
    }
  }

  // One dated event: start and end with times on the same day.
  if (sessions.length === 0 && start?.time && end?.time && start.date === end.date && end.time > start.time) {
    sessions.push({ starts_at: berlinIso(start.date, start.time), ends_at: berlinIso(end.date, end.time) });
  }
  if (sessions.length > MAX_SESSIONS) return `Zu viele Termine (mehr als ${MAX_SESSIONS})`;
  const unique = new Map(sessions.map((s) => [`${s.starts_at}|${s.ends_at}`, s]));
  const sorted = [...unique.values()].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));

  const sessionDays = sorted.map((s) => s.starts_at.slice(0, 10));
  const startsOn = minDate(start ? start.date : null, sessionDays[0] ?? null);
  const endsOn = maxDate(end ? end.date : null, sessionDays.at(-1) ?? null);
  if (startsOn && endsOn && startsOn > endsOn) return 'Beginn nach Ende';

  const pairs = sorted.map((s) => `${s.starts_at.slice(11, 16)}-${s.ends_at.slice(11, 16)}`);
  const common = mostCommon(pairs);
  const [startsAt, endsAt] = common
    ? (common.split('-') as [string, string])
    : (scheduleTimes ?? [null, null]);
  if (sorted.length && weekdays.length === 0)
    weekdays = [...new Set(sessionDays.map(isoWeekday))].sort((a, b) => a - b);

  const format = runFormat(i, r);
  const venue = format === 'online' ? null : firstVenue(i.location, r);
  const price = readOffers(list(r(i.offers)).map(r), defaults);
  const seats = positiveInt(i.maximumAttendeeCapacity);
  const deadline = price.validThrough ? berlinLocal(price.validThrough) : null;
  const last = endsOn ?? startsOn;
  return {
    external_id: externalId,
    starts_on: startsOn,
    ends_on: endsOn,
    session_count: sorted.length || declaredCount,
    weekdays,
    starts_at: startsAt,
    ends_at: endsAt,
    time_of_day: startsAt ? timeOfDay(startsAt) : null,
    format,
    price_cents: price.cents,
    price_note: price.note,
    seats,
    seats_status: price.availability,
    registration_deadline:
      deadline && deadline !== 'invalid' && (!last || deadline.date <= last) ? deadline.date : null,
    teaching_units: workloadUnits(str(i.courseWorkload)),
    registration_url: price.url && !defaults.ownPage(price.url) ? price.url : null,
    venue,
    sessions: sorted,
  };
}

/**
 * `courseWorkload` as teaching units of 45 minutes: an ISO 8601 duration ("PT75H" = 100
 * units; our exports write whole units) or "100 UE" / "100 Unterrichtseinheiten".
 */
export function workloadUnits(value: string): number | null {
  const v = oneLine(value);
  const iso = v.match(/^P(?:(\d+)D)?T?(?:(\d+(?:\.\d+)?)H)?(?:(\d+)M)?$/i);
  if (iso && (iso[1] || iso[2] || iso[3])) {
    const minutes = Number(iso[1] ?? 0) * 24 * 60 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
    const units = Math.round(minutes / 45);
    return units > 0 && units <= 10_000 ? units : null;
  }
  const named = v.match(/^(\d{1,5})\s*(ue|ustd|unterrichtseinheiten|unterrichtsstunden|teaching units)\b/i);
  const units = named ? Number(named[1]) : 0;
  return units > 0 && units <= 10_000 ? units : null;
}

/** schema.org ItemAvailability → how full a run is. */
const AVAILABILITY: Record<string, SeatsStatus> = {
  instock: 'available',
  limitedavailability: 'few',
  soldout: 'full',
  outofstock: 'full',
  backorder: 'waiting_list',
  preorder: 'waiting_list',
};

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

interface Schedule {
  weekdays: number[];
  from: string | null;
  to: string | null;
  startDate: string | null;
  endDate: string | null;
  repeatCount: number | null;
  frequency: 'daily' | 'weekly' | 'other';
  exceptDates: Set<string>;
}

const SCHEMA_DAYS: Record<string, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  mo: 1,
  tu: 2,
  we: 3,
  th: 4,
  fr: 5,
  sa: 6,
  su: 7,
};

function readSchedule(s: Node): Schedule | string {
  const weekdays = new Set<number>();
  for (const d of list(s.byDay)) {
    const raw = oneLine(str(isObject(d) ? d['@id'] : d));
    const name = raw.split(/[/:#]/).at(-1)!.toLowerCase().replace(/^\d+/, '');
    const day = SCHEMA_DAYS[name] ?? weekdayFromGerman(name);
    if (!day) return `Unbekannter Wochentag „${raw}“ in courseSchedule`;
    weekdays.add(day);
  }
  const startDate = berlinLocal(str(s.startDate));
  const endDate = berlinLocal(str(s.endDate));
  if (startDate === 'invalid')
    return `Ungültiges Beginndatum „${oneLine(str(s.startDate))}“ in courseSchedule`;
  if (endDate === 'invalid') return `Ungültiges Enddatum „${oneLine(str(s.endDate))}“ in courseSchedule`;
  const from = readClock(str(s.startTime)) ?? startDate?.time ?? null;
  let to = readClock(str(s.endTime)) ?? endDate?.time ?? null;
  if (from === 'invalid') return `Ungültige Uhrzeit „${oneLine(str(s.startTime))}“ in courseSchedule`;
  if (to === 'invalid') return `Ungültige Uhrzeit „${oneLine(str(s.endTime))}“ in courseSchedule`;
  if (from && !to) to = addDuration(from, str(s.duration));
  const frequencyText = oneLine(str(s.repeatFrequency)).toLowerCase();
  let frequency: Schedule['frequency'] = 'other';
  if (/^p1d$|daily|täglich/.test(frequencyText)) frequency = 'daily';
  else if (frequencyText === '' || /^p1w$|weekly|wöchentlich/.test(frequencyText)) frequency = 'weekly';
  const exceptDates = new Set<string>();
  for (const e of list(s.exceptDate)) {
    const d = berlinLocal(str(e));
    if (d && d !== 'invalid') exceptDates.add(d.date);
  }
  return {
    weekdays: [...weekdays].sort((a, b) => a - b),
    from,
    to,
    startDate: startDate ? startDate.date : null,
    endDate: endDate ? endDate.date : null,
    repeatCount: positiveInt(s.repeatCount),
    frequency,
    exceptDates,
  };
}

/** "PT1H30M" after "18:00" → "19:30"; null when unreadable or past midnight. */
function addDuration(from: string, duration: string): string | null {
  const m = duration.trim().match(/^PT(?:(\d+)H)?(?:(\d+)M)?$/i);
  if (!m || (!m[1] && !m[2])) return null;
  const [h, min] = from.split(':').map(Number) as [number, number];
  const total = h * 60 + min + Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  if (total >= 24 * 60) return null;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const ONLINE_MODE = /online|distance|virtual|remote|fernunterricht|digital/i;
const ONSITE_MODE = /onsite|on-site|in.?person|präsenz|vor ort|classroom|face.?to.?face/i;
const HYBRID_MODE = /blended|hybrid/i;

/** courseMode decides when it says something; otherwise the kinds of location do. */
function runFormat(i: Node, r: Resolve): OfferFormat {
  const modes = list(i.courseMode).map((m) => str(m));
  if (modes.some((m) => HYBRID_MODE.test(m))) return 'hybrid';
  let online = modes.some((m) => ONLINE_MODE.test(m));
  let onsite = modes.some((m) => ONSITE_MODE.test(m));
  if (!online && !onsite) {
    for (const l of list(i.location).map(r)) {
      if (isVirtual(l)) online = true;
      else if (l) onsite = true;
    }
  }
  if (online && onsite) return 'hybrid';
  return online ? 'online' : 'in_person';
}

function isVirtual(location: unknown): boolean {
  if (typeof location === 'string') return /^https?:\/\//i.test(location.trim());
  return isObject(location) && hasType(location, 'VirtualLocation');
}

function firstVenue(location: unknown, r: Resolve): ParsedVenue | null {
  for (const l of list(location).map(r)) {
    if (isVirtual(l)) continue;
    const venue = typeof l === 'string' ? venueFromText(l) : isObject(l) ? venueFromPlace(l, r) : null;
    if (venue) return venue;
  }
  return null;
}

function venueFromPlace(place: Node, r: Resolve): ParsedVenue | null {
  const postal = hasType(place, 'PostalAddress') ? place : r(place.address);
  const name = truncate(oneLine(htmlToText(str(place.name))), 200);
  let street: string | null = null;
  let postcode: string | null = null;
  let city: string | null = null;
  if (isObject(postal)) {
    street = field(postal.streetAddress);
    const plz = oneLine(str(postal.postalCode));
    postcode = /^\d{5}$/.test(plz) ? plz : null;
    city = field(postal.addressLocality);
  } else if (typeof postal === 'string') {
    ({ street, postcode, city } = addressFromText(postal));
  }
  if (!name && !street && !postcode) return null;
  return {
    name: name || street || 'Veranstaltungsort',
    street,
    postcode,
    city,
    district: null,
    accessible: accessibility(place, r),
  };
}

/** "VHS-Haus, Marktgasse 3, 34117 Kassel": the first part names the place. */
function venueFromText(text: string): ParsedVenue | null {
  const s = oneLine(text);
  if (!/[\p{L}\p{N}]/u.test(s)) return null;
  const { street, postcode, city } = addressFromText(s);
  const name = oneLine(s.split(',')[0] ?? '');
  return {
    name: truncate(name && name !== street && !/^\d{5}\b/.test(name) ? name : street || s, 200),
    street,
    postcode,
    city,
    district: null,
    accessible: null,
  };
}

function addressFromText(text: string): Pick<ParsedVenue, 'street' | 'postcode' | 'city'> {
  const parts = text.split(',').map(oneLine).filter(Boolean);
  const at = parts.findIndex((p) => /^\d{5}\s+\S/.test(p));
  if (at < 0) return { street: null, postcode: null, city: null };
  const m = parts[at]!.match(/^(\d{5})\s+(.+)$/)!;
  const before = parts[at - 1];
  return {
    street: before && /\d/.test(before) ? before : null,
    postcode: m[1]!,
    city: m[2]!,
  };
}

const ACCESSIBLE_FEATURE = /barrierefrei|rollstuhl|wheelchair|accessib|stufenlos/i;

function accessibility(place: Node, r: Resolve): boolean | null {
  for (const f of list(place.amenityFeature).map(r)) {
    if (!isObject(f) || !ACCESSIBLE_FEATURE.test(str(f.name))) continue;
    if (f.value === true || /^(true|ja|yes)$/i.test(str(f.value))) return true;
    if (f.value === false || /^(false|nein|no)$/i.test(str(f.value))) return false;
  }
  return null;
}

interface OfferFacts {
  cents: number | null;
  note: string | null;
  availability: SeatsStatus | null;
  validThrough: string | null;
  url: string | null;
}

/**
 * The first Offer with a price (the instance's, else the Course's); EUR only. Availability,
 * the end of the offer (the registration deadline) and its url (the booking page) come from
 * the first Offer that has them.
 */
function readOffers(instanceOffers: unknown[], defaults: CourseDefaults): OfferFacts {
  const candidates = (instanceOffers.length ? instanceOffers : defaults.offers).filter(isObject);
  const availabilityOf = (o: Node) =>
    AVAILABILITY[
      oneLine(str(isObject(o.availability) ? o.availability['@id'] : o.availability))
        .split(/[/:#]/)
        .at(-1)!
        .toLowerCase()
    ] ?? null;
  const availability = candidates.map(availabilityOf).find(Boolean) ?? null;
  const validThrough = candidates.map((o) => oneLine(str(o.validThrough))).find(Boolean) ?? null;
  const url =
    candidates.map((o) => oneLine(str(o.url))).find((u) => /^https?:\/\/\S+$/i.test(u) && u.length <= 2000) ??
    null;
  const extra = { availability, validThrough, url };
  return { ...readPrice(candidates, defaults), ...extra };
}

function readPrice(
  candidates: Node[],
  defaults: CourseDefaults,
): { cents: number | null; note: string | null } {
  for (const offer of candidates) {
    const spec = list(offer.priceSpecification).find(isObject);
    const rawPrice = offer.price ?? spec?.price;
    if (rawPrice === undefined || rawPrice === null || rawPrice === '') continue;
    const currency = oneLine(str(offer.priceCurrency) || str(spec?.priceCurrency)).toUpperCase() || 'EUR';
    const description = truncate(oneLine(htmlToText(str(offer.description))), 500) || null;
    if (currency !== 'EUR') {
      return { cents: null, note: `Preis: ${oneLine(str(rawPrice))} ${currency}` };
    }
    const cents =
      typeof rawPrice === 'number'
        ? Number.isFinite(rawPrice) && rawPrice >= 0
          ? Math.round(rawPrice * 100)
          : 'invalid'
        : /^\s*\d+(\.\d+)?\s*$/.test(str(rawPrice))
          ? Math.round(Number(str(rawPrice)) * 100)
          : readEuroCents(str(rawPrice));
    if (cents === 'invalid' || cents === null || cents > MAX_EUROS * 100) {
      return { cents: null, note: description ?? 'Preis in der Quelle unleserlich' };
    }
    return { cents, note: description };
  }
  return { cents: defaults.free ? 0 : null, note: null };
}

// ---- helpers shared with csv.ts ------------------------------------------------------------

/**
 * mapCategory on the keywords; when they say nothing (the fallback area), the title's words
 * count as keywords too ("Yoga am Abend" → gesundheit).
 */
export function guessCategory(title: string, keywords: string[], language: string): Category {
  const category = mapCategory({ code: '', title, keywords, language });
  if (category !== FALLBACK_CATEGORY) return category;
  const words = title
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 2);
  return mapCategory({ code: '', title, keywords: [...keywords, ...words], language });
}

/**
 * The days from `first` to `last` (or until `count` days, whichever comes first) that fall on
 * one of `weekdays` (ISO, 1 = Monday), minus `except`; null when more than MAX_SESSIONS.
 */
export function datesOfPattern(
  first: string,
  last: string | null,
  weekdays: readonly number[],
  options: { count?: number | null; except?: ReadonlySet<string> } = {},
): string[] | null {
  const days: string[] = [];
  const wanted = new Set(weekdays);
  if (wanted.size === 0 || (!last && !options.count)) return days;
  let ms = Date.parse(`${first}T00:00:00Z`);
  const end = last ? Date.parse(`${last}T00:00:00Z`) : Number.POSITIVE_INFINITY;
  // Enough steps for MAX_SESSIONS once a week, and then one more session to notice the excess.
  for (let step = 0; ms <= end && step <= (MAX_SESSIONS + 1) * 7; step++, ms += 86_400_000) {
    const day = new Date(ms).toISOString().slice(0, 10);
    if (!wanted.has(isoWeekday(day)) || options.except?.has(day)) continue;
    days.push(day);
    if (days.length > MAX_SESSIONS) return null;
    if (options.count && days.length >= options.count) break;
  }
  return days;
}

/**
 * A calendar date ("2025-03-27", "27.03.2025", "27.03.25"), optionally with a time
 * ("2025-03-27T18:00", "…T17:00:00Z", "…+01:00", "27.03.2025 18:00"), as Europe/Berlin
 * wall clock. null for an empty value, 'invalid' for anything else.
 */
export function berlinLocal(value: string): { date: string; time: string | null } | null | 'invalid' {
  const raw = oneLine(value);
  if (!raw) return null;
  const iso = raw.match(
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i,
  );
  const german = iso
    ? null
    : raw.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::\d{2})?)?$/);
  const m = iso ?? german;
  if (!m) return 'invalid';
  const year = iso ? Number(m[1]) : Number(m[3]!.length === 2 ? `20${m[3]}` : m[3]);
  const month = Number(m[2]);
  const day = Number(iso ? m[3] : m[1]);
  const date = calendarDate(year, month, day);
  if (!date) return 'invalid';
  if (m[4] === undefined) return { date, time: null };
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  if (hour > 23 || minute > 59) return 'invalid';
  const time = `${pad(hour)}:${pad(minute)}`;
  const zone = iso ? m[6] : undefined;
  if (!zone) return { date, time };
  const zm = zone.toUpperCase() === 'Z' ? null : zone.match(/^([+-])(\d{2}):?(\d{2})$/);
  const zoneMinutes = zm ? (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3])) : 0;
  const instant = Date.UTC(year, month - 1, day, hour, minute) - zoneMinutes * 60_000;
  for (const [offset, label] of [
    [60, '+01:00'],
    [120, '+02:00'],
  ] as const) {
    const local = new Date(instant + offset * 60_000).toISOString();
    const localDate = local.slice(0, 10);
    const localTime = local.slice(11, 16);
    if (berlinOffset(localDate, localTime) === label) return { date: localDate, time: localTime };
  }
  return { date, time };
}

function calendarDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200) return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return check.toISOString().slice(0, 10);
}

/** "18:00", "18.00", "18:00:00", "9:30 Uhr", "18 Uhr", "18:00:00+01:00" → "HH:MM". */
export function readClock(value: string): string | null | 'invalid' {
  const raw = oneLine(value);
  if (!raw) return null;
  const m =
    raw.match(/^(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?:\s*uhr)?$/i) ??
    raw.match(/^(\d{1,2})()\s*uhr$/i);
  if (!m) return 'invalid';
  const h = Number(m[1]);
  const min = Number(m[2] || 0);
  if (h > 23 || min > 59) return 'invalid';
  return `${pad(h)}:${pad(min)}`;
}

/**
 * "89,50", "89.50", "1.250,00", "1,250.00", "89", "89,50 €", "EUR 12" → cents; "kostenlos",
 * "gratis", "frei" → 0; null for empty, 'invalid' otherwise.
 */
export function readEuroCents(value: string): number | null | 'invalid' {
  const raw = oneLine(value)
    .replace(/€|\beur(o)?\b/gi, '')
    .replace(/\s+/g, '')
    .replace(/,-+$/, '');
  if (!raw) return null;
  if (/^(kostenlos|gratis|frei|entgeltfrei|gebührenfrei)$/i.test(raw)) return 0;
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(raw)) normalised = raw.replaceAll('.', '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(raw)) normalised = raw.replaceAll(',', '');
  else normalised = raw.replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return 'invalid';
  return Math.round(Number(normalised) * 100);
}

const GERMAN_DAYS: Record<string, number> = {
  mo: 1,
  montag: 1,
  di: 2,
  dienstag: 2,
  mi: 3,
  mittwoch: 3,
  do: 4,
  donnerstag: 4,
  fr: 5,
  freitag: 5,
  sa: 6,
  samstag: 6,
  sonnabend: 6,
  so: 7,
  sonntag: 7,
};

/** "Mo", "Montag", "mo." → 1 … 7; undefined when not a German weekday. */
export function weekdayFromGerman(name: string): number | undefined {
  return GERMAN_DAYS[name.trim().toLowerCase().replace(/\.$/, '')];
}

/** Text that may be HTML: markup becomes text; plain text keeps its line breaks as they are. */
export function textOf(value: string): string {
  if (/<\/?[a-z][a-z0-9]*\b[^<>]*>|&(#x?[0-9a-f]+|[a-z]+);/i.test(value)) return htmlToText(value);
  return value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\t\u00a0 ]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function firstParagraph(text: string): string {
  return oneLine(text.split(/\n\s*\n/).find((p) => p.trim()) ?? '');
}

/** "nicht als Bildungsurlaub anerkannt" does not count. */
export function mentionsBildungsurlaub(texts: string[]): boolean {
  return texts.some(
    (t) =>
      /bildungsurlaub|bildungszeit/i.test(t) &&
      !/(nicht|kein\w*)\s+(als\s+)?(bildungszeit|bildungsurlaub)\w*\s+(anerkannt|möglich|buchbar)/i.test(t),
  );
}

/** Lowercased, deduplicated, at most 20. */
export function normaliseKeywords(raw: string[]): string[] {
  const out: string[] = [];
  for (const k of raw) {
    const word = oneLine(k).toLowerCase();
    if (!word || word.length > 80 || out.includes(word)) continue;
    out.push(word);
    if (out.length === 20) break;
  }
  return out;
}

// ---- small helpers -------------------------------------------------------------------------

function isObject(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text value: a string, a number, `{"@value": …}`, or from a list the German one, else the first. */
function str(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const german = value.find((v) => isObject(v) && /^de\b/i.test(String(v['@language'] ?? '')));
    return str(german ?? value.find((v) => str(v) !== ''));
  }
  if (isObject(value) && '@value' in value) return str(value['@value']);
  return '';
}

function field(value: unknown): string | null {
  const s = oneLine(htmlToText(str(value)));
  return /[\p{L}\p{N}]/u.test(s) ? truncate(s, 200) : null;
}

function positiveInt(value: unknown): number | null {
  const s = oneLine(str(value));
  if (!/^\d{1,9}$/.test(s)) return null;
  const n = Number(s);
  return n > 0 ? n : null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
