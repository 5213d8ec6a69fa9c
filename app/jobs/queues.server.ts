import type PgBoss from 'pg-boss';
import { cleanUpAuthData } from '~/auth/cleanup.server';
import { eraseStaleAssessments } from '~/modules/assessment/assessment.server';
import { purgeSpentAltcha } from '~/modules/booking/altcha.server';
import { eraseOldAppointments, sendDueReminders } from '~/modules/booking/booking.server';
import { deleteExpiredNotes, eraseExpiredCases, remindOverdueReviews } from '~/modules/cases/jobs.server';
import { aggregatePlanning, countAssessments } from '~/modules/planning/aggregate.server';
import { remindOverdueReferrals } from '~/modules/referrals/referrals.server';
import { getEnv } from '~/utils/env.server';
import { deliverMail, type MailMessage } from '~/utils/mail.server';
import { getSql } from '../../db/client.server';
import { forgetMailBody } from '../../db/queries/admin.server';
import { resyncStartedRuns, syncSearchIndex } from '../../search/engine.server';

/**
 * Every background queue in one place: its retry policy and its handler. Later
 * capabilities (reminders, search sync, retention) add an entry here.
 */
export interface QueueDefinition<T extends object> {
  name: string;
  options: Omit<PgBoss.Queue, 'name'>;
  handle: (data: T, jobId: string) => Promise<unknown>;
  /** For recurring jobs: when to run (cron, Europe/Berlin). */
  cron?: string;
}

export const MAIL_QUEUE = 'mail';
export const MAIL_DEAD_LETTER_QUEUE = 'mail-failed';
export const SEARCH_SYNC_QUEUE = 'search-sync';
export const SEARCH_STARTED_QUEUE = 'search-started';
export const AUTH_CLEANUP_QUEUE = 'auth-cleanup';
export const BOOKING_REMINDERS_QUEUE = 'booking-reminders';
export const BOOKING_RETENTION_QUEUE = 'booking-retention';
export const PLANNING_AGGREGATES_QUEUE = 'planning-aggregates';
export const CASE_RETENTION_QUEUE = 'case-retention';
export const CASE_REMINDERS_QUEUE = 'case-reminders';
export const REFERRAL_REMINDERS_QUEUE = 'referral-reminders';

export interface SearchSyncJob {
  offerIds: number[];
}

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
    // 5 retries at 30 s, 60 s, 120 s, … (MAIL_RETRY_DELAY_S) then the dead-letter queue.
    options: {
      retryLimit: 5,
      retryDelay: getEnv().MAIL_RETRY_DELAY_S,
      retryBackoff: true,
      deadLetter: MAIL_DEAD_LETTER_QUEUE,
    },
    // Only the message goes to the transport; template and locale stay for the admins' status
    // page. Once sent, the body (with its one-time links) is removed from the job's record.
    handle: async ({ to, subject, text, html, attachments }, jobId) => {
      const sent = await deliverMail({ to, subject, text, html, attachments });
      await forgetMailBody(getSql(), jobId);
      return sent;
    },
  }),
  define<SearchSyncJob>({
    name: SEARCH_SYNC_QUEUE,
    // A sync during a rebuild fails on purpose and comes back after the swap: 5 s, 10 s, 20 s, …
    options: { retryLimit: 12, retryDelay: 5, retryBackoff: true },
    handle: ({ offerIds }) => syncSearchIndex(offerIds),
  }),
  define<Record<string, never>>({
    name: SEARCH_STARTED_QUEUE,
    // Nightly, just after midnight: runs under way keep sorting as "starting today" in
    // Meilisearch (ADR 017). Nothing to do without Meilisearch.
    options: { retryLimit: 3, retryDelay: 300 },
    cron: '7 0 * * *',
    handle: () => resyncStartedRuns(),
  }),
  define<Record<string, never>>({
    name: AUTH_CLEANUP_QUEUE,
    // Hourly: expired sessions, spent links and old throttle counters go.
    options: { retryLimit: 2, retryDelay: 60 },
    cron: '17 * * * *',
    handle: () => cleanUpAuthData(),
  }),
  define<Record<string, never>>({
    name: BOOKING_REMINDERS_QUEUE,
    // Every 5 minutes: reminders that fell due (each claimed once, never for a cancelled
    // appointment) and unconfirmed holds that ran out.
    options: { retryLimit: 2, retryDelay: 30 },
    cron: '*/5 * * * *',
    handle: () => sendDueReminders(getSql()),
  }),
  define<Record<string, never>>({
    name: BOOKING_RETENTION_QUEUE,
    // Nightly: personal data of appointments older than APPOINTMENT_RETENTION_DAYS goes;
    // spent proof-of-work challenges too, and self-assessments nobody opened for
    // ASSESSMENT_RETENTION_DAYS (after the appointments, which may have held them).
    options: { retryLimit: 2, retryDelay: 300 },
    cron: '40 3 * * *',
    handle: async () => ({
      erased: await eraseOldAppointments(getSql()),
      challenges: await purgeSpentAltcha(getSql()),
      // Finished assessments are counted for planning before any of them is deleted.
      counted: await countAssessments(),
      assessments: await eraseStaleAssessments(getEnv().ASSESSMENT_RETENTION_DAYS),
    }),
  }),
  define<Record<string, never>>({
    name: PLANNING_AGGREGATES_QUEUE,
    // Nightly, before the retention job: searches and assessments of the days since the
    // last run, all appointments again, and today's days to the first free slot.
    options: { retryLimit: 2, retryDelay: 300 },
    cron: '20 3 * * *',
    handle: () => aggregatePlanning(),
  }),
  define<Record<string, never>>({
    name: CASE_RETENTION_QUEUE,
    // Nightly: working notes older than 14 days go; case files closed or inactive for
    // CASE_RETENTION_DAYS are erased (restricted ones stay; the anonymous rows always do).
    options: { retryLimit: 2, retryDelay: 300 },
    cron: '50 3 * * *',
    handle: async () => ({ notes: await deleteExpiredNotes(), cases: await eraseExpiredCases() }),
  }),
  define<Record<string, never>>({
    name: CASE_REMINDERS_QUEUE,
    // Each morning: one mail per counsellor about reviews that became overdue (once per due date).
    options: { retryLimit: 2, retryDelay: 300 },
    cron: '15 7 * * *',
    handle: () => remindOverdueReviews(),
  }),
  define<Record<string, never>>({
    name: REFERRAL_REMINDERS_QUEUE,
    // Each working morning: referrals past their response deadline, one reminder each to the
    // provider's owners (claimed in the same update, so a second run sends nothing).
    options: { retryLimit: 2, retryDelay: 300 },
    cron: '30 7 * * 1-5',
    handle: () => remindOverdueReferrals(),
  }),
];

/** Queues whose jobs nobody works (kept for inspection). */
export const PASSIVE_QUEUES = new Set([MAIL_DEAD_LETTER_QUEUE]);
