import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { daysBetween, isoWeekday } from '../../../utils/zoned';
import { ENTRY_REQUIREMENTS, type EntryRequirement, type SeatsStatus } from '../entry';
import type { Category } from '../schemas';

/**
 * Reads an Open-vhs 1.2 export (the XML that VHS course systems send to the national
 * vhs-Kursfinder) into rows for our catalogue. Pure: no database, no clock, no machine
 * time zone, so the same file always gives the same result.
 *
 * Real exports are messy (see tests/fixtures/berlin-vhs-2025/SOURCE.md): HTML inside CDATA,
 * one <veranstaltungsort> per <termin>, machine-translated keywords, DVV codes that do not
 * follow the standard numbering, prices mangled by a spreadsheet. We import every record we
 * can make sense of and reject (with a German reason for the provider) only those that would
 * put wrong facts into the catalogue.
 */

/** The file is not an Open-vhs export at all (not XML, wrong root, no <ersteller>). */
export class OpenVhsFormatError extends Error {
  override readonly name = 'OpenVhsFormatError';
}

export type OfferFormat = 'in_person' | 'online' | 'hybrid';
export type TimeOfDay = 'morning' | 'afternoon' | 'evening';
export type Funding = 'bildungsgutschein' | 'azav' | 'bildungsurlaub' | 'aufstiegs_bafoeg' | 'free' | 'other';
export type Cefr = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2';
export { ENTRY_REQUIREMENTS, type EntryRequirement, REQUIREMENT_PHRASES, type SeatsStatus } from '../entry';

export interface ParsedVenue {
  name: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  district: string | null;
  accessible: boolean | null;
}

export interface ParsedSession {
  /** ISO 8601 with the Europe/Berlin offset of that day, e.g. 2025-03-27T18:00:00+01:00. */
  starts_at: string;
  ends_at: string;
}

export interface ParsedRun {
  external_id: string;
  starts_on: string | null;
  ends_on: string | null;
  session_count: number | null;
  /** ISO weekdays (1 = Monday … 7 = Sunday), ascending. */
  weekdays: number[];
  /** Wall-clock HH:MM, the most common session times. */
  starts_at: string | null;
  ends_at: string | null;
  time_of_day: TimeOfDay | null;
  format: OfferFormat;
  price_cents: number | null;
  price_note: string | null;
  seats: number | null;
  /** How full the run was when the file was made; null: not said. */
  seats_status: SeatsStatus | null;
  registration_deadline: string | null;
  /** Unterrichtseinheiten of 45 minutes. */
  teaching_units: number | null;
  /** null for online runs and for records without any usable place. */
  venue: ParsedVenue | null;
  sessions: ParsedSession[];
}

/** What a person must bring and how to register (migration 0008); every format fills what it carries. */
export interface ParsedEntry {
  /** null: the file does not say; []: no formal requirement. */
  entry_requirements: EntryRequirement[] | null;
  entry_cefr_level: Cefr | null;
  entry_note: string | null;
  late_entry: boolean;
  registration_url: string | null;
  registration_email: string | null;
  registration_phone: string | null;
  registration_note: string | null;
  azav_measure_number: string | null;
}

export const NO_ENTRY: ParsedEntry = {
  entry_requirements: null,
  entry_cefr_level: null,
  entry_note: null,
  late_entry: false,
  registration_url: null,
  registration_email: null,
  registration_phone: null,
  registration_note: null,
  azav_measure_number: null,
};

export interface ParsedOffer extends ParsedEntry {
  external_id: string;
  course_number: string | null;
  title: string;
  subtitle: string | null;
  summary: string;
  description: string;
  category: Category;
  keywords: string[];
  target_groups: string[];
  language: string;
  cefr_level: Cefr | null;
  funding: Funding[];
  website: string | null;
  run: ParsedRun;
}

export interface ParsedOpenVhs {
  provider: { externalRef: string; name: string };
  /** <erstellungszeitpunkt> as given, when present. */
  exportedAt: string | null;
  offers: ParsedOffer[];
  rejected: { ref: string; reason: string }[];
}

// ---- entry point ---------------------------------------------------------------------------

const LIST_TAGS = new Set([
  'veranstaltung',
  'schlagwort',
  'zielgruppe',
  'text',
  'veranstaltungsort',
  'termin',
  'webadresse',
  'level',
  'preis',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Keep everything as text: guids and postcodes may have leading zeros.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => LIST_TAGS.has(name),
});

const MAX_XML_CHARS = 50_000_000;

