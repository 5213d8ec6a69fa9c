import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import { sendMail } from '../../app/modules/mail/mail.server';
import { resetEnvCache } from '../../app/utils/env.server';
import { setLogger } from '../../app/utils/logger.server';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * Mail through a real SMTP server started in the test: a message enqueued in a
 * transaction is worked by the real pg-boss worker and delivered over SMTP, in the
 * recipient's language, as text and HTML. A server that refuses sends it into retry.
 */
interface Received {
  from: string;
  to: string[];
  raw: string;
}

let db: TestDatabase;
let server: SMTPServer;
let port = 0;
const received: Received[] = [];
let refuse = false;
const logLines: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse) return callback(new Error('451 mailbox temporarily unavailable'));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = 'Wegweiser <no-reply@wegweiser.example>';
  resetEnvCache();
  // The job worker's log, kept to check what a failed attempt says (and what it doesn't).
  setLogger(
    pino(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, callback) {
          logLines.push(String(chunk));
          callback();
        },
      }),
    ),
  );
  await startJobs(db.url, { work: true });
});

afterAll(async () => {
  await stopJobs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  resetEnvCache();
  await db.drop();
});

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

describe('mail over SMTP', () => {
  it('delivers a queued template mail in the recipient’s language, as text and HTML', async () => {
    await db.sql.begin(async (tx) => {
      await sendMail(tx, 'kemal@example.org', 'resetPassword', 'tr', {
        link: 'https://wegweiser.example/passwort-neu?token=abc&lng=tr',
        hours: 1,
      });
    });
    const mail = await waitFor(() => received.find((m) => m.to.includes('kemal@example.org')));
    expect(mail.from).toBe('no-reply@wegweiser.example');
    const parsed = await simpleParser(mail.raw);
    const [trSubject] = await db.sql<{ subject: string }[]>`
      select data->>'subject' as subject from pgboss.job where name = 'mail' and data->>'to' = 'kemal@example.org'`;
    expect(parsed.subject).toBe(trSubject!.subject);
    expect(parsed.subject).not.toBe('Neues Passwort festlegen'); // not the German template
    expect(parsed.text).toContain('https://wegweiser.example/passwort-neu?token=abc&lng=tr');
    expect(parsed.html).toContain('href="https://wegweiser.example/passwort-neu?token=abc&amp;lng=tr"');
    expect(parsed.html).toContain('lang="tr"');
    expect(
      await waitFor(async () => {
        const [j] =
          await db.sql`select state from pgboss.job where name = 'mail' and data->>'to' = 'kemal@example.org'`;
        return j?.state === 'completed' ? j.state : undefined;
      }),
    ).toBe('completed');
    // Delivered: the body with its one-time link is gone from the job record; the status stays.
    const [kept] = await db.sql<{ data: Record<string, unknown> }[]>`
      select data from pgboss.job where name = 'mail' and data->>'to' = 'kemal@example.org'`;
    expect(kept!.data).toMatchObject({ template: 'resetPassword', locale: 'tr' });
    expect(kept!.data.text).toBeUndefined();
    expect(JSON.stringify(kept!.data)).not.toContain('token=abc');
  });

  it('retries with back-off when the server refuses, and the status says so', async () => {
    refuse = true;
    await db.sql.begin(async (tx) => sendMail(tx, 'later@example.org', 'passwordChanged', 'de'));
    const state = await waitFor(async () => {
      const [j] = await db.sql<{ state: string; retry_limit: number; output: unknown }[]>`
        select state::text, retry_limit, output from pgboss.job where name = 'mail' and data->>'to' = 'later@example.org'`;
      return j && j.state === 'retry' ? j : undefined;
    });
    expect(state.retry_limit).toBe(5);
    expect(JSON.stringify(state.output)).toMatch(/451|unavailable/);
    refuse = false;
    // The failed attempt is in the log, with the server's answer but without the address.
    const failed = logLines.filter((l) => l.includes('Job failed'));
    expect(failed.length).toBeGreaterThan(0);
    expect(JSON.parse(failed[0]!)).toMatchObject({
      queue: 'mail',
      err: { code: 'EMESSAGE', command: 'DATA' },
    });
    expect(logLines.join('\n')).not.toContain('later@example.org');
  });
});
