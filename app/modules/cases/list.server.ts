import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/cases.server';
import { todayInBerlin } from '../../utils/clock.server';
import { dueDates } from './case-types';
import type { Phase } from './codes';
import { monitoringOrder, nextReview, phaseOf, urgencyOf } from './monitoring';

/**
 * The counsellor's own list (/team/faelle): only the cases they are responsible or deputy
 * for, reviews overdue and due first, then steps due, then the rest. No other list of
 * cases exists for anyone.
 */
export async function counsellorCases(userId: number, phase: Phase | null) {
  const sql = getSql();
  const today = todayInBerlin();
  const rows = await q.casesOfCounsellor(sql, userId);
  const ids = rows.map((r) => r.id);
  const activePlanIds = rows.flatMap((r) => (r.active_plan ? [r.active_plan.id] : []));
  const [reviews, steps, commitments] = await Promise.all([
    q.reviewsOfCases(sql, ids),
    q.stepsOfCases(sql, ids),
    q.openCommitmentsOfCases(sql, activePlanIds),
  ]);
  const items = rows.map((r) => {
    const own = steps.filter((s) => s.case_id === r.id);
    const due = dueDates(
      todayInBerlin(r.opened_at),
      own.map((s) => ({
        id: s.id,
        afterStepId: s.after_step_id,
        offsetDays: s.offset_days,
        doneOn: s.done_at ? todayInBerlin(s.done_at) : null,
      })),
    );
    const openDue = [
      ...own.filter((s) => !s.done_at).map((s) => due.get(s.id)!),
      ...commitments.filter((c) => c.case_id === r.id).map((c) => c.due_on),
    ].sort();
    const review = nextReview(
      r.active_plan
        ? { reviewOn: r.active_plan.review_on, activatedAt: new Date(r.active_plan.activated_at) }
        : null,
      reviews
        .filter((x) => x.case_id === r.id)
        .map((x) => ({
          planIsActive: x.plan_id === r.active_plan?.id,
          heldOn: x.held_on,
          nextReviewOn: x.next_review_on,
        })),
    );
    const closed = r.closed_at !== null;
    const item = {
      id: r.id,
      caseType: r.case_type,
      name: r.person_name,
      deputy: r.deputy,
      openedAt: r.opened_at.toISOString(),
      restricted: r.restricted_at !== null,
      phase: phaseOf({ closed, hasAssessment: r.has_assessment, hasActivePlan: r.active_plan !== null }),
      pending: r.pending_plan,
      nextReview: review,
      nextStep: openDue[0] ?? null,
      closed,
    };
    return { ...item, urgency: urgencyOf(item, today) };
  });
  const shown = items.filter((i) => (phase ? i.phase === phase : i.phase !== 'closed'));
  const counts = Object.fromEntries(
    (['intake', 'planning', 'monitoring', 'closed'] as const).map((ph) => [
      ph,
      items.filter((i) => i.phase === ph).length,
    ]),
  ) as Record<Phase, number>;
  return { today, cases: monitoringOrder(shown, today), counts };
}
