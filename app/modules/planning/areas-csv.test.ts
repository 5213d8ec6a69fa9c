import { describe, expect, it } from 'vitest';
import { areasToCsv, parseAreasCsv } from './areas-csv';

describe('the inhabitants table', () => {
  it('reads German Excel CSV with a BOM, thousands separators and several postcodes', () => {
    const { areas, problems } = parseAreasCsv(
      '\uFEFFGebiet;Art;Einwohner;Postleitzahlen\r\nMitte;Stadtteil;19.450;34117\r\nBad Wilhelmshöhe;Stadtteil;14 210;34131 34132\r\nBaunatal;Gemeinde;28104;34225\r\n',
    );
    expect(problems).toEqual([]);
    expect(areas).toEqual([
      { code: 'mitte', name: 'Mitte', kind: 'district', inhabitants: 19450, postcodes: ['34117'] },
      {
        code: 'bad-wilhelmshoehe',
        name: 'Bad Wilhelmshöhe',
        kind: 'district',
        inhabitants: 14210,
        postcodes: ['34131', '34132'],
      },
      { code: 'baunatal', name: 'Baunatal', kind: 'municipality', inhabitants: 28104, postcodes: ['34225'] },
    ]);
  });

  it('reads English headers with commas', () => {
    const { areas } = parseAreasCsv(
      'area,kind,inhabitants,postcodes\nVellmar,municipality,18000,"34246, 34247"\n',
    );
    expect(areas[0]).toMatchObject({ name: 'Vellmar', postcodes: ['34246', '34247'] });
  });

  it('names every problem with its line, and takes nothing when there is one', () => {
    const { areas, problems } = parseAreasCsv(
      'Gebiet;Art;Einwohner;Postleitzahlen\nMitte;Stadtteil;viele;34117\nMitte;Dorf;100;3411\nNord;Stadtteil;5;34117\n;Stadtteil;5;\n',
    );
    expect(areas).toEqual([]);
    expect(problems).toEqual([
      { line: 2, code: 'inhabitants', value: 'viele' },
      { line: 3, code: 'duplicateName', value: 'Mitte' },
      { line: 3, code: 'kind', value: 'dorf' },
      { line: 3, code: 'postcode', value: '3411' },
      { line: 4, code: 'duplicatePostcode', value: '34117' },
      { line: 5, code: 'name' },
    ]);
  });

  it('refuses a file without the needed columns or rows', () => {
    expect(parseAreasCsv('Name;Farbe\nA;blau\n').problems).toEqual([{ line: 0, code: 'header' }]);
    expect(parseAreasCsv('Gebiet;Einwohner\n').problems).toEqual([{ line: 0, code: 'empty' }]);
    expect(parseAreasCsv('').problems).toEqual([{ line: 0, code: 'empty' }]);
  });

  it('writes what it reads', () => {
    const text = areasToCsv([
      { name: 'Mitte', kind: 'district', inhabitants: 19450, postcodes: ['34117'] },
      { name: 'Fuldatal; Ort', kind: 'municipality', inhabitants: 12000, postcodes: ['34233', '34234'] },
    ]);
    expect(parseAreasCsv(text).areas.map((a) => [a.name, a.kind, a.inhabitants, a.postcodes])).toEqual([
      ['Mitte', 'district', 19450, ['34117']],
      ['Fuldatal; Ort', 'municipality', 12000, ['34233', '34234']],
    ]);
  });
});
