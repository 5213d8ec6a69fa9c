import { isoWeekday } from '../../../utils/zoned';
import { CATEGORIES, type Category } from '../schemas';
import {
  berlinLocal,
  datesOfPattern,
  firstParagraph,
  guessCategory,
  MAX_SESSIONS,
  mentionsBildungsurlaub,
  normaliseKeywords,
  readClock,
  readEuroCents,
  textOf,
  UPLOAD_PROVIDER,
  weekdayFromGerman,
} from './jsonld';
import {
  berlinIso,
  cefrFrom,
  type EntryRequirement,
  ellipsis,
  type Funding,
  instructionLanguage,
  type OfferFormat,
  OpenVhsFormatError,
  oneLine,
  type ParsedOffer,
  type ParsedOpenVhs,
  type ParsedSession,
  type ParsedVenue,
  readRequirements,
  type SeatsStatus,
  timeOfDay,
} from './openvhs';

/**
 * Reads the offer spreadsheet providers fill in (CSV_TEMPLATE) into the structure the
 * Open-vhs import writes (ParsedOpenVhs), so importOpenVhs can apply it. Pure: no database,
 * no clock, no machine time zone.
 *
 * The file: UTF-8 (a BOM is fine), separated by ";" as German Excel saves it, or by "," or
 * tab (the header line decides), fields in double quotes when they hold the separator, a
 * quote ("" inside) or line breaks. One row per run, and the importer keeps one run per
 * offer: every row is its own offer, with its own "Kennung" (a second upload with the same
 * Kennung updates it). Only "Kennung" and "Titel" are required columns; an unknown column is
 * an error that names it.
 *
 * Rows are numbered as in the spreadsheet: the header is row 1 ("Zeile 1"), the first data
 * row is "Zeile 2", even when a cell above holds line breaks. A rejected row's `ref` is its
 * Kennung (so a full import keeps the offer's previous version) or "Zeile n" without one; the
 * reason starts with "Zeile n:" and lists every problem of the row.
 *
 * Sessions come from the weekly pattern: the Wochentage between Beginn and Ende, at Uhrzeit
 * von–bis, Europe/Berlin. Without Wochentage a range of up to 14 days is a block course
 * (every day); without Ende a weekly course stays open (no sessions).
 *
 * Not in ParsedOffer, so kept elsewhere: "Abschluss" as a last paragraph "Abschluss: …" of
 * the description; funding programmes other than Bildungsgutschein, AZAV, Aufstiegs-BAföG,
 * Bildungsurlaub and kostenlos as "other" with the named programmes as keywords.
 *
 * Optional columns after "Abschluss" (the facts people ask before registering): Plätze,
 * Platzstatus (frei, wenige, ausgebucht, Warteliste), Unterrichtseinheiten, Anmeldeschluss,
 * Voraussetzungen ("keine" or Schulabschluss, Berufsausbildung, Berufserfahrung),
 * Deutschniveau zu Beginn, Hinweis zu Voraussetzungen, Späterer Einstieg (ja/nein), the
 * registration's Internet address, e-mail, phone and note, the AZAV measure number.
 */

const COLUMNS = [
  ['id', 'Kennung'],
  ['title', 'Titel'],
  ['summary', 'Kurzbeschreibung'],
  ['description', 'Beschreibung'],
  ['category', 'Bereich'],
  ['language', 'Unterrichtssprache'],
  ['level', 'Sprachniveau'],
  ['begin', 'Beginn'],
  ['end', 'Ende'],
  ['weekdays', 'Wochentage'],
  ['from', 'Uhrzeit von'],
  ['to', 'Uhrzeit bis'],
  ['format', 'Format'],
  ['place', 'Ort'],
  ['street', 'Straße'],
  ['postcode', 'PLZ'],
  ['city', 'Stadt'],
  ['accessible', 'Barrierefrei'],
  ['price', 'Preis'],
  ['funding', 'Förderung'],
  ['certificate', 'Abschluss'],
  ['seats', 'Plätze'],
  ['seatsStatus', 'Platzstatus'],
  ['teachingUnits', 'Unterrichtseinheiten'],
  ['deadline', 'Anmeldeschluss'],
  ['requirements', 'Voraussetzungen'],
  ['entryLevel', 'Deutschniveau zu Beginn'],
  ['entryNote', 'Hinweis zu Voraussetzungen'],
  ['lateEntry', 'Späterer Einstieg'],
  ['registrationUrl', 'Anmeldung Internet'],
  ['registrationEmail', 'Anmeldung E-Mail'],
  ['registrationPhone', 'Anmeldung Telefon'],
  ['registrationNote', 'Anmeldung Hinweis'],
  ['azavNumber', 'AZAV-Maßnahmenummer'],
] as const;