export function parseOpenVhs(xml: string): ParsedOpenVhs {
  if (typeof xml !== 'string' || xml.trim() === '') throw new OpenVhsFormatError('Die Datei ist leer.');
  if (xml.length > MAX_XML_CHARS) throw new OpenVhsFormatError('Die Datei ist zu groß (höchstens 50 MB).');
  const text = xml.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new OpenVhsFormatError(`Kein gültiges XML (Zeile ${line}${col ? `, Spalte ${col}` : ''}): ${msg}`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new OpenVhsFormatError(`XML nicht lesbar: ${(error as Error).message}`);
  }
  const root = doc.veranstaltungen;
  if (!isObject(root)) {
    const found = Object.keys(doc).filter((k) => !k.startsWith('?'));
    throw new OpenVhsFormatError(
      `Keine Open-vhs-Datei: Wurzelelement <veranstaltungen> erwartet, gefunden <${found[0] ?? '?'}>.`,
    );
  }
  const exportNode = isObject(root.export) ? root.export : undefined;
  const creator = exportNode && isObject(exportNode.ersteller) ? exportNode.ersteller : undefined;
  const externalRef = oneLine(text_(creator?.guid));
  const providerName = oneLine(stripHtml(text_(creator?.name)));
  if (!externalRef) throw new OpenVhsFormatError('Keine Open-vhs-Datei: <export><ersteller><guid> fehlt.');
  if (externalRef.length > 200) throw new OpenVhsFormatError('Die guid des Erstellers ist zu lang.');
  if (providerName.length < 2)
    throw new OpenVhsFormatError('Der Name des Erstellers (<ersteller><name>) fehlt.');

  const offers: ParsedOffer[] = [];
  const rejected: ParsedOpenVhs['rejected'] = [];
  const seen = new Set<string>();
  list(root.veranstaltung).forEach((node, index) => {
    const result = isObject(node)
      ? parseRecord(node)
      : { reason: 'Leere <veranstaltung>', ref: `#${index + 1}` };
    if ('reason' in result) {
      rejected.push({ ref: result.ref, reason: result.reason });
    } else if (seen.has(result.external_id)) {
      rejected.push({ ref: result.external_id, reason: 'guid kommt in der Datei mehrfach vor' });
    } else {
      seen.add(result.external_id);
      offers.push(result);
    }
  });
  return {
    provider: { externalRef, name: truncate(providerName, 200) },
    exportedAt: oneLine(text_(exportNode?.erstellungszeitpunkt)) || null,
    offers,
    rejected,
  };
}

// ---- one <veranstaltung> -------------------------------------------------------------------

type XmlNode = Record<string, unknown>;
type Rejection = { ref: string; reason: string };

function parseRecord(v: XmlNode): ParsedOffer | Rejection {
  const guid = oneLine(text_(v.guid));
  const title = truncate(oneLine(stripHtml(text_(v.name))), 300);
  const ref = guid || (title ? `„${truncate(title, 60)}“` : '(ohne guid)');
  if (!/^[\p{L}\p{N}._:/-]{1,100}$/u.test(guid)) return { ref, reason: 'Keine gültige guid' };
  if (title.length < 2) return { ref, reason: 'Titel fehlt' };

  const begin = readDate(v.beginn_datum);
  const end = readDate(v.ende_datum);
  if (begin === 'invalid')
    return { ref, reason: `Ungültiges Beginndatum „${oneLine(text_(v.beginn_datum))}“` };
  if (end === 'invalid') return { ref, reason: `Ungültiges Enddatum „${oneLine(text_(v.ende_datum))}“` };
  if (begin && end && begin > end) return { ref, reason: 'Beginn nach Ende' };

  const keywordsRaw = list(v.schlagwort).map((k) => oneLine(stripHtml(text_(k))));
  const texts = readTexts(v);
  const subtitle = oneLine(stripHtml(text_(v.untertitel))) || null;
  const levelText = list(v.level)
    .map((l) => oneLine(text_(l)))
    .join(' ');
  const code = oneLine(text_(v.dvv_kategorie));

  const language = instructionLanguage(title);
  const category = mapCategory({ code, title, keywords: keywordsRaw, language });
  const cefr =
    cefrFrom(levelText) ??
    (category === 'sprachen' || category === 'deutsch_integration' ? cefrFrom(title) : null);

  const parsedRun = parseRun(v, guid, { begin, end, title, keywords: keywordsRaw });
  if ('reason' in parsedRun) return { ref, reason: parsedRun.reason };
  const run = { ...parsedRun, registration_deadline: readDeadline(v, texts, parsedRun) };
  const entry = readEntry(v, texts);
  // Texts about requirements or registration are facts of their own, not description.
  const describing = texts.filter((t) => !FACT_TEXT.test(t.kind));

  const funding = new Set<Funding>();
  if (mentionsBildungsurlaub(title, keywordsRaw, texts)) funding.add('bildungsurlaub');
  if (run.price_cents === 0) funding.add('free');
  if (category === 'deutsch_integration' && isBamfFunded(title, keywordsRaw)) funding.add('other');

  const description = uniq(describing.map((t) => htmlToText(t.text)).filter(Boolean)).join('\n\n');
  return {
    ...entry,
    external_id: guid,
    course_number: truncate(oneLine(text_(v.nummer)), 100) || null,
    title,
    subtitle: subtitle ? truncate(subtitle, 300) : null,
    summary: summarise(describing),
    description,
    category,
    keywords: normaliseKeywords(keywordsRaw),
    target_groups: uniq(
      list(v.zielgruppe)
        .map((z) => oneLine(stripHtml(text_(z))))
        .filter((z) => /\p{L}/u.test(z)),
    ),
    // "Italienisch kochen" filed under health is taught in German.
    language: category === 'sprachen' ? language : 'de',
    cefr_level: cefr,
    funding: [...funding],
    website: readWebsite(v.webadresse),
    run,
  };
}

// ---- the run: dates, sessions, place, price ------------------------------------------------

interface RunContext {
  begin: string | null;
  end: string | null;
  title: string;
  keywords: string[];
}

