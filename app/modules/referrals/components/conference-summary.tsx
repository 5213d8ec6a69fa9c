import { useTranslation } from 'react-i18next';
import type { ConferenceSummary } from '../conference.server';

/**
 * A case conference summary as colleagues read it (and as it prints). With `codedOnly`,
 * the facts taken from the file before the counsellor adds the reviewed parts. Provider
 * and offer names are German catalogue data; the reviewed texts are in whatever language
 * the counsellor wrote them, so they carry no language of their own.
 */
export function ConferenceSummaryView({
  summary: s,
  codedOnly = false,
}: {
  summary: ConferenceSummary;
  codedOnly?: boolean;
}) {
  const { t } = useTranslation('referrals');
  const tc = useTranslation('cases').t;
  return (
    <dl className="ww-case-facts">
      <dt>{t('conference.caseType')}</dt>
      <dd>{tc(`types.${s.caseType}`)}</dd>
      <dt>{t('conference.phase')}</dt>
      <dd>{tc(`phase.${s.phase}`)}</dd>
      {codedOnly ? null : (
        <>
          <dt>{t('conference.ageBand')}</dt>
          <dd>{s.ageBand ? tc(`ageBand.${s.ageBand}`) : t('conference.ageBandNone')}</dd>
        </>
      )}
      <dt>{t('conference.barriers')}</dt>
      <dd>{s.barriers.length ? s.barriers.map((b) => tc(`barrier.${b}`)).join(', ') : '–'}</dd>
      {s.situation ? (
        <>
          <dt>{t('conference.situation')}</dt>
          <dd className="ww-pre">{s.situation}</dd>
        </>
      ) : null}
      {s.measures.length ? (
        <>
          <dt>{t('conference.measures')}</dt>
          <dd>
            <ul>
              {s.measures.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the reviewed texts have no id and never reorder
                <li key={i}>{m}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      <dt>{t('conference.referrals')}</dt>
      <dd>
        {s.referrals.length ? (
          <ul>
            {s.referrals.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a stored summary's list never changes
              <li key={i}>
                <span lang="de">{r.provider}</span>
                {r.offerTitle ? (
                  <>
                    {': '}
                    <span lang="de">{r.offerTitle}</span>
                  </>
                ) : null}
                {' – '}
                {t(`state.${r.state}`)}
                {r.reason ? ` (${t(`reason.${r.reason}`)})` : null}
              </li>
            ))}
          </ul>
        ) : (
          '–'
        )}
      </dd>
    </dl>
  );
}