type Column = (typeof COLUMNS)[number][0];
type Row = Record<Column, string>;

/** The header line of the template, in order. */
export const CSV_HEADERS: readonly string[] = COLUMNS.map(([, header]) => header);

/** The German names of the categories (locales/de/catalogue.json `categories`; a test keeps them equal). */
export const CATEGORY_LABELS: Record<Category, string> = {
  deutsch_integration: 'Deutsch und Integration',
  sprachen: 'Fremdsprachen',
  berufliche_weiterbildung: 'Berufliche Weiterbildung und Umschulung',
  arbeit_beruf_digitales: 'Arbeit, Beruf und Digitales',
  grundbildung_schulabschluesse: 'Grundbildung und Schulabschlüsse',
  gesundheit: 'Gesundheit',
  kultur_gestalten: 'Kultur und Gestalten',
  politik_gesellschaft_umwelt: 'Politik, Gesellschaft und Umwelt',
  beratung: 'Beratung',
};

const EXAMPLE: Record<Column, string> = {
  id: 'K-2027-101',
  title: 'Word und Excel für den Beruf',
  summary: 'Briefe, Tabellen und Diagramme sicher gestalten – für Wiedereinsteigende.',
  description:
    'Sie lernen an sechs Vormittagen die wichtigsten Funktionen von Word und Excel kennen.\nBitte bringen Sie einen USB-Stick mit.',
  category: 'Arbeit, Beruf und Digitales',
  language: 'de',
  level: '',
  begin: '01.03.2027',
  end: '17.03.2027',
  weekdays: 'Mo,Mi',
  from: '09:00',
  to: '12:15',
  format: 'vor Ort',
  place: 'VHS-Haus am Markt',
  street: 'Marktgasse 3',
  postcode: '34117',
  city: 'Kassel',
  accessible: 'ja',
  price: '189,50',
  funding: 'Bildungsgutschein, AZAV',
  certificate: 'Zertifikat der Volkshochschule',
  seats: '12',
  seatsStatus: 'frei',
  teachingUnits: '32',
  deadline: '15.02.2027',
  requirements: 'keine',
  entryLevel: 'B1',
  entryNote: 'Grundkenntnisse am Computer helfen.',
  lateEntry: 'nein',
  registrationUrl: 'https://www.vhs-am-markt.example/kurse/K-2027-101',
  registrationEmail: 'anmeldung@vhs-am-markt.example',
  registrationPhone: '0561 123456',
  registrationNote: 'Sie können sich auch persönlich im VHS-Haus anmelden.',
  azavNumber: '962/0123/2027',
};

/**
 * The template to download: UTF-8 with a BOM (so Excel shows umlauts), ";" separated,
 * Windows line ends, the header line and one example row.
 */
export const CSV_TEMPLATE: string = `\uFEFF${[CSV_HEADERS, COLUMNS.map(([key]) => EXAMPLE[key])]
  .map((values) => values.map(quote).join(';'))
  .join('\r\n')}\r\n`;

