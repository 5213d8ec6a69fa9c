import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits plain rows', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('keeps commas, quotes and newlines inside quoted fields', () => {
    expect(parseCsv('x,"Kassel, Landkreis","say ""hi""","two\nlines"\r\n')).toEqual([
      ['x', 'Kassel, Landkreis', 'say "hi"', 'two\nlines'],
    ]);
  });
  it('reads a last line without a newline', () => {
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
  });
});
