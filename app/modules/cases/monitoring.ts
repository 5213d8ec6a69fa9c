import { addDays } from '../../utils/zoned';
import { DUE_SOON_DAYS, type Phase } from './codes';

/**
 * Monitoring rules, pure: where a case stands and which cases need the counsellor first.
 * Dates are Europe/Berlin calendar days (YYYY-MM-DD), compared as strings.
 */
export interface PhaseFacts {
  closed: boolean;
  hasAssessment: boolean;
  hasActivePlan: boolean;
}

export function phaseOf(f: PhaseFacts): Phase {
  if (f.closed) return 'closed';
  if (f.hasActivePlan) return 'monitoring';
  if (f.hasAssessment) return 'planning';
  return 'intake';
}

/**
 * The next review: the one the last review of the active plan set, else the plan's own
 * review date. Without an active plan there is none.
 */
export function nextReview(
  activePlan: { reviewOn: string | null; activatedAt: Date | null } | null,
  reviews: readonly { planIsActive: boolean; heldOn: string; nextReviewOn: string | null }[],
): string | null {
  if (!activePlan?.activatedAt) return null;
  const last = reviews
    .filter((r) => r.planIsActive)
    .sort((a, b) => a.heldOn.localeCompare(b.heldOn))
    .at(-1);
  return last ? last.nextReviewOn : activePlan.reviewOn;
}

/** Whether a review was held on time: on or before the day it was due (or with none due). */
export function onTime(dueOn: string | null, heldOn: string): boolean {
  return dueOn === null || heldOn <= dueOn;
}

export type Urgency = 'review_overdue' | 'review_due' | 'step_due' | 'other';
export const URGENCY_ORDER: readonly Urgency[] = ['review_overdue', 'review_due', 'step_due', 'other'];

export interface MonitoredCase {
  id: number;
  nextReview: string | null;
  /** The earliest due day of a step not yet done (timeline steps and the plan's commitments). */
  nextStep: string | null;
  closed: boolean;
}

export function urgencyOf(c: MonitoredCase, today: string): Urgency {
  if (c.closed) return 'other';
  const soon = addDays(today, DUE_SOON_DAYS);
  if (c.nextReview && c.nextReview < today) return 'review_overdue';
  if (c.nextReview && c.nextReview <= soon) return 'review_due';
  if (c.nextStep && c.nextStep <= soon) return 'step_due';
  return 'other';
}

/**
 * The counsellor's list: reviews overdue, then reviews due soon, then steps due, then
 * the rest; within a group the earliest date first, then the older case. Closed cases last.
 */
export function monitoringOrder<T extends MonitoredCase>(cases: readonly T[], today: string): T[] {
  const key = (c: T) => {
    const u = urgencyOf(c, today);
    const date = u === 'step_due' ? c.nextStep : (c.nextReview ?? c.nextStep);
    return { rank: (c.closed ? 10 : 0) + URGENCY_ORDER.indexOf(u), date: date ?? '9999-12-31' };
  };
  return [...cases].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka.rank - kb.rank || ka.date.localeCompare(kb.date) || a.id - b.id;
  });
}