function parseRun(v: XmlNode, guid: string, ctx: RunContext): ParsedRun | Rejection {
  const sessions: ParsedSession[] = [];
  const sessionDates: string[] = [];
  const pairs: string[] = [];
  const seenSessions = new Set<string>();
  for (const t of list(v.termin)) {
    if (!isObject(t)) continue;
    const day = readDate(t.beginn_datum ?? t.datum);
    if (!day || day === 'invalid') continue;
    sessionDates.push(day);
    const from = readTime(t.beginn_uhrzeit ?? t.beginn_zeit ?? t.uhrzeit_von);
    const to = readTime(t.ende_uhrzeit ?? t.ende_zeit ?? t.uhrzeit_bis);
    const endDay = readDate(t.ende_datum);
    if (!from || !to) continue;
    const lastDay = endDay && endDay !== 'invalid' && endDay > day ? endDay : day;
    const startsAt = berlinIso(day, from);
    const endsAt = berlinIso(lastDay, to);
    // A session that ends before it starts is a typo we cannot fix; the date still counts.
    if (Date.parse(endsAt) <= Date.parse(startsAt)) continue;
    const key = `${startsAt}|${endsAt}`;
    if (seenSessions.has(key)) continue; // the same session listed twice
    seenSessions.add(key);
    sessions.push({ starts_at: startsAt, ends_at: endsAt });
    pairs.push(`${from}-${to}`);
  }
  sessions.sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));

  // The declared range wins, widened to cover the listed sessions (search hides runs by ends_on).
  const sortedDates = [...sessionDates].sort();
  const firstSession = sortedDates[0] ?? null;
  const lastSession = sortedDates.at(-1) ?? null;
  const startsOn = minDate(ctx.begin ?? firstSession, firstSession);
  // Without an end date we leave it open rather than guess.
  const endsOn = maxDate(ctx.end ?? lastSession, lastSession);
  if (startsOn && endsOn && startsOn > endsOn) return { ref: guid, reason: 'Beginn nach Ende' };

  // <anzahl_termine> often counts teaching units (100 for 25 dated sessions), so the listed
  // sessions win; without them it is all we have, capped by the days in the range.
  const declared = positiveInt(v.anzahl_termine);
  let sessionCount: number | null = new Set(sessions.map((s) => s.starts_at)).size || null;
  if (!sessionCount && sessionDates.length > 0) sessionCount = new Set(sessionDates).size;
  if (!sessionCount && declared) {
    const days = startsOn && endsOn ? daysBetween(startsOn, endsOn) + 1 : declared;
    sessionCount = Math.min(declared, days);
  }

  const commonPair = mostCommon(pairs);
  const [startsAt, endsAt] = commonPair ? (commonPair.split('-') as [string, string]) : [null, null];
  const weekdays = [...new Set(sessionDates.map(isoWeekday))].sort((a, b) => a - b);

  const places = list(v.veranstaltungsort)
    .filter(isObject)
    .map(readVenue)
    .filter((p): p is ParsedVenue & { online: boolean } => p !== null);
  const format = decideFormat(places, ctx.title, ctx.keywords);
  const physical = places.filter((p) => !p.online);
  const first = physical[0];
  const venue: ParsedVenue | null =
    format === 'online' || !first
      ? null
      : {
          name: first.name,
          street: first.street,
          postcode: first.postcode,
          city: first.city,
          district: first.district,
          accessible: first.accessible,
        };

  const price = readPrice(list(v.preis)[0]);
  const seats = nonNegativeInt(v.maximale_teilnehmerzahl);
  const minutes = sessions.reduce(
    (n, s) => n + (Date.parse(s.ends_at) - Date.parse(s.starts_at)) / 60_000,
    0,
  );
  return {
    external_id: guid,
    starts_on: startsOn,
    ends_on: endsOn,
    session_count: sessionCount,
    weekdays,
    starts_at: startsAt,
    ends_at: endsAt,
    time_of_day: startsAt ? timeOfDay(startsAt) : null,
    format,
    price_cents: price.cents,
    price_note: price.note,
    // 0 means "not set" in the course systems, not "no seats".
    seats: seats ? seats : null,
    seats_status: seatsStatus(seats, nonNegativeInt(v.aktuelle_teilnehmerzahl)),
    registration_deadline: null,
    teaching_units: teachingUnits(v, declared, sessionCount, minutes),
    venue,
    sessions,
  };
}

/**
 * Teaching units (45 minutes): a field for them if the file has one; else <anzahl_termine>
 * when it counts units rather than sessions — larger than the listed sessions and about
 * their length in units (the Berlin exports: 100 for 25 sessions of 3 hours). A plain
 * count of sessions says nothing about units.
 */
function teachingUnits(v: XmlNode, declared: number | null, sessions: number | null, minutes: number) {
  const explicit = positiveInt(v.unterrichtseinheiten ?? v.ustd ?? v.unterrichtsstunden);
  if (explicit) return explicit;
  if (!declared || !sessions || declared <= sessions || minutes <= 0) return null;
  const ratio = declared / (minutes / 45);
  return ratio >= 0.75 && ratio <= 1.34 ? declared : null;
}

/**
 * How full a run is, from the participant counts course systems send (a snapshot of the
 * moment of the export): full at the maximum, "few" with two places or a sixth left.
 */
export function seatsStatus(max: number | null, current: number | null): SeatsStatus | null {
  if (!max || current === null) return null;
  const left = max - current;
  if (left <= 0) return 'full';
  return left <= Math.max(2, Math.floor(max / 6)) ? 'few' : 'available';
}

