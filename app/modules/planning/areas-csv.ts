import { parseCsv } from '../../../db/reference/csv';
import { slugify } from '../../utils/slug';

/**
 * The inhabitants table the education office uploads: one line per district (of the city)
 * or municipality (of the county) with its inhabitants and postcodes, as the municipal
 * statistics office delivers it. Pure: no database.
 *
 *   Gebiet;Art;Einwohner;Postleitzahlen
 *   Mitte;Stadtteil;19450;34117
 *   Baunatal;Gemeinde;28104;34225
 *
 * UTF-8 (a BOM is fine), separated by ";" (German Excel) or ",", English headers
 * (area, kind, inhabitants, postcodes) work too. Postcodes are separated by spaces (or
 * commas inside quotes); each belongs to one area only.
 */
export interface ParsedArea {
  code: string;
  name: string;
  kind: 'district' | 'municipality';
  inhabitants: number;
  postcodes: string[];
}

export type AreaCsvProblem =
  | { line: 0; code: 'empty' | 'header' | 'tooMany' }
  | {
      line: number;
      code: 'name' | 'kind' | 'inhabitants' | 'postcode' | 'duplicateName' | 'duplicatePostcode';
      value?: string;
    };

export const MAX_AREAS = 500;
export const MAX_AREAS_BYTES = 200_000;
const MAX_INHABITANTS = 10_000_000;

const HEADERS: Record<string, 'name' | 'kind' | 'inhabitants' | 'postcodes'> = {
  gebiet: 'name',
  area: 'name',
  name: 'name',
  art: 'kind',
  gebietsart: 'kind',
  kind: 'kind',
  type: 'kind',
  einwohner: 'inhabitants',
  einwohnerzahl: 'inhabitants',
  inhabitants: 'inhabitants',
  population: 'inhabitants',
  postleitzahlen: 'postcodes',
  plz: 'postcodes',
  postcodes: 'postcodes',
};

const KINDS: Record<string, ParsedArea['kind']> = {
  stadtteil: 'district',
  stadtbezirk: 'district',
  ortsbezirk: 'district',
  district: 'district',
  gemeinde: 'municipality',
  stadt: 'municipality',
  municipality: 'municipality',
};

/** A CSV field back as text the way the office wrote it: spaces folded, at most 120 characters. */
const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export function parseAreasCsv(text: string): { areas: ParsedArea[]; problems: AreaCsvProblem[] } {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  const rows = parseCsv(body, delimiter).filter((r) => r.some((f) => f.trim() !== ''));
  if (rows.length < 2) return { areas: [], problems: [{ line: 0, code: 'empty' }] };
  if (rows.length - 1 > MAX_AREAS) return { areas: [], problems: [{ line: 0, code: 'tooMany' }] };
  const header = rows[0]!.map((h) => HEADERS[clean(h).toLowerCase()]);
  const column = (key: 'name' | 'kind' | 'inhabitants' | 'postcodes') => header.indexOf(key);
  if (column('name') < 0 || column('inhabitants') < 0)
    return { areas: [], problems: [{ line: 0, code: 'header' }] };

  const areas: ParsedArea[] = [];
  const problems: AreaCsvProblem[] = [];
  const names = new Map<string, number>();
  const postcodes = new Map<string, number>();
  rows.slice(1).forEach((row, index) => {
    const line = index + 2;
    const name = clean(row[column('name')]);
    const code = slugify(name, 60);
    if (!name || name.length > 120 || !code) {
      problems.push({ line, code: 'name' });
      return;
    }
    if (names.has(code)) problems.push({ line, code: 'duplicateName', value: name });
    names.set(code, line);

    const kindText = column('kind') >= 0 ? clean(row[column('kind')]).toLowerCase() : '';
    const kind = kindText === '' ? 'municipality' : KINDS[kindText];
    if (!kind) problems.push({ line, code: 'kind', value: kindText });

    const inhabitantsText = clean(row[column('inhabitants')]).replace(/[.\s\u00a0']/g, '');
    const inhabitants = /^\d{1,8}$/.test(inhabitantsText) ? Number(inhabitantsText) : Number.NaN;
    if (!Number.isSafeInteger(inhabitants) || inhabitants > MAX_INHABITANTS)
      problems.push({ line, code: 'inhabitants', value: clean(row[column('inhabitants')]) });

    const codes =
      column('postcodes') >= 0
        ? clean(row[column('postcodes')])
            .split(/[\s,]+/)
            .filter(Boolean)
        : [];
    for (const postcode of codes) {
      if (!/^\d{5}$/.test(postcode)) problems.push({ line, code: 'postcode', value: postcode });
      else if (postcodes.has(postcode)) problems.push({ line, code: 'duplicatePostcode', value: postcode });
      else postcodes.set(postcode, line);
    }
    if (kind && Number.isSafeInteger(inhabitants))
      areas.push({
        code,
        name,
        kind,
        inhabitants,
        postcodes: [...new Set(codes)].filter((p) => /^\d{5}$/.test(p)),
      });
  });
  return problems.length > 0 ? { areas: [], problems } : { areas, problems };
}

/** The table as a CSV again (to download, change and upload): the upload's own format. */
export function areasToCsv(areas: readonly Omit<ParsedArea, 'code'>[]): string {
  const quote = (s: string) => (/[;"\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = areas.map((a) =>
    [
      quote(a.name),
      a.kind === 'district' ? 'Stadtteil' : 'Gemeinde',
      String(a.inhabitants),
      a.postcodes.join(' '),
    ].join(';'),
  );
  return `\uFEFFGebiet;Art;Einwohner;Postleitzahlen\r\n${lines.join('\r\n')}\r\n`;
}
