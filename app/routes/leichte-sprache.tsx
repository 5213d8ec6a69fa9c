import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { operator } from '~/config/operator';
import { i18nServer, pageTitle } from '~/i18next.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['pages'] };

const sections = [
  ['s1Heading', ['s1p1', 's1p2', 's1p3']],
  ['s2Heading', ['s2p1', 's2p2', 's2p3', 's2p4', 's2p5']],
  ['s3Heading', ['s3p1', 's3p2', 's3p3', 's3p4', 's3p5']],
  ['s4Heading', ['s4p1', 's4p2', 's4p3']],
  ['s5Heading', ['s5p1', 's5p2', 's5p3']],
] as const;

/**
 * Information in Leichte Sprache, as BITV 2.0 § 4 asks of public sites. The content is
 * always German Leichte Sprache (the `easy` namespace exists only for `ls`), whatever
 * language the rest of the page is in; the loader renders it so the browser needs no
 * second language pack.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const easy = await i18nServer.getFixedT('ls', 'easy');
  const vars = { phone: operator.phone, email: operator.email };
  return {
    title: await pageTitle(request, 'pages:easyLanguage.title'),
    heading: easy('heading'),
    sections: sections.map(([heading, paragraphs]) => ({
      heading: easy(heading),
      paragraphs: paragraphs.map((p) => easy(p, vars)),
    })),
  };
}

export default function EasyLanguage() {
  const { heading, sections } = useLoaderData<typeof loader>();
  const { t } = useTranslation('pages');
  return (
    <article className="ww-prose">
      <p className="kern-body kern-body--muted">{t('easyLanguage.intro')}</p>
      <div lang="de" dir="ltr" className="kern-stack">
        <h1 className="kern-heading-large">{heading}</h1>
        {sections.map((s) => (
          <section key={s.heading} className="kern-stack-sm">
            <h2 className="kern-heading-medium">{s.heading}</h2>
            {s.paragraphs.map((p) => (
              <p key={p} className="kern-body kern-body--large">
                {p}
              </p>
            ))}
          </section>
        ))}
      </div>
    </article>
  );
}
