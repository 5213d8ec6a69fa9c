import { getSql } from '../../../db/client.server';
import { sharedAnswersOf } from '../../../db/queries/counselling.server';
import { definitionOf, recommend, sharedForAppointment } from '../assessment/assessment.server';
import type { Answers } from '../assessment/definition';
import { finishedResult, withoutSensitive } from '../assessment/engine';
import type { Reason } from '../assessment/reasons';

/**
 * What the counsellor sees of a self-assessment the person shares for the appointment:
 * the profile and hints (as before) and the offers it recommends, each with its reasons.
 * Only while the consent stands; the read is audited once (`sharedForAppointment`). The
 * offers are found again from the answers without the sensitive module, as the shared
 * profile is, so nothing derived from health answers reaches the counsellor.
 */
export interface SharedRecommendation {
  id: number;
  title: string;
  provider: string;
  reasons: Reason[];
}

export async function sharedAssessmentForCounsellor(appointmentId: number, counsellorUserId: number) {
  const shared = await sharedForAppointment(appointmentId, counsellorUserId);
  if (!shared) return null;
  const sql = getSql();
  const stored = await sharedAnswersOf(sql, appointmentId);
  // Withdrawn between the two reads: show nothing more.
  if (!stored) return null;
  const def = await definitionOf(sql, stored.version);
  const result = finishedResult(def, withoutSensitive(def, stored.answers as Answers));
  const { groups } = await recommend(result);
  return {
    ...shared,
    groups: groups
      .filter((g) => g.hits.length)
      .map((g) => ({
        id: g.id,
        hits: g.hits.map(
          ({ hit, reasons }): SharedRecommendation => ({
            id: hit.id,
            title: hit.title,
            provider: hit.provider.name,
            reasons,
          }),
        ),
      })),
  };
}
