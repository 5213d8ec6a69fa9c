import { addDays } from '../../utils/zoned';

/**
 * Case types and their default timelines. A step is due a number of days after an
 * earlier step (`after`; the opening when none): after that step was done if it was, else
 * after its own due date. Names are translated (`cases:types.<id>`, `cases:steps.<key>`).
 * Finishing every step never closes a case: closing is the counsellor's decision with
 * the person.
 */
export interface StepDefinition {
  key: string;
  after: string | null;
  days: number;
}

export const CASE_TYPES = {
  weiterbildung: [
    { key: 'first_talk', after: null, days: 0 },
    { key: 'assessment', after: 'first_talk', days: 14 },
    { key: 'plan_agreed', after: 'assessment', days: 14 },
    { key: 'funding_clarified', after: 'plan_agreed', days: 21 },
    { key: 'measure_started', after: 'funding_clarified', days: 30 },
    { key: 'first_review', after: 'measure_started', days: 30 },
  ],
  deutsch: [
    { key: 'first_talk', after: null, days: 0 },
    { key: 'language_level', after: 'first_talk', days: 7 },
    { key: 'plan_agreed', after: 'language_level', days: 14 },
    { key: 'course_registered', after: 'plan_agreed', days: 14 },
    { key: 'first_review', after: 'course_registered', days: 42 },
  ],
  anerkennung: [
    { key: 'first_talk', after: null, days: 0 },
    { key: 'documents_collected', after: 'first_talk', days: 21 },
    { key: 'application_filed', after: 'documents_collected', days: 14 },
    { key: 'decision_received', after: 'application_filed', days: 90 },
    { key: 'adaptation_clarified', after: 'decision_received', days: 21 },
  ],
  orientierung: [
    { key: 'first_talk', after: null, days: 0 },
    { key: 'assessment', after: 'first_talk', days: 14 },
    { key: 'plan_agreed', after: 'assessment', days: 14 },
    { key: 'first_review', after: 'plan_agreed', days: 42 },
  ],
} as const satisfies Record<string, readonly StepDefinition[]>;

export type CaseType = keyof typeof CASE_TYPES;
export const CASE_TYPE_IDS = Object.keys(CASE_TYPES) as CaseType[];

export function isCaseType(value: unknown): value is CaseType {
  return typeof value === 'string' && Object.hasOwn(CASE_TYPES, value);
}

export interface TimelineStep {
  id: number;
  afterStepId: number | null;
  offsetDays: number;
  /** The day it was done (Europe/Berlin), if it was. */
  doneOn: string | null;
}

/**
 * Each step's due day (YYYY-MM-DD). Steps only point at earlier steps, so one pass in
 * order suffices; a pointer to a step that isn't there (deleted) counts from the opening.
 */
export function dueDates(openedOn: string, steps: readonly TimelineStep[]): Map<number, string> {
  const due = new Map<number, string>();
  const done = new Map(steps.map((s) => [s.id, s.doneOn]));
  for (const step of steps) {
    const base =
      step.afterStepId !== null && due.has(step.afterStepId)
        ? (done.get(step.afterStepId) ?? due.get(step.afterStepId)!)
        : openedOn;
    due.set(step.id, addDays(base, step.offsetDays));
  }
  return due;
}
