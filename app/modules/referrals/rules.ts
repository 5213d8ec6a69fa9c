import { addDays, isoWeekday } from '../../utils/zoned';
import { type GermanState, holidayDates } from '../booking/holidays';

/**
 * The pure rules of referrals: the fixed list of data that may be passed on, the states
 * and who moves a referral between them, the response deadline in working days, and
 * whether a consent covers a referral. No database here, so every rule has a unit test.
 */

/** What may be passed on: nothing else — never health data, never the whole file. */
export const DATA_CATEGORIES = ['name_contact', 'language_level', 'baseline', 'measure_goal'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

export const STATES = [
  'draft',
  'received',
  'accepted',
  'rejected',
  'started',
  'completed',
  'dropped_out',
] as const;
export type ReferralState = (typeof STATES)[number];

export const REJECT_REASONS = [
  'course_full',
  'requirements_not_met',
  'cancelled',
  'no_contact',
  'other',
] as const;
export const DROPOUT_REASONS = [
  'person_ended',
  'health',
  'work_found',
  'moved_away',
  'no_contact',
  'other',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export type DropoutReason = (typeof DROPOUT_REASONS)[number];

/** What the provider (its staff or its course system) may do next from each state. */
export const PROVIDER_MOVES: Record<ReferralState, ReferralState[]> = {
  draft: [],
  received: ['accepted', 'rejected'],
  accepted: ['started', 'dropped_out'],
  started: ['completed', 'dropped_out'],
  rejected: [],
  completed: [],
  dropped_out: [],
};

export function mayMove(from: ReferralState, to: ReferralState): boolean {
  return PROVIDER_MOVES[from].includes(to);
}

/** The consent text version a referral consent is given under (`cases:consentText.referral_2026_12`). */
export const REFERRAL_CONSENT = { purpose: 'referral', version: 'referral-2026-12' } as const;

/** Default time the provider has to answer. */
export const RESPONSE_WORKING_DAYS = 5;

/** The date `days` working days after `from` (Monday to Friday, not a public holiday of the Land). */
export function addWorkingDays(from: string, days: number, state: GermanState): string {
  const holidays = holidayDates(from, addDays(from, days * 3 + 21), state);
  let date = from;
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isoWeekday(date) <= 5 && !holidays.has(date)) left--;
  }
  return date;
}

export interface ConsentFacts {
  recipientProviderId: number | null;
  dataCategories: readonly string[];
  validUntil: string | null;
  withdrawnAt: Date | string | null;
  purpose: string;
}

/**
 * A consent covers a referral when it is a standing referral consent for exactly this
 * provider, still valid today, and names every category the referral passes on. There is
 * no other way for a referral to be sent — no role overrides it.
 */
export function covers(
  c: ConsentFacts,
  r: { providerId: number; categories: readonly string[] },
  today: string,
): boolean {
  return (
    c.purpose === REFERRAL_CONSENT.purpose &&
    !c.withdrawnAt &&
    c.recipientProviderId === r.providerId &&
    (c.validUntil === null || c.validUntil >= today) &&
    r.categories.every((x) => c.dataCategories.includes(x))
  );
}

export interface PersonFacts {
  name: string | null;
  email: string | null;
  phone: string | null;
  languageLevel: string | null;
  baseline: { situation?: string; abilities?: string; wishes?: string } | null;
  measureGoal: string | null;
}

/** Exactly the consented data, nothing else: what the provider's page and API show. */
export function sharedData(categories: readonly string[], p: PersonFacts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (categories.includes('name_contact')) out.nameContact = { name: p.name, email: p.email, phone: p.phone };
  if (categories.includes('language_level')) out.languageLevel = p.languageLevel;
  if (categories.includes('baseline'))
    out.baseline = {
      situation: p.baseline?.situation ?? null,
      abilities: p.baseline?.abilities ?? null,
      wishes: p.baseline?.wishes ?? null,
    };
  if (categories.includes('measure_goal')) out.measureGoal = p.measureGoal;
  return out;
}

/** Received and not answered after its deadline. */
export function isOverdue(r: { state: string; dueOn: string | null; withdrawnAt: unknown }, today: string) {
  return r.state === 'received' && !r.withdrawnAt && r.dueOn !== null && r.dueOn < today;
}

/** Overdue ones first (oldest deadline first), then the newest. */
export function byUrgency<T extends { overdue: boolean; dueOn: string | null; id: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    if (a.overdue) return (a.dueOn ?? '').localeCompare(b.dueOn ?? '');
    return b.id - a.id;
  });
}
