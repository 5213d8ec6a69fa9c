import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, languageName } from '~/utils/format';
import { Row } from './plan-view';

export interface ShownConsent {
  id: number;
  purpose: string;
  recipient: string | null;
  dataCategories: string[];
  textVersion: string;
  textLanguage: string;
  givenHow: string;
  givenAt: string;
  withdrawnAt: string | null;
}

/**
 * The consents of a case, each with what it covers, the text version and its language,
 * how and when it was given, and its withdrawal. `action` adds a form to standing ones.
 */
export function ConsentList({
  consents,
  level = 3,
  action,
}: {
  consents: ShownConsent[];
  level?: 3 | 4;
  action?: (c: ShownConsent) => ReactNode;
}) {
  const { t, i18n } = useTranslation('cases');
  const lng = i18n.language;
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <ul className="ww-case-list">
      {consents.map((c) => (
        <li key={c.id} className="ww-case-item kern-stack-sm">
          <H className="kern-heading-small">
            {t(`consent.purpose.${c.purpose}`)}
            <span className="ww-case-tag">{t(c.withdrawnAt ? 'consent.withdrawn' : 'consent.standing')}</span>
          </H>
          <dl className="ww-case-facts">
            <Row label={t('consent.recipient')}>
              {c.recipient ? <span lang="de">{c.recipient}</span> : null}
            </Row>
            <Row label={t('consent.categories')}>
              {c.dataCategories.map((x) => t(`consent.category.${x}`)).join(', ')}
            </Row>
            <Row label={t('consent.text')}>
              {t('consent.textVersion', {
                version: c.textVersion,
                language: languageName(c.textLanguage, lng),
              })}
            </Row>
            <Row label={t('consent.given')}>
              {t('consent.givenLine', { date: formatDateTime(c.givenAt, lng), how: t(`how.${c.givenHow}`) })}
            </Row>
            <Row label={t('consent.withdrawnAt')}>
              {c.withdrawnAt ? formatDateTime(c.withdrawnAt, lng) : null}
            </Row>
          </dl>
          {c.withdrawnAt ? null : action?.(c)}
        </li>
      ))}
    </ul>
  );
}

export interface ConsentWording {
  version: string;
  language: string;
  title: string;
  paragraphs: string[];
  note: string;
  /** The labels of the signature lines, in the same language. */
  form: { name: string; date: string; signature: string };
}

/** The wording of a consent text version in one language (resolved on the server: any language, printable). */
export function ConsentText({ text, level = 2 }: { text: ConsentWording; level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <div
      lang={text.language === 'ls' ? 'de' : text.language}
      dir={text.language === 'ar' ? 'rtl' : 'ltr'}
      className="kern-stack-sm"
    >
      <H className={level === 2 ? 'kern-heading-medium' : 'kern-heading-small'}>{text.title}</H>
      {text.paragraphs.map((p) => (
        <p key={p} className="kern-body">
          {p}
        </p>
      ))}
      <p className="kern-body kern-body--small">{text.note}</p>
    </div>
  );
}
