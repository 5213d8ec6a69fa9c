import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/form';
import { SubNav } from '~/components/sub-nav';

/** The case pages' own navigation: the parts of one file. */
export function CaseNav({ id }: { id: number }) {
  const base = `/team/faelle/${id}`;
  return (
    <SubNav
      ns="cases"
      label="nav.case"
      links={[
        { to: base, key: 'nav.overview' },
        { to: `${base}/einschaetzung`, key: 'nav.assessment' },
        { to: `${base}/plan`, key: 'nav.plan' },
        { to: `${base}/ueberpruefung`, key: 'nav.review' },
        { to: `${base}/vermittlung`, key: 'nav.referrals' },
        { to: `${base}/konferenz`, key: 'nav.conference' },
        { to: `${base}/uebergabe`, key: 'nav.handover' },
        { to: `${base}/abschluss`, key: 'nav.close' },
        { to: `${base}/drucken`, key: 'nav.print' },
      ]}
    />
  );
}

export interface HeaderFacts {
  id: number;
  name: string | null;
  caseType: string;
  phase: string;
  role: 'responsible' | 'deputy';
  restricted: boolean;
  closed: boolean;
}

/** Each case page starts the same: whose file, its type and phase, the reader's role, and the case's navigation. */
export function CaseHeader({ c, title }: { c: HeaderFacts; title: string }) {
  const { t } = useTranslation('cases');
  return (
    <div className="kern-stack-sm">
      <p className="kern-body">
        <a className="kern-link ww-noprint" href="/team/faelle">
          {t('nav.backToList')}
        </a>
      </p>
      <h1 className="kern-heading-large">
        {title}: {c.name}
      </h1>
      <p className="kern-body">
        {t('header.line', {
          id: c.id,
          type: t(`types.${c.caseType}`),
          phase: t(`phase.${c.phase}`),
          role: t(`role.${c.role}`),
        })}
      </p>
      <CaseNav id={c.id} />
      {c.restricted ? <Alert tone="warning">{t('header.restricted')}</Alert> : null}
      {c.closed && !c.restricted ? <Alert tone="info">{t('header.closed')}</Alert> : null}
    </div>
  );
}