function quote(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const MAX_CSV_CHARS = 50_000_000;
const MAX_ID_CHARS = 200;
const MAX_EUROS = 100_000;
const BLOCK_DAYS = 14;
const SUMMARY_MAX = 300;

export function parseOfferCsv(text: string): ParsedOpenVhs {
  if (typeof text !== 'string' || text.trim() === '') throw new OpenVhsFormatError('Die Datei ist leer.');
  if (text.length > MAX_CSV_CHARS) throw new OpenVhsFormatError('Die Datei ist zu groß (höchstens 50 MB).');
  const source = text.replace(/^\uFEFF/, '');
  const records = readCsv(source, sniffDelimiter(source));
  const header = records[0];
  if (!header || header.fields.every((f) => f.trim() === '')) {
    throw new OpenVhsFormatError('Die erste Zeile muss die Spaltenüberschriften enthalten (siehe Vorlage).');
  }
  const columns = readHeader(header.fields);

  const offers: ParsedOffer[] = [];
  const rejected: ParsedOpenVhs['rejected'] = [];
  const seen = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    const line = record.row;
    const extra = record.fields.slice(columns.length).filter((f) => f.trim() !== '');
    const row = Object.fromEntries(COLUMNS.map(([key]) => [key, ''])) as Row;
    columns.forEach((key, i) => {
      if (key) row[key] = record.fields[i] ?? '';
    });
    const id = oneLine(row.id);
    const ref = id && id.length <= MAX_ID_CHARS ? id : `Zeile ${line}`;
    const reject = (reasons: string[]) =>
      rejected.push({
        ref,
        reason: ref === id ? `Zeile ${line}: ${reasons.join('; ')}` : reasons.join('; '),
      });
    if (extra.length) {
      reject([
        `${record.fields.length} Felder, aber nur ${columns.length} Spalten – Werte mit „${
          record.delimiter
        }“ bitte in Anführungszeichen setzen`,
      ]);
      continue;
    }
    const result = parseRow(row, id);
    if (Array.isArray(result)) {
      reject(result);
    } else if (seen.has(id)) {
      reject([`Die Kennung steht schon in Zeile ${seen.get(id)} (jede Zeile braucht ihre eigene Kennung)`]);
    } else {
      seen.set(id, line);
      offers.push(result);
    }
  }
  return { provider: { ...UPLOAD_PROVIDER }, exportedAt: null, offers, rejected };
}

// ---- CSV reading ---------------------------------------------------------------------------

interface CsvRecord {
  /** Row in the spreadsheet, 1-based (the header is row 1). */
  row: number;
  fields: string[];
  delimiter: string;
}

/** The separator that occurs most often in the header line (outside quotes); ";" on a tie. */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ';';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** RFC 4180 with any separator: "" inside quotes is a quote, line breaks inside quotes are kept. */
function readCsv(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let quoteLine = 1;
  const endField = () => {
    fields.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ row: records.length + 1, fields, delimiter });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else if (ch === '\r') {
        field += '\n';
        if (text[i + 1] === '\n') i++;
        line++;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === delimiter) {
      endField();
    } else if (wasQuoted && (ch === ' ' || ch === '\t')) {
      // Spaces after a closing quote.
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else {
      // Text after a closing quote or a stray quote inside a field: kept as it is.
      field += ch;
    }
  }
  if (quoted) {
    throw new OpenVhsFormatError(
      `Ein Anführungszeichen in Zeile ${records.length + 1} (Textzeile ${quoteLine}) wird nicht geschlossen.`,
    );
  }
  if (field !== '' || wasQuoted || fields.length > 0) endRecord();
  return records;
}

function fold(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .replace(/[^a-z0-9]+/g, '');
}

const HEADER_KEYS = new Map<string, Column>(COLUMNS.map(([key, header]) => [fold(header), key]));

/** The column key of each position (null for empty trailing headers). */
function readHeader(fields: string[]): (Column | null)[] {
  const unknown: string[] = [];
  const seen = new Set<Column>();
  const duplicate: string[] = [];
  const columns = fields.map((raw) => {
    const name = oneLine(raw);
    if (!name) return null;
    const key = HEADER_KEYS.get(fold(name));
    if (!key) unknown.push(`„${name}“`);
    else if (seen.has(key)) duplicate.push(`„${name}“`);
    else seen.add(key);
    return key ?? null;
  });
  if (unknown.length) {
    throw new OpenVhsFormatError(
      `Unbekannte ${unknown.length === 1 ? 'Spalte' : 'Spalten'} ${unknown.join(', ')}. Erlaubt sind: ${CSV_HEADERS.join(', ')}.`,
    );
  }
  if (duplicate.length) {
    throw new OpenVhsFormatError(`Doppelte Spalte ${duplicate.join(', ')}.`);
  }
  for (const required of ['id', 'title'] as const) {
    if (!seen.has(required)) {
      const header = COLUMNS.find(([key]) => key === required)![1];
      throw new OpenVhsFormatError(`Die Spalte „${header}“ fehlt (siehe Vorlage).`);
    }
  }
  return columns;
}

// ---- one row -------------------------------------------------------------------------------

