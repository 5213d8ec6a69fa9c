import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { getEnv } from '../../utils/env.server';

/**
 * The development outbox: mail written as `.eml` files when there is no SMTP_URL. Only
 * reachable outside production (the route answers 404 there), so demo users and browser
 * tests can open a verification or reset link without a mail server.
 */
export function outboxAvailable(): boolean {
  const env = getEnv();
  return env.APP_ENV !== 'production' && !env.SMTP_URL;
}

function outboxDir() {
  return path.resolve(getEnv().DATA_DIR, 'mail');
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  date: string;
  text: string;
}

async function parse(id: string): Promise<OutboxMail> {
  const mail = await simpleParser(await readFile(path.join(outboxDir(), `${id}.eml`)));
  const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
  return {
    id,
    to,
    subject: mail.subject ?? '',
    date: (mail.date ?? new Date(0)).toISOString(),
    text: mail.text ?? '',
  };
}

export async function listOutbox(filter: { to?: string; limit: number }): Promise<OutboxMail[]> {
  const files = await readdir(outboxDir()).catch(() => [] as string[]);
  // File names start with an ISO timestamp: newest first by name.
  const ids = files
    .filter((f) => f.endsWith('.eml'))
    .map((f) => f.slice(0, -4))
    .sort()
    .reverse();
  const out: OutboxMail[] = [];
  for (const id of ids) {
    const mail = await parse(id);
    if (filter.to && !mail.to.toLowerCase().includes(filter.to.toLowerCase())) continue;
    out.push(mail);
    if (out.length >= filter.limit) break;
  }
  return out;
}

export async function readOutboxMail(id: string): Promise<OutboxMail | null> {
  if (!/^[\w.-]+$/.test(id)) return null;
  return parse(id).catch(() => null);
}
