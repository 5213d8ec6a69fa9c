import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

type Json = { [key: string]: Json } | string;

/** `{a:{b:'x'}}` → `{ 'a.b': 'x' }` */
export function flatten(value: Json, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (typeof value === 'string') {
    out[prefix] = value;
    return out;
  }
  for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

export interface LocaleProblem {
  language: string;
  namespace: string;
  key: string;
  problem: 'missing' | 'empty' | 'extra' | 'placeholders' | 'missing-file';
}

/**
 * Compares every language with German, the source: each German namespace file must exist
 * in every language with the same keys, none empty, with the same {{placeholders}}.
 */
export function checkLocales(dir: string, languages: readonly string[], source = 'de'): LocaleProblem[] {
  const problems: LocaleProblem[] = [];
  const read = (lng: string, ns: string) =>
    flatten(JSON.parse(readFileSync(path.join(dir, lng, `${ns}.json`), 'utf8')) as Json);
  const namespaces = readdirSync(path.join(dir, source))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
  for (const ns of namespaces) {
    const reference = read(source, ns);
    for (const lng of languages) {
      if (lng === source) continue;
      if (!existsSync(path.join(dir, lng, `${ns}.json`))) {
        problems.push({ language: lng, namespace: ns, key: '*', problem: 'missing-file' });
        continue;
      }
      const candidate = read(lng, ns);
      // Plural forms differ by language (Arabic has six, Russian four): a German `x_one` /
      // `x_other` pair asks for `x_other` and allows any of the CLDR forms of `x`.
      const pluralBase = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
      const plurals = new Set(Object.keys(reference).filter((k) => k !== pluralBase(k)).map(pluralBase));
      for (const [key, text] of Object.entries(reference)) {
        if (plurals.has(pluralBase(key)) && !key.endsWith('_other')) continue;
        const translated = candidate[key];
        if (translated === undefined) problems.push({ language: lng, namespace: ns, key, problem: 'missing' });
        else if (translated.trim() === '') problems.push({ language: lng, namespace: ns, key, problem: 'empty' });
        else if (placeholders(translated).join() !== placeholders(text).join())
          problems.push({ language: lng, namespace: ns, key, problem: 'placeholders' });
      }
      for (const key of Object.keys(candidate)) {
        if (!(key in reference) && !plurals.has(pluralBase(key)))
          problems.push({ language: lng, namespace: ns, key, problem: 'extra' });
      }
    }
  }
  return problems;
}
