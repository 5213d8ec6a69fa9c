import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorFields, MAX_LOGGED_PATH, maskPath, maskSecret } from './logger.server';

const TOKEN = 'Zk3mQ9vX2bLr7TtW1yPaC5dE8fGhJ';
const hash = `~${createHash('sha256').update(TOKEN).digest('hex').slice(0, 8)}`;

describe('maskPath', () => {
  it('replaces the manage link token by a short hash, on every page below it', () => {
    expect(maskPath(`/termin/${TOKEN}`)).toBe(`/termin/${hash}`);
    expect(maskPath(`/termin/${TOKEN}/verschieben?ab=2026-12-01`)).toBe(`/termin/${hash}/verschieben`);
    expect(maskPath(`/termin/${TOKEN}.ics`)).toBe(`/termin/${hash}.ics`);
  });

  it('masks the self-assessment key and the appointment API token', () => {
    expect(maskPath(`/selbsteinschaetzung/${TOKEN}/sprachen`)).toBe(`/selbsteinschaetzung/${hash}/sprachen`);
    expect(maskPath(`/api/v1/counselling/appointments/${TOKEN}`)).toBe(
      `/api/v1/counselling/appointments/${hash}`,
    );
    expect(maskPath(`/api/v1/counselling/appointments/${TOKEN}.ics`)).toBe(
      `/api/v1/counselling/appointments/${hash}.ics`,
    );
  });

  it('keeps paths without secrets as they are', () => {
    expect(maskPath('/selbsteinschaetzung')).toBe('/selbsteinschaetzung');
    expect(maskPath('/beratung/termin/daten')).toBe('/beratung/termin/daten');
    expect(maskPath('/api/v1/counselling/appointments')).toBe('/api/v1/counselling/appointments');
    expect(maskPath('/angebote/1220')).toBe('/angebote/1220');
  });

  it('masks one-time tokens in the query and drops every other parameter', () => {
    for (const page of ['/bestaetigen', '/passwort-neu', '/einladung']) {
      expect(maskPath(`${page}?token=${TOKEN}&lng=ar`)).toBe(`${page}?token=${hash}`);
    }
    // Search words or an address in the query never reach the log.
    expect(maskPath('/angebote?q=deutsch&near=Kassel')).toBe('/angebote');
    expect(maskPath('/dev/mails?to=someone%40example.org')).toBe('/dev/mails');
  });

  it('caps the length of what is logged', () => {
    const long = `/angebote/${'x'.repeat(5000)}`;
    const masked = maskPath(long);
    expect(masked.length).toBe(MAX_LOGGED_PATH + 1);
    expect(masked.endsWith('…')).toBe(true);
  });

  it('never lets the token itself through', () => {
    for (const url of [
      `/termin/${TOKEN}/verschieben`,
      `/selbsteinschaetzung/${TOKEN}/ergebnis`,
      `/api/v1/counselling/appointments/${TOKEN}`,
      `/passwort-neu?lng=de&token=${TOKEN}`,
    ]) {
      expect(maskPath(url)).not.toContain(TOKEN);
    }
    expect(maskSecret(TOKEN)).toBe(hash);
  });
});

describe('errorFields', () => {
  it('keeps message, code and SMTP reply, never an address or attached objects', () => {
    const error = Object.assign(
      new Error("Can't send mail - all recipients were rejected: 550 <ana@example.org>"),
      {
        code: 'EENVELOPE',
        responseCode: 550,
        command: 'RCPT TO',
        client: { huge: 'x'.repeat(10_000) },
      },
    );
    const fields = errorFields(error);
    expect(fields).toEqual({
      message: "Can't send mail - all recipients were rejected: 550 <[address]>",
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO',
    });
    expect(JSON.stringify(fields).length).toBeLessThan(300);
  });
});