/** <anmeldeschluss>, else "Anmeldeschluss: 18.04.2025" in a text; never after the run's end. */
function readDeadline(v: XmlNode, texts: { text: string }[], run: ParsedRun): string | null {
  let deadline = readDate(v.anmeldeschluss);
  if (!deadline || deadline === 'invalid') {
    deadline = null;
    for (const t of texts) {
      const m = htmlToText(t.text).match(/Anmeldeschluss\b[^:\d\n]{0,40}:?\s*(\d{1,2}\.\d{1,2}\.\d{4})/i);
      const date = m ? readDate(m[1]) : null;
      if (date && date !== 'invalid') {
        deadline = date;
        break;
      }
    }
  }
  const last = run.ends_on ?? run.starts_on;
  return deadline && (!last || deadline <= last) ? deadline : null;
}

// ---- entry requirements and registration ---------------------------------------------------

/** The kinds of <text> (its <eigenschaft>) that hold requirements or how to register. */
const FACT_TEXT = /voraussetz|anmeld/;

const LATE_ENTRY =
  /(quer)?einstieg[^.]{0,40}(jederzeit|laufend|fortlaufend|auch später|auch nach kursbeginn)[^.]{0,20}möglich|jederzeit (einsteigen|dazukommen|zusteigen)|laufender einstieg|can join at any time/i;

/**
 * Requirements in words → the catalogue's values and a German level. Recognises the usual
 * German and English phrasings; "keine"/"none" alone means no formal requirement. Anything
 * else is kept as text (the note) and leaves the requirements unstated.
 */
export function readRequirements(text: string): {
  requirements: EntryRequirement[] | null;
  level: Cefr | null;
} {
  const found = new Set<EntryRequirement>();
  let none = false;
  for (const part of text.split(/[,;\n•]+|\s+und\s+|\s+and\s+/i)) {
    const p = oneLine(part).toLowerCase();
    if (!p) continue;
    if (/^(keine|none|no formal|nichts)\b/.test(p)) none = true;
    if (/schulabschluss|hauptschul|realschul|abitur|school[- ]?leaving|school certificate/.test(p))
      found.add('school_certificate');
    if (
      /berufsausbildung|berufsabschluss|gesellenbrief|ausbildung abgeschlossen|abgeschlossene ausbildung|vocational (training|qualification)|apprenticeship/.test(
        p,
      )
    )
      found.add('vocational_qualification');
    if (/berufserfahrung|berufspraxis|work experience|professional experience/.test(p))
      found.add('professional_experience');
  }
  const level = text.match(/(?:deutsch|german)[^.\n]{0,40}?\b([ABC][12])\b/i)?.[1]?.toUpperCase() as
    | Cefr
    | undefined;
  return {
    requirements: found.size ? ENTRY_REQUIREMENTS.filter((r) => found.has(r)) : none ? [] : null,
    level: level ?? null,
  };
}

/** Joining a course under way: said in so many words in a text. */
export function mentionsLateEntry(texts: string[]): boolean {
  return texts.some((t) => LATE_ENTRY.test(t));
}

function readEntry(v: XmlNode, texts: { kind: string; text: string }[]): ParsedEntry {
  const requirementTexts = [
    text_(v.voraussetzungen),
    text_(v.teilnahmevoraussetzungen),
    ...texts.filter((t) => /voraussetz/.test(t.kind)).map((t) => t.text),
  ]
    .map(htmlToText)
    .filter(Boolean);
  const requirementText = requirementTexts.join('\n\n');
  const { requirements, level } = readRequirements(requirementText);
  const registration = isObject(v.anmeldung) ? v.anmeldung : null;
  const registrationNote = [
    registration ? text_(registration.hinweis ?? registration.text) : text_(v.anmeldung),
    ...texts.filter((t) => /anmeld/.test(t.kind)).map((t) => t.text),
  ]
    .map((t) => oneLine(htmlToText(t)))
    .filter(Boolean)
    .join(' ');
  const email = oneLine(text_(registration?.email ?? registration?.e_mail)).toLowerCase();
  const phone = oneLine(text_(registration?.telefon ?? registration?.telefonnummer));
  return {
    entry_requirements: requirements,
    entry_cefr_level: level,
    entry_note: requirementText ? truncate(requirementText, 1000) : null,
    late_entry: mentionsLateEntry(texts.map((t) => htmlToText(t.text))),
    registration_url: readRegistrationUrl(v.webadresse, registration),
    registration_email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? email : null,
    registration_phone: /^[+\d][\d\s/()-]{4,}$/.test(phone) && phone.length <= 40 ? phone : null,
    registration_note: registrationNote ? truncate(registrationNote, 1000) : null,
    azav_measure_number: truncate(oneLine(text_(v.massnahmenummer ?? v.massnahmennummer)), 60) || null,
  };
}

/** The booking link: a <webadresse> of type or name "Anmeldung"/"Buchung" (Berlin: "zur Kursbuchung"). */
function readRegistrationUrl(value: unknown, registration: XmlNode | null): string | null {
  const own = oneLine(text_(registration?.uri ?? registration?.url));
  if (/^https?:\/\/\S+$/i.test(own) && own.length <= 2000) return own;
  const link = list(value)
    .filter(isObject)
    .map((w) => ({
      label: `${oneLine(text_(w.typ))} ${oneLine(stripHtml(text_(w.name)))}`.toLowerCase(),
      uri: oneLine(text_(w.uri ?? w.url)),
    }))
    .find((w) => /anmeld|buchung|buchen|booking|registr/.test(w.label) && /^https?:\/\/\S+$/i.test(w.uri));
  return link && link.uri.length <= 2000 ? link.uri : null;
}

/** morning < 12:00 ≤ afternoon < 17:00 ≤ evening. */
export function timeOfDay(time: string): TimeOfDay {
  if (time < '12:00') return 'morning';
  if (time < '17:00') return 'afternoon';
  return 'evening';
}

