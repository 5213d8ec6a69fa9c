import type PgBoss from 'pg-boss';
import { deliverMail, type MailMessage } from '~/utils/mail.server';

/**
 * Every background queue in one place: its retry policy and its handler. Later
 * capabilities (reminders, search sync, retention) add an entry here.
 */
export interface QueueDefinition<T extends object> {
  name: string;
  options: Omit<PgBoss.Queue, 'name'>;
  handle: (data: T) => Promise<unknown>;
}

export const MAIL_QUEUE = 'mail';
export const MAIL_DEAD_LETTER_QUEUE = 'mail-failed';

function define<T extends object>(definition: QueueDefinition<T>): QueueDefinition<T> {
  return definition;
}

export const queues = [
  // Messages that failed every retry land here for admins to see; nothing consumes it.
  define<MailMessage>({
    name: MAIL_DEAD_LETTER_QUEUE,
    options: { retentionDays: 30 },
    handle: async () => {},
  }),
  define<MailMessage>({
    name: MAIL_QUEUE,
    // 5 retries at 30 s, 60 s, 120 s, … then the dead-letter queue.
    options: { retryLimit: 5, retryDelay: 30, retryBackoff: true, deadLetter: MAIL_DEAD_LETTER_QUEUE },
    handle: (message) => deliverMail(message),
  }),
];

/** Queues whose jobs nobody works (kept for inspection). */
export const PASSIVE_QUEUES = new Set([MAIL_DEAD_LETTER_QUEUE]);
