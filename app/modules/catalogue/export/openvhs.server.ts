import type { ExportOffer, ExportRun } from '../../../../db/queries/export.server';
import { htmlToText, mapCategory } from '../import/openvhs';
import type { Category } from '../schemas';

/**
 * Writes offers as Open-vhs 1.2 XML, the format our importer reads (../import/openvhs.ts), so
 * that a provider's export imported into an empty Wegweiser gives the same offers.
 *
 * What the format (and so our importer) dictates:
 * - One provider per file: a file has exactly one <export><ersteller>, and every
 *   <veranstaltung> belongs to it. A provider export is one such file.
 * - One <veranstaltung> is one run with its dates (<termin>). An offer with several runs is
 *   written as several records (guid per run); imported again, each is an offer of its own.
 * - No field for the language of instruction, the kind, the certificate, accessibility notes,
 *   entry requirements, late entry, registration contacts other than the booking link, the
 *   registration deadline, teaching units, seat states or the AZAV measure number, or funding
 *   other than what an importer infers (Bildungsurlaub, free, BAMF); categories
 *   travel as DVV area codes (+ the area label as keyword when needed), so
 *   "berufliche_weiterbildung" and "beratung" come back as the nearest DVV area.
 *
 * The whole-catalogue file holds many providers. Since <ersteller> is the one who made the
 * export, there it is this portal; each record names its provider in an extension element
 * (<wegweiser:anbieter>, own namespace, ignored by Open-vhs readers), records are grouped by
 * provider, and guids are the portal's ("wegweiser-<offer>-<run>"), unique across providers.
 */

export const OPENVHS_NS = 'http://www.dvv-vhs.de/Open-VHS';
export const EXTENSION_NS = 'urn:x-wegweiser:open-vhs:1';

// ---- escaping ------------------------------------------------------------------------------

/** Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text or attribute value for XML: markup characters escaped, forbidden characters dropped. */
export function escapeXml(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(NOT_XML, '')
    .replace(/[&<>"']/g, (c) => XML_ENTITY[c]!);
}

/**
 * Open-vhs text fields may carry HTML, and readers (ours too) strip tags and decode entities in
 * them. Plain text stays plain; only what a reader would take for markup is escaped: "<" and
 * an "&" that starts an entity ("&amp;" as text stays "&amp;").
 */
export function htmlSafe(value: string): string {
  return value.replace(/&(?=#x[0-9a-f]+;|#\d+;|[a-z]+;)/gi, '&amp;').replace(/</g, '&lt;');
}

/** `<name>text</name>`, or nothing for an empty value. */
function el(name: string, value: string | number | null | undefined, pad: string): string {
  if (value === null || value === undefined || value === '') return '';
  return `${pad}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** Same for a text field (title, keywords, names): see htmlSafe. */
function textEl(name: string, value: string | null | undefined, pad: string): string {
  return value ? el(name, htmlSafe(value), pad) : '';
}

// ---- the document --------------------------------------------------------------------------

export interface OpenVhsDocument {
  creator: { guid: string; name: string };
  /** <erstellungszeitpunkt>, ISO 8601. */
  exportedAt: string;
  /** Whole-catalogue file (several providers): portal guids, provider and link per record. */
  catalogue?: { baseUrl: string };
}

export function openVhsHeader(doc: OpenVhsDocument): string {
  const ns = doc.catalogue ? ` xmlns:wegweiser="${EXTENSION_NS}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<openvhs:veranstaltungen version="1.2" xmlns:openvhs="${OPENVHS_NS}"${ns}>
  <export>
${el('erstellungszeitpunkt', doc.exportedAt, '    ')}    <ersteller>
${el('guid', doc.creator.guid, '      ')}${textEl('name', doc.creator.name, '      ')}    </ersteller>
  </export>
`;
}

export const OPENVHS_FOOTER = '</openvhs:veranstaltungen>\n';

/**
 * The whole document, batch by batch. `usedGuids` spans the file: a guid that would repeat
 * (the importer drops repeats) falls back to the portal's own.
 */
export async function* openVhsChunks(
  batches: AsyncIterable<ExportOffer[]>,
  doc: OpenVhsDocument,
): AsyncGenerator<string> {
  yield openVhsHeader(doc);
  const usedGuids = new Set<string>();
  for await (const batch of batches) {
    let chunk = '';
    for (const offer of batch) chunk += offerRecords(offer, { catalogue: doc.catalogue, usedGuids });
    if (chunk) yield chunk;
  }
  yield OPENVHS_FOOTER;
}

// ---- records -------------------------------------------------------------------------------

export interface RecordOptions {
  catalogue?: { baseUrl: string } | undefined;
  usedGuids: Set<string>;
}

/** The <veranstaltung> records of one offer: one per scheduled run, one without dates if it has none. */
export function offerRecords(offer: ExportOffer, options: RecordOptions): string {
  const runs = offer.runs.filter((r) => r.status === 'scheduled');
  if (runs.length === 0) return record(offer, null, guidFor(offer, null, runs, options), options);
  return runs.map((run) => record(offer, run, guidFor(offer, run, runs, options), options)).join('');
}

/** What the importer accepts as a guid. */
const GUID = /^[\p{L}\p{N}._:/-]{1,100}$/u;

function guidFor(offer: ExportOffer, run: ExportRun | null, runs: ExportRun[], options: RecordOptions) {
  const portal = run ? `wegweiser-${offer.id}-${run.id}` : `wegweiser-${offer.id}`;
  let guid = portal;
  if (!options.catalogue) {
    // A provider's file keeps the provider's own ids, so importing it again updates, not duplicates.
    const base =
      offer.external_id && GUID.test(offer.external_id) ? offer.external_id : `wegweiser-${offer.id}`;
    if (!run || runs.length === 1) guid = base;
    else {
      const own = run.external_id;
      const distinct = own && own !== base && runs.filter((r) => r.external_id === own).length === 1;
      const candidate = distinct ? own : `${base}-${run.id}`;
      guid = GUID.test(candidate) ? candidate : portal;
    }
  }
  if (options.usedGuids.has(guid)) guid = portal;
  options.usedGuids.add(guid);
  return guid;
}

function record(offer: ExportOffer, run: ExportRun | null, guid: string, options: RecordOptions): string {
  const p = '    ';
  const keywords = keywordsFor(offer);
  const code = DVV_CODE[offer.category as Category];
  let xml = '  <veranstaltung>\n';
  xml += el('guid', guid, p);
  xml += el('nummer', offer.course_number, p);
  xml += textEl('name', offer.title, p);
  xml += textEl('untertitel', offer.subtitle, p);
  if (code) xml += `${p}<dvv_kategorie version="2.0">${code}</dvv_kategorie>\n`;
  xml += el('level', offer.cefr_level, p);
  if (run) {
    xml += el('maximale_teilnehmerzahl', run.seats, p);
    xml += el('anzahl_termine', run.session_count, p);
    xml += el('beginn_datum', run.starts_on, p);
    xml += el('ende_datum', run.ends_on, p);
  }
  for (const group of offer.target_groups) xml += textEl('zielgruppe', group, p);
  for (const keyword of keywords) xml += textEl('schlagwort', keyword, p);
  for (const text of textsFor(offer.summary, offer.description)) {
    xml += `${p}<text>\n${el('eigenschaft', text.kind, `${p}  `)}${el('text', htmlSafe(text.text), `${p}  `)}${p}</text>\n`;
  }
  if (run) {
    xml += places(run, p);
    for (const s of run.sessions) xml += termin(s.local_start, s.local_end, p);
    if (run.price_cents !== null || run.price_note) {
      xml += `${p}<preis>\n`;
      if (run.price_cents !== null) xml += el('betrag', (run.price_cents / 100).toFixed(2), `${p}  `);
      xml += textEl('zusatz', run.price_note, `${p}  `);
      xml += `${p}</preis>\n`;
    }
  }
  if (offer.website && /^https?:\/\/\S+$/i.test(offer.website)) {
    xml += `${p}<webadresse>\n${el('typ', 'website', `${p}  `)}${el('uri', offer.website, `${p}  `)}${p}</webadresse>\n`;
  }
  // The booking page, named as course systems name theirs ("zur Kursbuchung"), so readers
  // (ours too) take it for the registration link.
  if (offer.registration_url && /^https?:\/\/\S+$/i.test(offer.registration_url)) {
    xml += `${p}<webadresse>\n${el('typ', 'anmeldung', `${p}  `)}${textEl('name', 'zur Anmeldung', `${p}  `)}${el('uri', offer.registration_url, `${p}  `)}${p}</webadresse>\n`;
  }
  if (options.catalogue) {
    const base = options.catalogue.baseUrl;
    xml += `${p}<webadresse>\n${el('typ', 'wegweiser', `${p}  `)}${el('uri', `${base}/angebote/${offer.id}`, `${p}  `)}${p}</webadresse>\n`;
    const provider = offer.provider;
    xml += `${p}<wegweiser:anbieter>\n`;
    xml += el('wegweiser:guid', provider.external_ref ?? `wegweiser-anbieter-${provider.id}`, `${p}  `);
    xml += textEl('wegweiser:name', provider.name, `${p}  `);
    xml += el('wegweiser:uri', `${base}/anbieter/${provider.slug}`, `${p}  `);
    xml += `${p}</wegweiser:anbieter>\n`;
  }
  return `${xml}  </veranstaltung>\n`;
}

/**
 * Places: the venue, and an "Online" place for online and hybrid runs (how course systems
 * mark them; readers take a place without address named "Online" as the virtual room).
 */
function places(run: ExportRun, p: string): string {
  let xml = '';
  const v = run.venue;
  if (v && run.format !== 'online') {
    xml += `${p}<veranstaltungsort>\n`;
    xml += textEl('name', v.name, `${p}  `);
    xml += `${p}  <adresse>\n`;
    xml += el('land', 'Deutschland', `${p}    `);
    xml += el('plz', v.postcode, `${p}    `);
    xml += textEl('ort', v.city, `${p}    `);
    xml += textEl('ortsteil', v.district, `${p}    `);
    xml += textEl('strasse', v.street, `${p}    `);
    xml += `${p}  </adresse>\n`;
    if (v.accessible !== null) xml += el('barrierefrei', String(v.accessible), `${p}  `);
    xml += `${p}</veranstaltungsort>\n`;
  }
  if (run.format !== 'in_person') {
    xml += `${p}<veranstaltungsort>\n${el('name', 'Online', `${p}  `)}${p}</veranstaltungsort>\n`;
  }
  return xml;
}

/** One session; `local_*` are Europe/Berlin wall-clock `YYYY-MM-DDTHH:MM`. */
function termin(localStart: string, localEnd: string, p: string): string {
  const [startDay, startTime] = localStart.split('T') as [string, string];
  const [endDay, endTime] = localEnd.split('T') as [string, string];
  let xml = `${p}<termin>\n`;
  xml += el('beginn_datum', startDay, `${p}  `);
  xml += el('beginn_uhrzeit', `${startTime}:00`, `${p}  `);
  if (endDay !== startDay) xml += el('ende_datum', endDay, `${p}  `);
  xml += el('ende_uhrzeit', `${endTime}:00`, `${p}  `);
  return `${xml}${p}</termin>\n`;
}

// ---- category, funding and texts as Open-vhs readers infer them ----------------------------

/** DVV programme areas (the leading number of a DVV category code); 4.04 is German as a second language. */
const DVV_CODE: Record<Category, string | null> = {
  politik_gesellschaft_umwelt: '1',
  kultur_gestalten: '2',
  gesundheit: '3',
  sprachen: '4',
  deutsch_integration: '4.04',
  arbeit_beruf_digitales: '5',
  berufliche_weiterbildung: '5',
  grundbildung_schulabschluesse: '6',
  beratung: null,
};

/** The programme-area labels course systems put among the keywords (they outrank DVV codes). */
const AREA_LABEL: Partial<Record<Category, string>> = {
  politik_gesellschaft_umwelt: 'Politik-Gesellschaft-Umwelt',
  kultur_gestalten: 'Kultur-Gestalten',
  gesundheit: 'Gesundheit',
  sprachen: 'Sprachen',
  arbeit_beruf_digitales: 'Arbeit-Beruf-EDV',
  grundbildung_schulabschluesse: 'Grundbildung-Schulabschlüsse',
};

/**
 * The offer's keywords, plus what a reader needs to infer the same facts: the area label when
 * the keywords would otherwise point to another category, and the course systems' flags for
 * Bildungsurlaub and BAMF funding (flags are not kept as keywords by readers).
 */
function keywordsFor(offer: ExportOffer): string[] {
  const keywords = [...offer.keywords];
  const category = offer.category as Category;
  const code = DVV_CODE[category] ?? '';
  const label = AREA_LABEL[category];
  if (label && mapCategory({ code, title: offer.title, keywords }) !== category) {
    const labelled = [...keywords, label];
    if (mapCategory({ code, title: offer.title, keywords: labelled }) === category) keywords.push(label);
  }
  if (offer.funding.includes('bildungsurlaub')) keywords.push('besonderheit_bildungszeit');
  if (offer.funding.includes('other') && category === 'deutsch_integration' && !bamfNamed(offer)) {
    keywords.push('BAMF course funding reported');
  }
  return keywords;
}

function bamfNamed(offer: ExportOffer): boolean {
  return (
    /integrationskurs|orientierungskurs|alphabetisierung|\balpha\b|berufssprachkurs|deuföv|\bDTZ\b/i.test(
      offer.title,
    ) || offer.keywords.some((k) => /\bbamf\b|integration course|orientation course/i.test(k))
  );
}

/**
 * <text> records for summary and description. A reader takes the description from all texts and
 * the summary from a short text ("kurztext"), else from the first paragraph: so the summary is
 * written separately only when it cannot be read off the description.
 */
export function textsFor(summary: string, description: string): { kind: string; text: string }[] {
  const s = summary.trim();
  const d = description.trim();
  if (!d) return s ? [{ kind: 'text', text: s }] : [];
  if (!s || summaryOf(d) === s) return [{ kind: 'text', text: d }];
  if (d.startsWith(s)) {
    const rest = d.slice(s.length).trim();
    return rest
      ? [
          { kind: 'kurztext', text: s },
          { kind: 'text', text: rest },
        ]
      : [{ kind: 'kurztext', text: s }];
  }
  return [
    { kind: 'kurztext', text: s },
    { kind: 'text', text: d },
  ];
}

const SUMMARY_MAX = 300;

/** The summary a reader derives from a text: its first paragraph on one line, at most 300 characters. */
function summaryOf(text: string): string {
  const paragraph =
    htmlToText(htmlSafe(text))
      .split(/\n\s*\n/)
      .find((x) => x.trim()) ?? '';
  const line = paragraph.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
  if (line.length <= SUMMARY_MAX) return line;
  const cut = line.slice(0, SUMMARY_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUMMARY_MAX * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