const ONLINE_PLACE = /online|vhs\.?cloud|virtuell|zoom|bigbluebutton/i;
const PLACEHOLDER_PLACE = /^(ort|n\.?\s?n\.?|tba|unbekannt|-)$/i;
const ONLINE_TITLE =
  /online-?kurs|online-?vortrag|online-?seminar|online-?workshop|\(online\)|[:–-]\s*online\s*$/i;
const HYBRID_TITLE = /hybrid|blended/i;
const ONLINE_KEYWORD =
  /^(online-?kurs|online-vortrag|online learning|szenario_online|vhs\.cloud|bigbluebutton|elearning)$/i;

function readVenue(node: XmlNode): (ParsedVenue & { online: boolean }) | null {
  const address = isObject(node.adresse) ? node.adresse : {};
  const name = truncate(oneLine(stripHtml(text_(node.name))), 200);
  const street = field(address.strasse);
  const plz = field(address.plz) ?? '';
  const postcode = /^\d{5}$/.test(plz) ? plz : null;
  const city = field(address.ort);
  const district = field(address.ortsteil);
  const online = !street && !postcode && ONLINE_PLACE.test(name);
  if (!online && !street && !postcode && (!name || PLACEHOLDER_PLACE.test(name))) return null;
  return {
    name: name || street || 'Veranstaltungsort',
    street,
    postcode,
    city,
    district,
    accessible: readBoolean(node.barrierefrei),
    online,
  };
}

/**
 * online: the title says so ("(Onlinekurs)": some VHS give their office as the place of an
 * online course), or the only places are online ones, or there is no place and the keywords
 * say online. hybrid: the title says so, or online and physical places are mixed.
 */
function decideFormat(places: { online: boolean }[], title: string, keywords: string[]): OfferFormat {
  const online = places.some((p) => p.online);
  const physical = places.some((p) => !p.online);
  if (HYBRID_TITLE.test(title) || (online && physical)) return 'hybrid';
  if (ONLINE_TITLE.test(title)) return 'online';
  if (online) return 'online';
  if (!physical && keywords.some((k) => ONLINE_KEYWORD.test(k))) return 'online';
  return 'in_person';
}

const MAX_PLAUSIBLE_EUROS = 10_000;

function readPrice(node: unknown): { cents: number | null; note: string | null } {
  if (!isObject(node)) return { cents: null, note: null };
  const notes: string[] = [];
  const extra = oneLine(stripHtml(text_(node.zusatz)));
  if (extra) notes.push(extra);
  else if (readBoolean(node.rabatt_moeglich)) notes.push('Ermäßigung möglich');
  const raw = oneLine(text_(node.betrag))
    .replace(/€|eur(o)?/gi, '')
    .trim();
  let cents: number | null = null;
  if (raw) {
    const normalised = /^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(raw)
      ? raw.replaceAll('.', '').replace(',', '.')
      : raw.replace(',', '.');
    if (/^\d+(\.\d+)?$/.test(normalised)) {
      const euros = Number(normalised);
      // e.g. 45776: a spreadsheet turned "29.4" into a date serial; we cannot tell 29,40 € from
      // 29,04 €, so the price is unknown rather than wrong.
      if (euros < MAX_PLAUSIBLE_EUROS) cents = Math.round(euros * 100);
      else notes.push('Preis in der Quelle unleserlich');
    }
  }
  return { cents, note: notes.length ? truncate(notes.join('; '), 500) : null };
}

function readWebsite(value: unknown): string | null {
  const candidates = list(value)
    .filter(isObject)
    .map((w) => ({ type: oneLine(text_(w.typ)).toLowerCase(), uri: oneLine(text_(w.uri ?? w.url)) }))
    .filter((w) => /^https?:\/\/\S+$/i.test(w.uri) && w.uri.length <= 2000);
  // A link of type "anmeldung" is the booking page (readRegistrationUrl), not the course's website.
  const pages = candidates.filter((w) => !/anmeld/.test(w.type));
  const best = pages.find((w) => w.type === 'website') ?? pages[0];
  return best ? best.uri : null;
}

// ---- category, language, level, funding ---------------------------------------------------

/**
 * Area labels that the feed carries as keywords (some machine-translated to English). In the
 * Berlin exports they are the reliable signal: the DVV codes there do not follow the standard
 * numbering (1.03 is yoga, 6.04 is English, 8.04 is French).
 */
const AREA_LABELS: Record<string, Category> = {
  'politik-gesellschaft-umwelt': 'politik_gesellschaft_umwelt',
  'politik - gesellschaft - umwelt': 'politik_gesellschaft_umwelt',
  'kultur-gestalten': 'kultur_gestalten',
  'kultur - gestalten': 'kultur_gestalten',
  culture: 'kultur_gestalten',
  gesundheit: 'gesundheit',
  health: 'gesundheit',
  sprachen: 'sprachen',
  languages: 'sprachen',
  'foreign languages': 'sprachen',
  'arbeit-beruf': 'arbeit_beruf_digitales',
  'arbeit-beruf-edv': 'arbeit_beruf_digitales',
  'arbeit - beruf': 'arbeit_beruf_digitales',
  grundbildung: 'grundbildung_schulabschluesse',
  'grundbildung-schulabschlüsse': 'grundbildung_schulabschluesse',
  'grundbildung - schulabschlüsse': 'grundbildung_schulabschluesse',
};

