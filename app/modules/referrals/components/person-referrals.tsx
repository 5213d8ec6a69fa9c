import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ConsentText, type ConsentWording } from '~/modules/cases/components/consents';
import { formatDate } from '~/utils/format';
import type { ReferralView } from '../referrals.server';
import { ReferralHistory, ReferralStateLine } from './referral-state';

/**
 * The referrals on the person's own page: each with who receives which data for what,
 * and its state; one waiting for their consent has the consent text and a button to agree.
 * Withdrawing is done in the list of consents (the same for every consent).
 */
export function PersonReferrals({
  referrals,
  consentText,
  closed,
}: {
  referrals: ReferralView[];
  consentText: ConsentWording | null;
  closed: boolean;
}) {
  const { t } = useTranslation('referrals');
  if (!referrals.length) return null;
  return (
    <section aria-labelledby="referrals-heading" className="kern-stack-sm">
      <h2 id="referrals-heading" className="kern-heading-medium">
        {t('person.heading')}
      </h2>
      <p className="kern-body">{t('person.intro')}</p>
      <ul className="ww-case-list">
        {referrals.map((r) => (
          <li key={r.id} className="ww-case-item kern-stack-sm">
            <h3 className="kern-heading-small">
              <span lang="de">{r.provider}</span>
              {r.offerTitle ? (
                <>
                  {': '}
                  <span lang="de">{r.offerTitle}</span>
                </>
              ) : null}
            </h3>
            <dl className="ww-case-facts">
              <dt>{t('field.purpose')}</dt>
              <dd lang="de" dir="auto">
                {r.purpose}
              </dd>

              <dt>{t('person.data')}</dt>
              <dd>{r.categories.map((c) => t(`category.${c}`)).join(', ')}</dd>

              <dt>{t('field.state')}</dt>
              <dd data-referral-state={r.withdrawn ? 'withdrawn' : r.state}>
                {r.state === 'draft' ? t('person.waiting') : <ReferralStateLine r={r} />}
              </dd>
            </dl>
            {r.state !== 'draft' ? <ReferralHistory history={r.history} idPrefix={`ph-${r.id}`} /> : null}
            {r.state === 'draft' && !closed ? (
              <div className="kern-stack-sm">
                {consentText ? <ConsentText text={consentText} level={3} /> : null}
                <Form method="post" className="ww-noprint">
                  <input type="hidden" name="intent" value="referral-consent" />
                  <input type="hidden" name="referral" value={r.id} />
                  <button type="submit" className="kern-btn kern-btn--primary">
                    <span className="kern-label">{t('person.agree', { provider: r.provider })}</span>
                  </button>
                </Form>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On the person's page: that (and when) their case was discussed in the team, without their name. */
export function PersonConferences({ days }: { days: string[] }) {
  const { t, i18n } = useTranslation('referrals');
  if (!days.length) return null;
  return (
    <section aria-labelledby="conferences-heading" className="kern-stack-sm">
      <h2 id="conferences-heading" className="kern-heading-medium">
        {t('conference.personHeading')}
      </h2>
      <p className="kern-body">{t('conference.personIntro')}</p>
      <ul className="ww-case-list">
        {days.map((day, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two conferences can share a day
          <li key={`${day}-${i}`} className="kern-body">
            {t('conference.personLine', { date: formatDate(day, i18n.language, 'long') })}
          </li>
        ))}
      </ul>
    </section>
  );
}
