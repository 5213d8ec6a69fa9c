import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ChoiceOption } from '~/components/form';
import { LocalizedLink } from '~/components/localized-link';
import { TeamNav } from '~/components/team-nav';
import { pageTitle } from '~/i18next.server';
import { requireCounsellor } from '~/modules/booking/team.server';
import { PHASES, type Phase } from '~/modules/cases/codes';
import { counsellorCases } from '~/modules/cases/list.server';
import { caseLinks } from '~/modules/cases/styles';
import { formatDate } from '~/utils/format';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases', 'counselling'] };

/**
 * The counsellor's own cases (responsible or deputy), reviews overdue and due first,
 * then steps due, then the rest. Names are shown here, so the list is not a read of
 * any one file; opening a file is.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireCounsellor(request, context, 'read:case:own');
  const raw = new URL(request.url).searchParams.get('phase');
  const phase = (PHASES as readonly string[]).includes(raw ?? '') ? (raw as Phase) : null;
  return {
    title: await pageTitle(request, 'cases:list.title'),
    phase,
    ...(await counsellorCases(user.id, phase)),
  };
}

export default function CaseList() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  return (
    <div className="kern-stack ww-case-page">
      <h1 className="kern-heading-large">{t('list.title')}</h1>
      <TeamNav />
      <p className="kern-body">{t('list.intro')}</p>
      <ul className="kern-list ww-inline-list">
        <li>
          <LocalizedLink className="kern-link" to="/team/faelle/neu">
            {t('list.open')}
          </LocalizedLink>
        </li>
        <li>
          <LocalizedLink className="kern-link" to="/team/kontakt">
            {t('list.contact')}
          </LocalizedLink>
        </li>
      </ul>
      <form method="get" className="kern-stack-sm" aria-label={t('list.filter')}>
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t('list.phase')}</legend>
          <div className="kern-fieldset__body ww-inline-list">
            <ChoiceOption
              type="radio"
              id="phase-open"
              name="phase"
              value=""
              label={t('list.allOpen')}
              checked={!d.phase}
            />
            {PHASES.map((p) => (
              <ChoiceOption
                key={p}
                type="radio"
                id={`phase-${p}`}
                name="phase"
                value={p}
                label={`${t(`phase.${p}`)} (${d.counts[p]})`}
                checked={d.phase === p}
              />
            ))}
          </div>
        </fieldset>
        <button type="submit" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('list.show')}</span>
        </button>
      </form>
      <h2 className="kern-heading-medium" aria-live="polite">
        {t('list.count', { count: d.cases.length })}
      </h2>
      {d.cases.length === 0 ? <p className="kern-body">{t('list.none')}</p> : null}
      <ul className="ww-case-list">
        {d.cases.map((c) => (
          <li
            key={c.id}
            className={`ww-case-item kern-stack-sm${c.urgency === 'review_overdue' ? ' ww-case-item--overdue' : c.urgency === 'other' ? '' : ' ww-case-item--due'}`}
          >
            <h3 className="kern-heading-small">
              <a className="kern-link" href={`/team/faelle/${c.id}`}>
                {c.name}
              </a>
              {c.deputy ? <span className="ww-case-tag">{t('list.asDeputy')}</span> : null}
              {c.restricted ? <span className="ww-case-tag">{t('list.restricted')}</span> : null}
            </h3>
            <p className="kern-body">
              <strong>{t(`urgency.${c.urgency}`)}</strong> – {t(`types.${c.caseType}`)},{' '}
              {t(`phase.${c.phase}`)}
            </p>
            <p className="kern-body">
              {[
                c.nextReview ? t('list.nextReview', { date: formatDate(c.nextReview, lng, 'long') }) : null,
                c.nextStep ? t('list.nextStep', { date: formatDate(c.nextStep, lng, 'long') }) : null,
                c.pending
                  ? t(
                      c.pending.agreed
                        ? 'list.pendingAgreed'
                        : c.pending.proposed
                          ? 'list.pendingProposed'
                          : 'list.pendingDraft',
                      { version: c.pending.version },
                    )
                  : null,
                t('list.opened', { date: formatDate(c.openedAt, lng) }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
