import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { handleError, stripNul, withTranslations } from './entry.server';
import { setLogger } from './utils/logger.server';

async function through(chunks: Uint8Array[]): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    stripNul(),
    new Writable({
      write(chunk, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(out);
}

describe('stripNul', () => {
  it("drops the unwritten bytes React 18.3 sends at a 2 kB buffer's end, and keeps every character", async () => {
    const encoder = new TextEncoder();
    // As React does: a 2048-byte view, filled up to where an Arabic letter no longer fits.
    const view = new Uint8Array(2048);
    const { written } = encoder.encodeInto(`${'a'.repeat(2047)}ع`, view);
    expect(written).toBe(2047);
    const rest = encoder.encode('ع لغة</p>');
    const html = await through([view, rest]);
    expect(html.includes(0)).toBe(false);
    expect(html.toString('utf8')).toBe(`${'a'.repeat(2047)}ع لغة</p>`);
  });

  it('passes chunks without NUL untouched', async () => {
    const html = await through([new TextEncoder().encode('<p>Übersicht – خدمة</p>')]);
    expect(html.toString('utf8')).toBe('<p>Übersicht – خدمة</p>');
  });
});

describe('handleError', () => {
  function capture() {
    const lines: { level: number; msg: string }[] = [];
    setLogger(
      pino(
        { level: 'info' },
        new Writable({
          write(chunk, _encoding, callback) {
            lines.push(JSON.parse(String(chunk)));
            callback();
          },
        }),
      ),
    );
    return lines;
  }
  const args = (path: string) => ({ request: new Request(`http://localhost${path}`), context: {} as never });

  it('logs a 405 at info, with the token in the path masked', () => {
    const lines = capture();
    // What Remix throws for a method a route doesn't take (an ErrorResponse).
    const refused = { status: 405, statusText: 'Method Not Allowed', internal: true, data: 'no action' };
    handleError(refused, args('/termin/secret-token-123'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(30);
    expect(JSON.stringify(lines)).not.toContain('secret-token-123');
  });

  it('marks the request when the database could not serve, so the server answers 503', () => {
    const lines = capture();
    const context = {} as { databaseUnavailable?: boolean };
    handleError(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }), {
      request: new Request('http://localhost/angebote'),
      context: context as never,
    });
    expect(context.databaseUnavailable).toBe(true);
    expect(lines[0]!.level).toBe(40);
  });

  it('logs anything else as an error', () => {
    const lines = capture();
    handleError(new TypeError('a bug'), args('/angebote'));
    expect(lines[0]!.level).toBe(50);
  });
});

describe('withTranslations', () => {
  it("puts the page's translations at the end of the body", () => {
    const html = Buffer.from('<html><body><p>ü</p><script>x</script></body></html>');
    expect(withTranslations(html, '<script type="application/json">{}</script>').toString()).toBe(
      '<html><body><p>ü</p><script>x</script><script type="application/json">{}</script></body></html>',
    );
  });
});
