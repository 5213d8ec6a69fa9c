import { AppError } from '../../utils/errors';

/**
 * A rule of referrals said no. `reason` is a key of `referrals:errors.*`. 422 when
 * something the rule needs is missing (above all: the person's consent for this
 * recipient), 409 when the referral's state forbids the step.
 */
export type ReferralErrorReason =
  | 'consent_missing'
  | 'consent_conflict'
  | 'no_active_plan'
  | 'measure_unknown'
  | 'run_unavailable'
  | 'provider_unknown'
  | 'language_level_missing'
  | 'affiliation_reason_missing'
  | 'not_a_draft'
  | 'move_not_allowed'
  | 'withdrawn'
  | 'case_closed';

const UNPROCESSABLE = new Set<ReferralErrorReason>([
  'consent_missing',
  'no_active_plan',
  'measure_unknown',
  'run_unavailable',
  'provider_unknown',
  'language_level_missing',
  'affiliation_reason_missing',
]);

export class ReferralError extends AppError {
  readonly status: number;
  constructor(public readonly reason: ReferralErrorReason) {
    super('conflict', reason);
    this.status = UNPROCESSABLE.has(reason) ? 422 : 409;
  }
}
