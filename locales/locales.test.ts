import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { supportedLanguages } from '../app/i18n';
import { checkLocales, flatten } from './check';

const dir = path.dirname(fileURLToPath(import.meta.url));

describe('translations', () => {
  it('every language has every key German has, with the same placeholders', () => {
    const problems = checkLocales(dir, supportedLanguages).map(
      (p) => `${p.language}/${p.namespace}.json: ${p.key} (${p.problem})`,
    );
    expect(problems).toEqual([]);
  });

  it('the check notices a key that is missing', () => {
    // Guards the guard: a broken checker would make the test above pass vacuously.
    const tmp = path.join(dir, '..', 'tests', 'fixtures', 'locales-broken');
    const problems = checkLocales(tmp, ['de', 'en']);
    expect(problems).toContainEqual({ language: 'en', namespace: 'common', key: 'a.b', problem: 'missing' });
    expect(problems).toContainEqual({ language: 'en', namespace: 'common', key: 'c', problem: 'placeholders' });
  });

  it('Leichte Sprache has its own easy-to-read page content', () => {
    const easy = flatten(JSON.parse(readFileSync(path.join(dir, 'ls', 'easy.json'), 'utf8')));
    expect(Object.keys(easy).length).toBeGreaterThan(10);
  });

  it('every literal key used in the app exists in German', () => {
    const de: Record<string, string> = {};
    for (const file of readdirSync(path.join(dir, 'de'))) {
      const ns = file.replace(/\.json$/, '');
      const flat = flatten(JSON.parse(readFileSync(path.join(dir, 'de', file), 'utf8')));
      for (const [k, v] of Object.entries(flat)) {
        de[`${ns}:${k}`] = v;
        de[k] = v;
      }
    }
    const missing: string[] = [];
    const walk = (d: string) => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (/\.(tsx?|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          const source = readFileSync(p, 'utf8');
          for (const m of source.matchAll(/\b(?:t|pageTitle)\(\s*(?:request,\s*)?'([a-zA-Z0-9_.:]+)'/g)) {
            if (!(m[1]! in de) && !(`${m[1]}_other` in de)) missing.push(`${path.relative(dir, p)}: ${m[1]}`);
          }
        }
      }
    };
    walk(path.join(dir, '..', 'app'));
    expect(missing).toEqual([]);
  });
});
