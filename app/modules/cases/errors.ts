import { AppError } from '../../utils/errors';

/**
 * A rule of case work said no. `reason` is a key of `cases:errors.*`; `status` is what
 * the page answers: 409 when the case's state forbids it, 422 when something the rule
 * needs is missing (the form is shown again with the message).
 */
export type CaseErrorReason =
  | 'not_held'
  | 'already_recorded'
  | 'restricted'
  | 'closed'
  | 'plan_frozen'
  | 'draft_exists'
  | 'no_draft'
  | 'assessment_missing'
  | 'review_missing'
  | 'measures_missing'
  | 'agreement_missing'
  | 'not_latest'
  | 'no_active_plan'
  | 'health_consent_missing'
  | 'no_shared_assessment'
  | 'run_unavailable'
  | 'not_responsible'
  | 'not_a_colleague'
  | 'already_given'
  | 'not_closed';

const UNPROCESSABLE = new Set<CaseErrorReason>([
  'assessment_missing',
  'review_missing',
  'measures_missing',
  'agreement_missing',
  'health_consent_missing',
  'no_shared_assessment',
  'run_unavailable',
  'not_a_colleague',
]);

/** An AppError too, so a loader that meets one answers 409 instead of failing. */
export class CaseError extends AppError {
  readonly status: number;
  constructor(
    public readonly reason: CaseErrorReason,
    public readonly reasons: CaseErrorReason[] = [reason],
  ) {
    super('conflict', reason);
    this.status = UNPROCESSABLE.has(reason) ? 422 : 409;
  }
}
