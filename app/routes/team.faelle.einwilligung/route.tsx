import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { isLanguage } from '~/i18n';
import { pageTitle } from '~/i18next.server';
import { requireCounsellor } from '~/modules/booking/team.server';
import { CONSENTS } from '~/modules/cases/codes';
import { ConsentText } from '~/modules/cases/components/consents';
import { caseLinks } from '~/modules/cases/styles';
import { consentWording } from '~/modules/cases/texts.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const links = caseLinks;
export const handle = { i18n: ['cases'] };

const VERSIONS: string[] = Object.values(CONSENTS).map((c) => c.version);

/** A consent text in the person's language, to print and hand over or sign. No case data. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCounsellor(request, context, 'create:case:own');
  const url = new URL(request.url);
  const language = url.searchParams.get('sprache');
  const version = url.searchParams.get('fassung') ?? CONSENTS.documentation.version;
  if (!isLanguage(language) || !VERSIONS.includes(version)) throw new Response('not found', { status: 404 });
  return {
    title: await pageTitle(request, 'cases:consentPrint.title'),
    text: await consentWording(version, language),
  };
}

export default function ConsentPrint() {
  const { text } = useLoaderData<typeof loader>();
  const { t } = useTranslation('cases');
  return (
    <div className="kern-stack ww-case-page ww-narrow">
      <h1 className="kern-heading-large ww-noprint">{t('consentPrint.title')}</h1>
      <p className="kern-body ww-noprint">{t('consentPrint.intro')}</p>
      <ConsentText text={text} />
      <dl
        className="ww-case-facts"
        lang={text.language === 'ls' ? 'de' : text.language}
        dir={text.language === 'ar' ? 'rtl' : 'ltr'}
      >
        {[text.form.name, text.form.date, text.form.signature].map((label) => (
          <div key={label} className="ww-facts__row">
            <dt>{label}</dt>
            <dd>________________________________</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
