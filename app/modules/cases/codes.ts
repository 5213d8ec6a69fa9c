/**
 * The vocabularies of case work. Each value is a code stored in the database (checked
 * there too) and a translation key in the `cases` namespace; the anonymous statistics
 * count codes, never free text.
 */

// --- Short counselling (anonymous tally) --------------------------------------------------
export const TALLY_CHANNELS = ['in_person', 'phone', 'video', 'email'] as const;
export const DURATION_BANDS = ['under_15', '15_30', '30_60', 'over_60'] as const;
/** What a short counselling led to; `case_opened` is written when the contact opens a case. */
export const TALLY_OUTCOMES = ['information', 'referred_elsewhere', 'self_assessment'] as const;
export const AGE_BANDS = ['under_25', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;

// --- The case ---------------------------------------------------------------------------
/** How a case began: from a booked appointment, or a contact without one. */
export const ORIGINS = ['appointment', 'walk_in', 'phone', 'video', 'other'] as const;
export type Origin = (typeof ORIGINS)[number];
/** Where a case stands, derived from its facts (never stored, so it can't go stale). */
export const PHASES = ['intake', 'planning', 'monitoring', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

/** Coded barriers of the assessment; `health` only under its own consent (Art. 9). */
export const BARRIERS = ['childcare', 'times', 'cost', 'language_level', 'mobility', 'health'] as const;
export type Barrier = (typeof BARRIERS)[number];

// --- Consents ---------------------------------------------------------------------------
/** How a consent or an agreement was given. `own_link`: the person confirmed on their link. */
export const GIVEN_HOW = ['paper', 'in_meeting', 'own_link'] as const;
export type GivenHow = (typeof GIVEN_HOW)[number];
/** What a counsellor can record on the person's behalf (the link records itself). */
export const RECORDED_HOW = ['in_meeting', 'paper'] as const;

/**
 * The consent texts as versions: the text shown is `cases:consentText.<version>` in the
 * person's language; a changed text gets a new version, an old one keeps its words.
 */
export const CONSENTS = {
  documentation: {
    purpose: 'documentation',
    version: 'documentation-2026-11',
    categories: ['identity', 'contact', 'situation', 'assessment', 'plan', 'journal'],
  },
  health: {
    purpose: 'health',
    version: 'health-2026-11',
    categories: ['health'],
  },
} as const;
export type ConsentKind = keyof typeof CONSENTS;
/** Every version's text key, for the print view and the person's page. */
export function consentTextKey(version: string): string {
  return `consentText.${version.replace(/[.-]/g, '_')}`;
}

// --- Plan, reviews, closing ---------------------------------------------------------------
export const MEASURE_STATUS = ['on_track', 'delayed', 'done', 'dropped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUS)[number];
/** Attainment per core goal and per measure when a case is closed. */
export const ATTAINMENT = ['achieved', 'partly', 'not', 'dropped'] as const;
export type Attainment = (typeof ATTAINMENT)[number];
/** Reasons a counsellor can give; the system's own (consent withdrawn, inactive, account deleted) are not offered. */
export const CLOSE_REASONS = [
  'goals_achieved',
  'measure_started',
  'person_ended',
  'no_contact',
  'moved_away',
  'other_service',
  'other',
] as const;
export type CloseReason =
  | (typeof CLOSE_REASONS)[number]
  | 'consent_withdrawn'
  | 'inactive'
  | 'account_deleted';

/** Feedback answers: 1 (not at all) … 4 (fully). */
export const FEEDBACK_QUESTIONS = ['helpful', 'heard', 'own_plan'] as const;

/** Working notes live this long unless moved into the file. */
export const NOTE_DAYS = 14;
/** A review this close counts as due (the list's second group). */
export const DUE_SOON_DAYS = 7;
export const MAX_GOALS = 5;