/** Subject keywords, used only when a record carries no area label. */
const SUBJECTS: [RegExp, Category][] = [
  [
    /^(gymnastik|.*gymnastik|entspannung|ernährung|yoga|pilates|qi ?gong|tai ji.*|massage|meditation|achtsamkeit|rückentraining|health and wellbeing|movement and body awareness|nutrition and cooking|kochen)$/,
    'gesundheit',
  ],
  [
    /^(malen|zeichnen|tanz|music|musik|theater|schauspiel|foto.*|textilgestaltung|kunsthandwerk|plastisches gestalten|literatur|schreiben|film|art and creativity|photography and film|music and voice|literature and writing)$/,
    'kultur_gestalten',
  ],
  [
    /^(edv|beruf|schlüsselqualifikationen|rechnungswesen|kmu|future skills|digital basics|programming and data|office|media skills|arbeitstechniken|kommunikation|rhetorik|führungstechniken|konflikt.*|personalmanagement)$/,
    'arbeit_beruf_digitales',
  ],
  [
    /^(politik|geschichte|umwelt|länderkunde|psychologie|pädagogik|bne|recht|history and politics|law and justice|society and environment|philosophy and ethics|intercultural learning)$/,
    'politik_gesellschaft_umwelt',
  ],
  [
    /^(grundbildung|alphabetisierung|literacy|schulabschluss|schulabschlüsse)$/,
    'grundbildung_schulabschluesse',
  ],
];

/** Standard DVV numbering: the leading number is the programme area. */
const DVV_AREAS: Record<string, Category> = {
  '1': 'politik_gesellschaft_umwelt',
  '2': 'kultur_gestalten',
  '3': 'gesundheit',
  '4': 'sprachen',
  '5': 'arbeit_beruf_digitales',
  '6': 'grundbildung_schulabschluesse',
};

/** When signals tie: the more specific area first. */
const PRIORITY: Category[] = [
  'sprachen',
  'arbeit_beruf_digitales',
  'gesundheit',
  'kultur_gestalten',
  'politik_gesellschaft_umwelt',
  'grundbildung_schulabschluesse',
];

/** Records that fit nowhere: the broadest area of general adult education. */
export const FALLBACK_CATEGORY: Category = 'politik_gesellschaft_umwelt';

const GERMAN_COURSE =
  /integrationskurs|orientierungskurs|alphabetisierung|\bDTZ\b|deutsch-test für zuwanderer|berufssprachkurs|deuföv|deutsch als (fremd|zweit)sprache|\bDa[FZ]\b/i;

function isGermanCourse(title: string, code: string): boolean {
  if (GERMAN_COURSE.test(title)) return true;
  // "Deutsch B1", "Deutsch - Grundstufe": the word itself, not "Deutsche Geschichte".
  if (/^\W*deutsch(?![\p{L}])/iu.test(title)) return true;
  // 4.04 is German as a second/foreign language in the DVV numbering and in the Berlin data.
  return code === '4.04';
}

export function mapCategory(input: {
  code: string;
  title: string;
  keywords: string[];
  language?: string;
}): Category {
  const { code, title } = input;
  const keywords = input.keywords.map((k) => k.trim().toLowerCase());
  const labels = new Set(keywords.map((k) => AREA_LABELS[k]).filter((c): c is Category => Boolean(c)));
  const language = input.language ?? instructionLanguage(title);

  // A foreign-language course ("Spanisch A2.1") is one, unless the area labels say otherwise
  // ("Italienisch kochen" labelled HEALTH).
  if (language !== 'de' && (labels.size === 0 || labels.has('sprachen'))) return 'sprachen';
  if (isGermanCourse(title, code) && (labels.size === 0 || labels.has('sprachen') || code === '4.04')) {
    return 'deutsch_integration';
  }

  const dvv = DVV_AREAS[code.split('.')[0] ?? ''];
  if (labels.size === 1) return [...labels][0]!;
  if (labels.size > 1) {
    if (dvv && labels.has(dvv)) return dvv;
    return PRIORITY.find((c) => labels.has(c))!;
  }

  const votes = new Map<Category, number>();
  for (const k of keywords) {
    for (const [pattern, category] of SUBJECTS) {
      if (pattern.test(k)) votes.set(category, (votes.get(category) ?? 0) + 1);
    }
  }
  if (votes.size > 0) {
    const best = Math.max(...votes.values());
    return PRIORITY.find((c) => votes.get(c) === best)!;
  }
  return dvv ?? FALLBACK_CATEGORY;
}

