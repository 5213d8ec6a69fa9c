import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { getEnv } from './env.server';

/** A message ready to send: plain text always, HTML optionally (templates come with the accounts issue). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string; contentType: string }[];
}

type Transport = ReturnType<typeof nodemailer.createTransport>;
let smtp: Transport | undefined;

/**
 * Delivers one message: over SMTP when SMTP_URL is set, else as an `.eml` file under
 * DATA_DIR/mail (demo and development), so mail is real and inspectable without a server.
 * Called by the mail job, never directly by a request.
 */
export async function deliverMail(message: MailMessage): Promise<{ transport: 'smtp' | 'file'; id: string }> {
  const env = getEnv();
  const mail = { from: env.MAIL_FROM, ...message };
  if (env.SMTP_URL) {
    smtp ??= nodemailer.createTransport(env.SMTP_URL);
    const info = await smtp.sendMail(mail);
    return { transport: 'smtp', id: String(info.messageId) };
  }
  const file = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await file.sendMail(mail);
  const dir = path.resolve(env.DATA_DIR, 'mail');
  await mkdir(dir, { recursive: true });
  const id = `${new Date().toISOString().replaceAll(':', '-')}-${randomUUID()}`;
  await writeFile(path.join(dir, `${id}.eml`), info.message as Buffer);
  return { transport: 'file', id };
}
