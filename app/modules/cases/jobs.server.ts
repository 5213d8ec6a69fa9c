import { getSql } from '../../../db/client.server';
import * as p from '../../../db/queries/case-plans.server';
import * as q from '../../../db/queries/cases.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { getEnv } from '../../utils/env.server';
import { getLogger } from '../../utils/logger.server';
import { sendMail } from '../mail/mail.server';
import { eraseCase } from './cases.server';
import { nextReview } from './monitoring';

/**
 * The nightly and daily work of case files: working notes past their 14 days go; cases
 * closed or inactive for CASE_RETENTION_DAYS are erased (restricted ones are kept; the
 * anonymous rows stay); counsellors are reminded of overdue reviews, once per due date.
 */
export async function deleteExpiredNotes(): Promise<number> {
  const n = await q.deleteExpiredNotes(getSql(), now());
  if (n) getLogger().info({ deleted: n }, 'Deleted expired working notes');
  return n;
}

export async function eraseExpiredCases(days = getEnv().CASE_RETENTION_DAYS): Promise<number> {
  const before = new Date(now().getTime() - days * 86_400_000);
  const erased = await getSql().begin(async (tx) => {
    const due = await q.casesPastRetention(tx, before);
    for (const { id } of due) {
      const row = await q.caseById(tx, id, { lock: true });
      if (row) await eraseCase(tx, row, 'inactive');
    }
    return due.length;
  });
  if (erased) getLogger().info({ erased }, 'Erased case files past retention');
  return erased;
}

/** One mail per counsellor naming how many reviews are newly overdue (no names in mail). */
export async function remindOverdueReviews(): Promise<number> {
  return getSql().begin(async (tx) => {
    const today = todayInBerlin();
    const perCounsellor = new Map<number, number>();
    const cases = await q.openCasesForReminders(tx);
    for (const c of cases) {
      const reviews = (await p.reviewsOf(tx, c.id)).map((r) => ({
        planIsActive: r.plan_id === c.plan_id,
        heldOn: r.held_on,
        nextReviewOn: r.next_review_on,
      }));
      const due = nextReview({ reviewOn: c.review_on, activatedAt: new Date(0) }, reviews);
      if (!due || due >= today || c.review_reminded_for === due) continue;
      await q.markReminded(tx, c.id, due);
      perCounsellor.set(c.responsible_user_id, (perCounsellor.get(c.responsible_user_id) ?? 0) + 1);
    }
    for (const [userId, count] of perCounsellor) {
      const contact = await q.counsellorContact(tx, userId);
      if (contact?.email)
        await sendMail(tx, contact.email, 'cases:mail.reviewsOverdue', contact.locale, {
          count,
          link: process.env.PUBLIC_URL ? new URL('/team/faelle', process.env.PUBLIC_URL).href : undefined,
        });
    }
    return [...perCounsellor.values()].reduce((a, b) => a + b, 0);
  });
}
