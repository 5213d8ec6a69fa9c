import { describe, expect, it } from 'vitest';
import { copyLine, copyValue } from './copy';

describe('COPY text format', () => {
  it('writes null as \\N and escapes backslash, tab and line breaks', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    // A literal "\N" in text is two characters, not null.
    expect(copyValue('\\N')).toBe('\\\\N');
    expect(copyValue(true)).toBe('t');
    expect(copyValue(0)).toBe('0');
  });

  it('quotes every array element, so commas, braces, quotes and NULL words stay text', () => {
    expect(copyValue(['a,b', '{x}', 'say "hi"', 'NULL', 'back\\slash'])).toBe(
      '{"a,b","{x}","say \\\\"hi\\\\"","NULL","back\\\\\\\\slash"}',
    );
    expect(copyValue([])).toBe('{}');
    expect(copyValue([1, null])).toBe('{"1",NULL}');
  });

  it('makes one tab-separated line per row', () => {
    expect(copyLine([1, 'x', null])).toBe('1\tx\t\\N\n');
  });
});