/** The offer, or every reason (German) why the row can't be imported. */
function parseRow(row: Row, id: string): ParsedOffer | string[] {
  const errors: string[] = [];
  const fail: Fail = (message) => {
    errors.push(message);
    return null;
  };

  if (!id) errors.push('Kennung fehlt – ohne sie würde ein zweiter Upload das Angebot doppelt anlegen');
  else if (id.length > MAX_ID_CHARS) errors.push(`Die Kennung ist länger als ${MAX_ID_CHARS} Zeichen`);
  else if (/[\p{Cc}]/u.test(id)) errors.push('Die Kennung enthält Steuerzeichen');

  const title = oneLine(row.title);
  if (title.length < 2) errors.push('Titel fehlt');
  else if (title.length > 300) errors.push('Der Titel ist länger als 300 Zeichen');

  const certificate = oneLine(row.certificate);
  if (certificate.length > 300) errors.push('Der Abschluss ist länger als 300 Zeichen');
  const text = textOf(row.description);
  const description = [text, certificate ? `Abschluss: ${certificate}` : ''].filter(Boolean).join('\n\n');
  const summaryText = oneLine(textOf(row.summary));
  const summary = summaryText ? ellipsis(summaryText, 600) : ellipsis(firstParagraph(text), SUMMARY_MAX);

  const categoryValue = oneLine(row.category);
  let category: Category | null = null;
  if (categoryValue) {
    category =
      categoryOf(categoryValue) ??
      fail(
        `Unbekannter Bereich „${categoryValue}“ (erlaubt: ${Object.values(CATEGORY_LABELS)
          .map((l) => `„${l}“`)
          .join(', ')})`,
      );
  }

  const languageValue = oneLine(row.language);
  let language: string | null = null;
  if (languageValue) {
    language =
      languageOf(languageValue) ?? fail(`Unbekannte Unterrichtssprache „${languageValue}“ (z. B. de, en)`);
  }
  const levelValue = oneLine(row.level);
  const level = levelValue
    ? (cefrFrom(levelValue.toUpperCase()) ?? fail(`Ungültiges Sprachniveau „${levelValue}“ (A1 bis C2)`))
    : null;

  // Dates, days, times.
  const begin = day(row.begin, 'Beginndatum', fail);
  const end = day(row.end, 'Enddatum', fail);
  if (begin && end && begin > end) errors.push('Beginn liegt nach dem Ende');
  if (end && !begin && !oneLine(row.begin)) errors.push('Beginn fehlt (Ende ist angegeben)');
  const weekdays = readWeekdays(row.weekdays, fail);
  const from = clock(row.from, 'Uhrzeit von', fail);
  const to = clock(row.to, 'Uhrzeit bis', fail);
  if (from && !to && !oneLine(row.to)) errors.push('Uhrzeit bis fehlt');
  if (to && !from && !oneLine(row.from)) errors.push('Uhrzeit von fehlt');
  if (from && to && to <= from) errors.push('Uhrzeit bis muss nach Uhrzeit von liegen');

  const format = readFormat(row.format, fail);
  const venue = format === 'online' ? null : readVenue(row, fail);

  const priceValue = oneLine(row.price);
  let priceCents: number | null = null;
  if (priceValue) {
    const cents = readEuroCents(priceValue);
    if (cents === 'invalid' || cents === null) errors.push(`Ungültiger Preis „${priceValue}“ (z. B. 89,50)`);
    else if (cents > MAX_EUROS * 100) errors.push(`Preis „${priceValue}“ ist unplausibel hoch`);
    else priceCents = cents;
  }
  const funding = readFunding(row.funding);
  if (funding.free) {
    if (priceCents !== null && priceCents > 0) {
      errors.push(`Förderung „kostenlos“ passt nicht zum Preis „${priceValue}“`);
    } else priceCents = 0;
  }
  const facts = readFacts(row, fail);
  const last = end ?? begin;
  if (facts.deadline && last && facts.deadline > last) errors.push('Der Anmeldeschluss liegt nach dem Ende');
  if (facts.azavNumber && !funding.values.includes('azav') && !funding.values.includes('bildungsgutschein'))
    errors.push('Eine AZAV-Maßnahmenummer gibt es nur mit Förderung „Bildungsgutschein“ oder „AZAV“');

  if (errors.length) return errors;

  // Sessions from the weekly pattern; without Wochentage a short range is a block course.
  let dates: string[] = [];
  if (begin) {
    const last = end ?? (weekdays.length ? null : begin);
    if (weekdays.length) {
      if (last) {
        const found = datesOfPattern(begin, last, weekdays);
        if (found === null) return [`Zu viele Termine (mehr als ${MAX_SESSIONS})`];
        if (found.length === 0) return ['Zwischen Beginn und Ende liegt keiner der angegebenen Wochentage'];
        dates = found;
      }
    } else if (last && from) {
      const days = (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${begin}T00:00:00Z`)) / 86_400_000 + 1;
      if (days > BLOCK_DAYS) {
        return [
          `Wochentage fehlen: bei mehr als ${BLOCK_DAYS} Tagen zwischen Beginn und Ende bitte die Wochentage angeben (z. B. Mo,Mi)`,
        ];
      }
      dates = datesOfPattern(begin, last, [1, 2, 3, 4, 5, 6, 7]) ?? [];
    }
  }
  const sessions: ParsedSession[] =
    from && to ? dates.map((d) => ({ starts_at: berlinIso(d, from), ends_at: berlinIso(d, to) })) : [];
  const runWeekdays = weekdays.length
    ? weekdays
    : [...new Set(sessions.map((s) => isoWeekday(s.starts_at.slice(0, 10))))].sort((a, b) => a - b);

  const finalCategory = category ?? guessCategory(title, [], instructionLanguage(title));
  const offerFunding = new Set<Funding>(funding.values);
  if (mentionsBildungsurlaub([title])) offerFunding.add('bildungsurlaub');
  if (priceCents === 0) offerFunding.add('free');

  return {
    external_id: id,
    course_number: null,
    title,
    subtitle: null,
    summary,
    description,
    category: finalCategory,
    keywords: normaliseKeywords(funding.keywords),
    target_groups: [],
    language: language ?? (finalCategory === 'sprachen' ? instructionLanguage(title) : 'de'),
    cefr_level:
      level ??
      (finalCategory === 'sprachen' || finalCategory === 'deutsch_integration' ? cefrFrom(title) : null),
    funding: [...offerFunding],
    website: null,
    entry_requirements: facts.requirements,
    entry_cefr_level: facts.entryLevel,
    entry_note: facts.entryNote,
    late_entry: facts.lateEntry,
    registration_url: facts.registrationUrl,
    registration_email: facts.registrationEmail,
    registration_phone: facts.registrationPhone,
    registration_note: facts.registrationNote,
    azav_measure_number: facts.azavNumber,
    run: {
      external_id: id,
      starts_on: begin,
      ends_on: end ?? (sessions.length ? dates.at(-1)! : null),
      session_count: dates.length || null,
      weekdays: runWeekdays,
      starts_at: from,
      ends_at: to,
      time_of_day: from ? timeOfDay(from) : null,
      format,
      price_cents: priceCents,
      price_note: null,
      seats: facts.seats,
      seats_status: facts.seatsStatus,
      registration_deadline: facts.deadline,
      teaching_units: facts.teachingUnits,
      venue,
      sessions,
    },
  };
}

const SEATS_STATUS: Record<string, SeatsStatus> = {
  frei: 'available',
  freieplaetze: 'available',
  nochplaetzefrei: 'available',
  available: 'available',
  wenige: 'few',
  wenigeplaetze: 'few',
  few: 'few',
  ausgebucht: 'full',
  voll: 'full',
  full: 'full',
  warteliste: 'waiting_list',
  waitinglist: 'waiting_list',
};

const YES = ['ja', 'j', 'x', 'yes', 'true', 'wahr', '1'];
const NO = ['nein', 'n', 'no', 'false', 'falsch', '0'];

/** The optional columns about seats, registration and requirements; each bad value is an error. */
function readFacts(row: Row, fail: Fail) {
  const count = (value: string, label: string, max: number) => {
    const v = oneLine(value);
    if (!v) return null;
    if (!/^\d{1,5}$/.test(v) || Number(v) > max) return fail(`Ungültige ${label} „${v}“ (eine ganze Zahl)`);
    return Number(v) > 0 ? Number(v) : null;
  };
  // In column order, so the reasons read as the row does.
  const seats = count(row.seats, 'Zahl der Plätze', 10_000);
  const statusValue = oneLine(row.seatsStatus);
  const seatsStatus = statusValue
    ? (SEATS_STATUS[fold(statusValue)] ??
      fail(`Unbekannter Platzstatus „${statusValue}“ (frei, wenige, ausgebucht oder Warteliste)`))
    : null;
  const teachingUnits = count(row.teachingUnits, 'Zahl der Unterrichtseinheiten', 10_000);
  const deadline = day(row.deadline, 'Anmeldeschluss', fail);
  const requirementsValue = oneLine(row.requirements);
  let requirements: EntryRequirement[] | null = null;
  if (requirementsValue) {
    const read = readRequirements(requirementsValue);
    requirements =
      read.requirements ??
      fail(
        `Unbekannte Voraussetzungen „${requirementsValue}“ (keine, Schulabschluss, Berufsausbildung oder Berufserfahrung; Weiteres unter „Hinweis zu Voraussetzungen“)`,
      );
  }
  const levelValue = oneLine(row.entryLevel);
  const entryLevel = levelValue
    ? (cefrFrom(levelValue.toUpperCase()) ?? fail(`Ungültiges Deutschniveau „${levelValue}“ (A1 bis C2)`))
    : null;
  const lateValue = oneLine(row.lateEntry).toLowerCase();
  if (lateValue && !YES.includes(lateValue) && !NO.includes(lateValue))
    fail(`Späterer Einstieg: „${oneLine(row.lateEntry)}“ ist weder ja noch nein`);
  const url = oneLine(row.registrationUrl);
  if (url && (!/^https?:\/\/[^\s]+\.[^\s]+$/.test(url) || url.length > 500))
    fail(`Ungültige Internetadresse der Anmeldung „${url}“ (beginnt mit https://)`);
  const email = oneLine(row.registrationEmail).toLowerCase();
  if (email && (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254))
    fail(`Ungültige E-Mail-Adresse der Anmeldung „${email}“`);
  const phone = oneLine(row.registrationPhone);
  if (phone && (!/^[+\d][\d\s/()-]{4,}$/.test(phone) || phone.length > 40))
    fail(`Ungültige Telefonnummer der Anmeldung „${phone}“`);
  const long = (value: string, label: string, max: number) => {
    const v = textOf(value);
    if (v.length > max) fail(`${label} ist länger als ${max} Zeichen`);
    return v || null;
  };
  const azavNumber = oneLine(row.azavNumber);
  if (azavNumber.length > 60) fail('Die AZAV-Maßnahmenummer ist länger als 60 Zeichen');
  return {
    seats,
    seatsStatus,
    teachingUnits,
    deadline,
    requirements,
    entryLevel,
    entryNote: long(row.entryNote, 'Der Hinweis zu Voraussetzungen', 1000),
    lateEntry: YES.includes(lateValue),
    registrationUrl: url || null,
    registrationEmail: email || null,
    registrationPhone: phone || null,
    registrationNote: long(row.registrationNote, 'Der Hinweis zur Anmeldung', 1000),
    azavNumber: azavNumber || null,
  };
}

type Fail = (message: string) => null;

function day(value: string, label: string, fail: Fail): string | null {
  const raw = oneLine(value);
  const parsed = berlinLocal(raw);
  if (parsed === 'invalid') return fail(`Ungültiges ${label} „${raw}“ (TT.MM.JJJJ oder JJJJ-MM-TT)`);
  return parsed ? parsed.date : null;
}

function clock(value: string, label: string, fail: Fail): string | null {
  const raw = oneLine(value);
  const parsed = readClock(raw);
  if (parsed === 'invalid') return fail(`Ungültige ${label} „${raw}“ (z. B. 18:00)`);
  return parsed;
}

/** "Mo,Mi", "Mo, Mi", "Montag und Mittwoch", "Mo-Fr", "Di bis Do" → ISO weekdays, ascending. */
function readWeekdays(value: string, fail: Fail): number[] {
  const raw = oneLine(value);
  if (!raw) return [];
  const days = new Set<number>();
  const parts = raw
    .replace(/\s*(?:[-–]|\bbis\b)\s*/gi, '-')
    .split(/\s*(?:[,;/+&]|\bund\b)\s*|\s+/i)
    .filter(Boolean);
  for (const part of parts) {
    const [a, b, ...rest] = part.split('-');
    const first = weekdayFromGerman(a ?? '');
    const last = b === undefined ? first : weekdayFromGerman(b);
    if (!first || !last || rest.length || last < first) {
      fail(`Ungültige Wochentage „${raw}“ (z. B. Mo,Mi oder Mo-Fr)`);
      return [];
    }
    for (let d = first; d <= last; d++) days.add(d);
  }
  return [...days].sort((x, y) => x - y);
}

function readFormat(value: string, fail: Fail): OfferFormat {
  const v = fold(value);
  if (v === '' || ['vorort', 'praesenz', 'inperson', 'onsite', 'persoenlich'].includes(v)) return 'in_person';
  if (v === 'online' || v === 'digital') return 'online';
  if (['hybrid', 'vorortundonline', 'blended'].includes(v)) return 'hybrid';
  fail(`Unbekanntes Format „${oneLine(value)}“ (vor Ort, online oder hybrid)`);
  return 'in_person';
}

function readVenue(row: Row, fail: Fail): ParsedVenue | null {
  const name = oneLine(row.place);
  const street = oneLine(row.street) || null;
  const city = oneLine(row.city) || null;
  const plz = oneLine(row.postcode);
  let postcode: string | null = null;
  // Excel drops the leading zero of 01067 when the column is a number.
  if (/^\d{5}$/.test(plz)) postcode = plz;
  else if (/^\d{4}$/.test(plz)) postcode = `0${plz}`;
  else if (plz) fail(`Ungültige PLZ „${plz}“ (fünf Ziffern)`);
  const accessibleValue = oneLine(row.accessible).toLowerCase();
  let accessible: boolean | null = null;
  if (['ja', 'j', 'x', 'yes', 'true', 'wahr', '1'].includes(accessibleValue)) accessible = true;
  else if (['nein', 'n', 'no', 'false', 'falsch', '0'].includes(accessibleValue)) accessible = false;
  else if (accessibleValue) fail(`Barrierefrei: „${oneLine(row.accessible)}“ ist weder ja noch nein`);
  if (name.length > 200 || (street?.length ?? 0) > 200 || (city?.length ?? 0) > 200) {
    fail('Ort, Straße oder Stadt ist länger als 200 Zeichen');
  }
  if (!name && !street && !postcode && !city) return null;
  return { name: name || street || city || postcode!, street, postcode, city, district: null, accessible };
}

function categoryOf(value: string): Category | null {
  const v = fold(value);
  return CATEGORIES.find((c) => fold(c) === v || fold(CATEGORY_LABELS[c]) === v) ?? null;
}

/** "de", "de-DE", "Deutsch", "Englisch", "English", "DGS" → a language code. */
function languageOf(value: string): string | null {
  const s = value.toLowerCase();
  const tag = s.match(/^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})?$/);
  if (tag && !/^(dgs)$/.test(s)) return tag[1]!;
  if (/^(deutsch|german)\b/.test(s)) return 'de';
  const named = instructionLanguage(value);
  return named === 'de' ? null : named;
}

/**
 * "Bildungsgutschein, AZAV, Bildungsurlaub, kostenlos": the catalogue's programmes are their
 * own values (kostenlos makes the price 0); any other programme is "other" and kept as a
 * keyword, so it can be found.
 */
function readFunding(value: string): { values: Funding[]; free: boolean; keywords: string[] } {
  const values = new Set<Funding>();
  const keywords: string[] = [];
  let free = false;
  for (const part of oneLine(value).split(/\s*[,;/]\s*|\s+und\s+/)) {
    const item = part.trim();
    const v = item.toLowerCase();
    if (!v || /^(keine?|nein|-|–)$/.test(v)) continue;
    if (/bildungsurlaub|bildungszeit|bildungsfreistellung/.test(v)) values.add('bildungsurlaub');
    else if (/kostenlos|kostenfrei|gratis|entgeltfrei|gebührenfrei|^free$/.test(v)) free = true;
    else if (/bildungsgutschein|azav|aufstiegs|meister/.test(v)) {
      if (/bildungsgutschein/.test(v)) values.add('bildungsgutschein');
      if (/azav/.test(v)) values.add('azav');
      if (/aufstiegs|meister/.test(v)) values.add('aufstiegs_bafoeg');
    } else {
      values.add('other');
      if (!/^andere|^sonstige/.test(v)) keywords.push(item);
    }
  }
  return { values: [...values], free, keywords };
}