/** Languages taught at VHS, by their German (and English) names: ISO 639-1, else 639-3. */
const LANGUAGES: [RegExp, string][] = [
  [/^(englisch|english)/, 'en'],
  [/^(spanisch|español)/, 'es'],
  [/^(französisch|franzoesisch|français)/, 'fr'],
  [/^(italienisch|italiano)/, 'it'],
  [/^portugiesisch/, 'pt'],
  [/^niederländisch/, 'nl'],
  [/^schwedisch/, 'sv'],
  [/^norwegisch/, 'no'],
  [/^dänisch/, 'da'],
  [/^finnisch/, 'fi'],
  [/^isländisch/, 'is'],
  [/^polnisch/, 'pl'],
  [/^tschechisch/, 'cs'],
  [/^slowakisch/, 'sk'],
  [/^ungarisch/, 'hu'],
  [/^rumänisch/, 'ro'],
  [/^bulgarisch/, 'bg'],
  [/^kroatisch/, 'hr'],
  [/^serbisch/, 'sr'],
  [/^bosnisch/, 'bs'],
  [/^slowenisch/, 'sl'],
  [/^albanisch/, 'sq'],
  [/^(neu)?griechisch/, 'el'],
  [/^altgriechisch/, 'grc'],
  [/^latein/, 'la'],
  [/^russisch/, 'ru'],
  [/^ukrainisch/, 'uk'],
  [/^türkisch/, 'tr'],
  [/^kurdisch/, 'ku'],
  [/^(persisch|farsi)/, 'fa'],
  [/^arabisch/, 'ar'],
  [/^hebräisch/, 'he'],
  [/^chinesisch/, 'zh'],
  [/^japanisch/, 'ja'],
  [/^koreanisch/, 'ko'],
  [/^vietnamesisch/, 'vi'],
  [/^thai/, 'th'],
  [/^hindi/, 'hi'],
  [/^baskisch/, 'eu'],
  [/^katalanisch/, 'ca'],
  [/^esperanto/, 'eo'],
];

/**
 * The language a course is taught in: a foreign-language course ("Spanisch A1.1",
 * "English B1/B2 Conversation") is taught in that language, sign-language courses in DGS;
 * everything else in German. Only the title's first word counts: "Kochen wie in Italien"
 * stays German.
 */
export function instructionLanguage(title: string): string {
  if (/gebärdensprache|\bDGS\b/i.test(title)) return 'gsg';
  const first = title
    .trim()
    .toLowerCase()
    .replace(/^[^\p{L}]+/u, '');
  const word = first.match(/^[\p{L}]+/u)?.[0] ?? '';
  for (const [pattern, code] of LANGUAGES) {
    // "Englisch" but not "Englischer Garten"; the whole first word must be the language.
    const m = word.match(pattern);
    if (m && m[0] === word) return code;
  }
  return 'de';
}

/** "A2.1" → A2, "B1+" → B1, "A2/B1" → A2 (the entry level). */
export function cefrFrom(text: string): Cefr | null {
  const m = text.match(/(?<![\p{L}\p{N}])([ABC][12])(?![\p{N}])/u);
  return m ? (m[1] as Cefr) : null;
}

function mentionsBildungsurlaub(title: string, keywords: string[], texts: { text: string }[]): boolean {
  const pattern = /bildungsurlaub|bildungszeit/i;
  if (pattern.test(title) || keywords.some((k) => pattern.test(k))) return true;
  return texts.some((t) => {
    if (!pattern.test(t.text)) return false;
    // "nicht als Bildungszeit anerkannt" is the opposite.
    return !/(nicht|kein\w*)\s+(als\s+)?(bildungszeit|bildungsurlaub)\w*\s+(anerkannt|möglich|buchbar)/i.test(
      t.text,
    );
  });
}

/** Integration, orientation, literacy and job-related German courses are BAMF-funded. */
function isBamfFunded(title: string, keywords: string[]): boolean {
  if (
    /integrationskurs|orientierungskurs|alphabetisierung|\balpha\b|berufssprachkurs|deuföv|\bDTZ\b/i.test(
      title,
    )
  ) {
    return true;
  }
  return keywords.some((k) => /\bbamf\b|integration course|orientation course/i.test(k));
}

// ---- texts ---------------------------------------------------------------------------------

function readTexts(v: XmlNode): { kind: string; text: string }[] {
  return list(v.text)
    .map((t) =>
      isObject(t)
        ? { kind: oneLine(text_(t.eigenschaft)).toLowerCase(), text: text_(t.text) }
        : { kind: 'text', text: text_(t) },
    )
    .filter((t) => t.text.trim() !== '');
}

const SUMMARY_MAX = 300;

function summarise(texts: { kind: string; text: string }[]): string {
  const short = texts.find((t) => /kurz|teaser|summary/.test(t.kind)) ?? texts[0];
  if (!short) return '';
  const plain = htmlToText(short.text);
  const paragraph = plain.split(/\n\s*\n/).find((p) => p.trim()) ?? '';
  return ellipsis(oneLine(paragraph), SUMMARY_MAX);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  euro: '€',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  ndash: '–',
  mdash: '—',
  bdquo: '„',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  hellip: '…',
  bull: '•',
  middot: '·',
  shy: '',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '';
    }
    return ENTITIES[name] ?? whole;
  });
}

/**
 * Turns the HTML that course systems put into CDATA into plain text: paragraphs and list
 * items kept as line breaks, links as "text (URL)", hidden SEO paragraphs dropped, entities
 * decoded. We store text, never markup from outside.
 */
