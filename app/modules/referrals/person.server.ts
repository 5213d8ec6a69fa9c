import { getSql, inTransaction } from '../../../db/client.server';
import { caseOfToken } from '../cases/person.server';
import { consentWording } from '../cases/texts.server';
import { conferenceDays } from './conference.server';
import { consentOnLink, referralsOfCase } from './referrals.server';
import { REFERRAL_CONSENT } from './rules';

/**
 * The person's side of referrals on their link /fall/<token>: every referral with its
 * state, and the ones waiting for their consent with the consent text to agree to; and
 * the days their case was discussed in a case conference (the day only, no summary).
 */
export async function personReferrals(token: string, language: string) {
  const row = await caseOfToken(token);
  const referrals = await referralsOfCase(getSql(), row.id);
  return {
    referrals,
    conferenceDays: await conferenceDays(row.id),
    consentText: referrals.some((r) => r.state === 'draft')
      ? await consentWording(REFERRAL_CONSENT.version, language)
      : null,
  };
}

/** The person agrees on their link to pass these data to this provider for this purpose; it is sent at once. */
export async function consentToReferral(token: string, referralId: number, language: string) {
  await inTransaction(getSql(), async (tx) => {
    const row = await caseOfToken(token, tx);
    await consentOnLink(tx, row, referralId, language);
  });
}
