import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flatten } from './check';

/**
 * Language of parts (WCAG 3.1.2): a German term inside another language's text is marked
 * `<de>…</de>` so that it is rendered as `<span lang="de">` (see RichText) and a screen
 * reader pronounces it in German. This scans the texts of the shell, the static pages and
 * the search page for the German terms the portal uses and fails on an unmarked one.
 */
const dir = path.dirname(fileURLToPath(import.meta.url));
const OTHER_LANGUAGES = ['en', 'tr', 'ar', 'uk', 'ru'];
const SCANNED: { ns: string; subtrees?: string[] }[] = [
  { ns: 'common' },
  { ns: 'pages' },
  { ns: 'catalogue', subtrees: ['search', 'filters', 'hit', 'times', 'formats', 'categories'] },
];
const GERMAN_TERMS = [
  'Bildungsgutschein',
  'Volkshochschule',
  'Leichte Sprache',
  'Leichter Sprache',
  'Jobcenter',
  'Bildungsberatung',
  'Bildungsbüro',
  'Impressum',
  'Datenschutz',
  'Barrierefreiheit',
  'Gebärdensprache',
  'Aufsichtsbehörde',
  'Schlichtungsstelle',
  'Durchsetzungsverfahren',
  'Umschulung',
  'Weiterbildung',
  'Maßnahmen',
  'Deutschkurs',
  'Integrationskurs',
  'Berufssprachkurs',
  'Aufstiegs-BAföG',
  'Bildungsurlaub',
  'DSGVO',
];

/** The German terms left once the marked parts are taken out. */
function unmarkedGermanTerms(text: string): string[] {
  const outside = text.replace(/<de>.*?<\/de>/g, ' ');
  return GERMAN_TERMS.filter((term) =>
    new RegExp(`(?<![\\p{L}-])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u').test(outside),
  );
}

function texts(lng: string): [string, string][] {
  return SCANNED.flatMap(({ ns, subtrees }) =>
    Object.entries(flatten(JSON.parse(readFileSync(path.join(dir, lng, `${ns}.json`), 'utf8'))))
      .filter(([key]) => !subtrees || subtrees.includes(key.split('.')[0]!))
      .map(([key, text]): [string, string] => [`${lng}/${ns}:${key}`, text]),
  );
}

describe('German terms in other languages', () => {
  it('are marked <de>…</de> in the shell, the static pages and the search page', () => {
    const unmarked = OTHER_LANGUAGES.flatMap((lng) =>
      texts(lng)
        .map(([where, text]) => [where, unmarkedGermanTerms(text)] as const)
        .filter(([, terms]) => terms.length > 0)
        .map(([where, terms]) => `${where}: ${terms.join(', ')}`),
    );
    expect(unmarked).toEqual([]);
  });

  it('are marked with well-formed, unnested marks, and German texts have none', () => {
    const bad: string[] = [];
    for (const lng of [...OTHER_LANGUAGES, 'de', 'ls']) {
      for (const [where, text] of texts(lng)) {
        const marks = text.match(/<\/?de>/g) ?? [];
        const wellFormed = marks.every((m, i) => m === (i % 2 === 0 ? '<de>' : '</de>'));
        if (!wellFormed || marks.length % 2 !== 0) bad.push(`${where}: unbalanced`);
        if ((lng === 'de' || lng === 'ls') && marks.length > 0) bad.push(`${where}: marked German`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the scan notices an unmarked term and accepts a marked one', () => {
    // Guards the guard: a scan that finds nothing would let the first test pass vacuously.
    expect(unmarkedGermanTerms('مثلًا (Bildungsgutschein)')).toEqual(['Bildungsgutschein']);
    expect(unmarkedGermanTerms('مثلًا (<de>Bildungsgutschein</de>)')).toEqual([]);
    expect(unmarkedGermanTerms('Easy-to-read German (Leichte Sprache)')).toEqual(['Leichte Sprache']);
  });
});