export function htmlToText(html: string): string {
  let s = html.replace(/\r\n?/g, '\n');
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  // Hidden keyword paragraphs ("Schlagwörter: …") are for the old search engine, not for people.
  s = s.replace(
    /<(\w+)\b[^>]*style\s*=\s*["']?[^>]*?(display\s*:\s*none|visibility\s*:\s*hidden)[^>]*>[\s\S]*?<\/\1\s*>/gi,
    '',
  );
  // …and those whose closing tag is broken ("taub/p>"): up to the next tag.
  s = s.replace(
    /<\w+\b[^>]*style\s*=\s*["']?[^>]*?(display\s*:\s*none|visibility\s*:\s*hidden)[^>]*>[^<]*/gi,
    '',
  );
  s = s.replace(
    /<a\b[^<>]*?href\s*=\s*["']?\s*([^"'\s<>;]+)[^<>]*>([\s\S]*?)<\/a\s*>/gi,
    (_, href: string, label: string) => {
      const text = oneLine(stripTags(label));
      if (!/^https?:\/\//i.test(href) || text === href) return text || href;
      return text ? `${text} (${href})` : href;
    },
  );
  // Links whose opening tag lacks its ">" (href="…"; hier</a>).
  s = s.replace(
    /<a\b[^<>]*?href\s*=\s*["']?\s*(https?:\/\/[^"'\s<>;]+)["']?;?\s*([^<>]*?)<\/a\s*>/gi,
    (_, href: string, label: string) => (oneLine(label) ? `${oneLine(label)} (${href})` : href),
  );
  // A stray "<" before a tag ("<<b>Zur Anmeldung").
  s = s.replace(/<+(?=<\/?[a-z])/gi, '');
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(/<li\b[^>]*>/gi, '\n• ');
  s = s.replace(/<\/?(p|div|ul|ol|h[1-6]|table|tr|blockquote)\b[^>]*>/gi, '\n\n');
  s = stripTags(s);
  // What is left of broken markup ("<Um die …"); text never puts "<" right before a letter.
  s = s.replace(/<(?=\p{L})/gu, '');
  s = decodeEntities(s);
  return tidy(s);
}

function stripTags(s: string): string {
  return s.replace(/<\/?[a-z][a-z0-9]*\b[^<>]*>/gi, '');
}

function stripHtml(s: string): string {
  return decodeEntities(stripTags(s));
}

/** Collapses spaces within lines, trims lines, keeps at most one blank line. */
function tidy(s: string): string {
  return (
    s
      .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
      // Zero-width spaces only: joiners (U+200C/D) are part of emoji and some scripts.
      .replace(/[\u200b\u2060\ufeff]/g, '')
      .split('\n')
      .map((line) => line.replace(/ {2,}/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^(• *\n)+/gm, '')
      .trim()
  );
}

const SYSTEM_KEYWORD = /^[a-z]+_[\p{L}\p{N}_]+$|^bamf course .* reported$/u;

/** Lowercased, deduplicated, at most 20; course-system flags ("szenario_präsenz") dropped. */
function normaliseKeywords(raw: string[]): string[] {
  const out: string[] = [];
  for (const k of raw) {
    const word = k.toLowerCase().trim();
    if (!word || word.length > 80 || SYSTEM_KEYWORD.test(word) || out.includes(word)) continue;
    out.push(word);
    if (out.length === 20) break;
  }
  return out;
}

// ---- dates and Europe/Berlin wall-clock time -----------------------------------------------

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** 00:00 UTC of the last Sunday of a month (0-based) of a year. */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY;
}

/**
 * The UTC offset of Europe/Berlin at a wall-clock time, by the EU rule: summer time from
 * 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. Computed,
 * so it does not depend on the machine's time zone or tz database.
 */
export function berlinOffset(date: string, time = '12:00'): '+01:00' | '+02:00' {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asWinterUtc = Date.UTC(y, m - 1, d, hh, mm) - HOUR;
  const summer = asWinterUtc >= lastSunday(y, 2) + HOUR && asWinterUtc < lastSunday(y, 9) + HOUR;
  return summer ? '+02:00' : '+01:00';
}

export function berlinIso(date: string, time: string): string {
  return `${date}T${time}:00${berlinOffset(date, time)}`;
}

function readDate(value: unknown): string | null | 'invalid' {
  const raw = oneLine(text_(value));
  if (!raw) return null;
  let m = raw.match(/^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/);
  let ymd: [number, number, number] | null = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  if (!ymd) {
    m = raw.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
    if (m) ymd = [Number(m[3]), Number(m[2]), Number(m[1])];
  }
  if (!ymd) return 'invalid';
  const [y, mo, d] = ymd;
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (y < 1900 || y > 2200 || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return 'invalid';
  return check.toISOString().slice(0, 10);
}

function readTime(value: unknown): string | null {
  const m = oneLine(text_(value)).match(/^(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*uhr)?$/i);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

export function minDate(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

export function maxDate(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

// ---- small helpers -------------------------------------------------------------------------

function isObject(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that may be one item, a list, or missing (XML and JSON-LD both do this), as a list. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of a node: a string, a number, a {#text} object or the first of a list. */
function text_(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return text_(value[0]);
  if (isObject(value) && '#text' in value) return text_(value['#text']);
  return '';
}

/** An address part, or null for empty ones and placeholders such as "-" or "...". */
function field(value: unknown): string | null {
  const s = oneLine(stripHtml(text_(value)));
  return /[\p{L}\p{N}]/u.test(s) ? s : null;
}

export function oneLine(s: string): string {
  return s.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max).trimEnd();
}

export function ellipsis(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

function readBoolean(value: unknown): boolean | null {
  const s = oneLine(text_(value)).toLowerCase();
  if (['true', '1', 'ja', 'yes', 'wahr'].includes(s)) return true;
  if (['false', '0', 'nein', 'no', 'falsch'].includes(s)) return false;
  return null;
}

function nonNegativeInt(value: unknown): number | null {
  const s = oneLine(text_(value));
  if (!/^\d{1,9}$/.test(s)) return null;
  return Number(s);
}

function positiveInt(value: unknown): number | null {
  const n = nonNegativeInt(value);
  return n && n > 0 ? n : null;
}

export function uniq(values: string[]): string[] {
  return [...new Set(values)];
}

export function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  // Map keeps first-seen order, so a tie goes to the earlier one.
  for (const [v, c] of counts) {
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}
