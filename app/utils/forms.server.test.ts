import { describe, expect, it } from 'vitest';
import { withoutControlCharacters } from './forms.server';

describe('withoutControlCharacters', () => {
  it('strips NUL and other control characters from every text field, keeps tabs, line breaks and files', () => {
    const form = new FormData();
    form.append('message', 'Hallo\u0000 Welt\u0007\r\n\tZeile\u007f');
    form.append('name', 'Ada');
    form.append('na\u0000me', 'x');
    const file = new File(['a\u0000b'], 'kurse.csv');
    form.append('file', file);
    const clean = withoutControlCharacters(form);
    expect(clean.get('message')).toBe('Hallo Welt\r\n\tZeile');
    expect(clean.getAll('name')).toEqual(['Ada', 'x']);
    expect(clean.get('file')).toBeInstanceOf(File);
  });
  it('hands back the same form when nothing is to strip', () => {
    const form = new FormData();
    form.append('q', 'Deutsch\nB1');
    expect(withoutControlCharacters(form)).toBe(form);
  });
});
