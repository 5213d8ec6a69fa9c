import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '~/utils/format';
import type { PlanCommitment, PlanContent, PlanMeasure } from '../diff';

/**
 * The counsellor's free text as written: in the language it was written in (so a screen
 * reader on an Arabic page reads German as German), with its line breaks.
 */
export function FreeText({
  lang,
  children,
  as = 'div',
}: {
  lang: string;
  children: ReactNode;
  as?: 'div' | 'span';
}) {
  const Tag = as;
  return (
    <Tag lang={lang} dir="auto" className="ww-case-text">
      {children}
    </Tag>
  );
}

/** One row of a description list, left out when it has no value. */
export function Row({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '' || children === false) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export interface ViewedPlan extends PlanContent {
  version: number;
  status: string;
  textLanguage: string;
  agreedAt: string | null;
  agreedHow: string | null;
  activatedAt: string | null;
}

type Level = 2 | 3;
function Heading({ level, id, children }: { level: Level; id?: string; children: ReactNode }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <H id={id} className={level === 2 ? 'kern-heading-medium' : 'kern-heading-small'}>
      {children}
    </H>
  );
}

/**
 * A plan version in its three parts: baseline, measures, commitments (only when there
 * are any). The same view serves the counsellor, the print and the person's page;
 * `ticks` adds the person's or counsellor's tick forms to commitments.
 */
export function PlanView({
  plan,
  level = 2,
  idPrefix,
  progress = {},
  tickFor,
  measureActions,
}: {
  plan: ViewedPlan;
  level?: Level;
  idPrefix: string;
  progress?: Record<string, { doneAt: string; by: string }>;
  tickFor?: (c: PlanCommitment, done: boolean) => ReactNode;
  measureActions?: (m: PlanMeasure) => ReactNode;
}) {
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  const sub = (level + 1) as Level;
  const b = plan.baseline;
  return (
    <div className="kern-stack">
      <p className="kern-body">
        {t('plan.versionLine', { version: plan.version })} –{' '}
        <strong>{t(`plan.status.${plan.status}`)}</strong>
        {plan.agreedAt
          ? ` – ${t('plan.agreedLine', { date: formatDateTime(plan.agreedAt, lng), how: t(`how.${plan.agreedHow}`) })}`
          : ''}
        {plan.reviewOn ? ` – ${t('plan.reviewLine', { date: formatDate(plan.reviewOn, lng, 'long') })}` : ''}
      </p>
      <section aria-labelledby={`${idPrefix}-baseline`} className="kern-stack-sm">
        <Heading level={level} id={`${idPrefix}-baseline`}>
          {t('plan.parts.baseline')}
        </Heading>
        <dl className="ww-case-facts">
          <Row label={t('plan.baseline.situation')}>
            {b.situation ? <FreeText lang={plan.textLanguage}>{b.situation}</FreeText> : null}
          </Row>
          <Row label={t('plan.baseline.abilities')}>
            {b.abilities ? <FreeText lang={plan.textLanguage}>{b.abilities}</FreeText> : null}
          </Row>
          <Row label={t('plan.baseline.wishes')}>
            {b.wishes ? <FreeText lang={plan.textLanguage}>{b.wishes}</FreeText> : null}
          </Row>
        </dl>
        {b.goals.length ? (
          <>
            <Heading level={sub}>{t('plan.baseline.goals')}</Heading>
            <ol className="kern-list">
              {b.goals.map((g) => (
                <li key={g.id}>
                  <FreeText lang={plan.textLanguage} as="span">
                    {g.text}
                  </FreeText>
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>
      <section aria-labelledby={`${idPrefix}-measures`} className="kern-stack-sm">
        <Heading level={level} id={`${idPrefix}-measures`}>
          {t('plan.parts.measures')}
        </Heading>
        {plan.measures.length === 0 ? <p className="kern-body">{t('plan.noMeasures')}</p> : null}
        <ol className="ww-case-list">
          {plan.measures.map((m, i) => (
            <li key={m.key} className="ww-case-item kern-stack-sm">
              <Heading level={sub}>
                {t('plan.measureHeading', { n: i + 1 })}:{' '}
                <FreeText lang={plan.textLanguage} as="span">
                  {m.goal}
                </FreeText>
              </Heading>
              <MeasureFacts m={m} textLanguage={plan.textLanguage} />
              {measureActions?.(m)}
            </li>
          ))}
        </ol>
      </section>
      {plan.commitments.length ? (
        <section aria-labelledby={`${idPrefix}-commitments`} className="kern-stack-sm">
          <Heading level={level} id={`${idPrefix}-commitments`}>
            {t('plan.parts.commitments')}
          </Heading>
          <p className="kern-body">{t('plan.commitmentsIntro')}</p>
          {(['person', 'counsellor'] as const).map((party) => {
            const items = plan.commitments.filter((c) => c.party === party);
            if (!items.length) return null;
            return (
              <div key={party} className="kern-stack-sm">
                <Heading level={sub}>{t(`plan.party.${party}`)}</Heading>
                <ul className="ww-case-list">
                  {items.map((c) => {
                    const done = progress[c.key];
                    return (
                      <li key={c.key} className="ww-case-item kern-stack-sm">
                        <FreeText lang={plan.textLanguage}>{c.body}</FreeText>
                        <p className="kern-body">
                          {c.dueOn ? `${t('plan.dueOn', { date: formatDate(c.dueOn, lng, 'long') })} – ` : ''}
                          {t(c.binding ? 'plan.binding' : 'plan.nonBinding')}
                          {done ? (
                            <>
                              {' – '}
                              <strong>{t('plan.doneOn', { date: formatDateTime(done.doneAt, lng) })}</strong>
                            </>
                          ) : null}
                        </p>
                        {tickFor?.(c, Boolean(done))}
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}

export function MeasureFacts({ m, textLanguage }: { m: PlanMeasure; textLanguage: string }) {
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  const free = (s: string | null) => (s ? <FreeText lang={textLanguage}>{s}</FreeText> : null);
  return (
    <dl className="ww-case-facts">
      <Row label={t('measure.startsOn')}>{m.startsOn ? formatDate(m.startsOn, lng, 'long') : null}</Row>
      <Row label={t('measure.duration')}>
        {m.durationWeeks ? t('measure.weeks', { count: m.durationWeeks }) : null}
      </Row>
      <Row label={t('measure.personDoes')}>{free(m.personDoes)}</Row>
      <Row label={t('measure.counsellorDoes')}>{free(m.counsellorDoes)}</Row>
      <Row label={t('measure.providerDoes')}>{free(m.providerDoes)}</Row>
      <Row label={t('measure.serviceDoes')}>{free(m.serviceDoes)}</Row>
      <Row label={t('measure.offer')}>
        {m.offer ? (
          // Course data is German, whatever the page's language.
          <span lang="de" dir="auto">
            {m.offer.offerId ? (
              <a className="kern-link" href={`/angebote/${m.offer.offerId}`}>
                {m.offer.title}
              </a>
            ) : (
              m.offer.title
            )}{' '}
            ({m.offer.provider})
          </span>
        ) : null}
      </Row>
      <Row label={t('measure.resource')}>{free(m.resource)}</Row>
      <Row label={t('measure.reviewOn')}>{m.reviewOn ? formatDate(m.reviewOn, lng, 'long') : null}</Row>
    </dl>
  );
}
