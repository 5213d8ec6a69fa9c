import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CardItem } from '~/components/card-item';
import { LocalizedLink } from '~/components/localized-link';
import { RichText } from '~/components/rich-text';
import { i18nServer } from '~/i18next.server';
import { getCatalogueFigures } from '~/modules/catalogue/stats.server';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request, 'common');
  return { title: t('home.title'), figures: await getCatalogueFigures() };
}

const ways = [
  { key: 'find', to: '/angebote', icon: 'search' },
  { key: 'fit', to: '/selbsteinschaetzung', icon: 'checklist' },
  { key: 'talk', to: '/beratung', icon: 'help' },
] as const;

export default function Home() {
  const { figures } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  // Western digits everywhere: Node and browsers disagree on defaults, which would break hydration.
  const number = new Intl.NumberFormat(i18n.language === 'ls' ? 'de' : i18n.language, {
    numberingSystem: 'latn',
  });
  return (
    <div className="kern-stack-lg">
      <div className="ww-prose kern-stack">
        <h1 className="kern-heading-x-large">{t('home.heading')}</h1>
        <p className="kern-body kern-body--large">
          <RichText ns="common" k="home.intro" />
        </p>
      </div>
      {/* The most common first step, right here: a plain GET form to the search page. */}
      <Form
        method="get"
        action="/angebote"
        role="search"
        className="ww-home-search"
        aria-labelledby="home-q-label"
      >
        <input type="hidden" name="lng" value={i18n.language} />
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="home-q" id="home-q-label">
            {t('home.searchLabel')}
          </label>
          <div className="kern-hint" id="home-q-hint">
            <RichText ns="common" k="home.searchHint" />
          </div>
          <div className="ww-home-search__row">
            <input
              className="kern-form-input__input"
              type="search"
              id="home-q"
              name="q"
              maxLength={200}
              aria-describedby="home-q-hint"
            />
            <button type="submit" className="kern-btn kern-btn--primary">
              <span className="kern-label">{t('home.searchSubmit')}</span>
            </button>
          </div>
        </div>
      </Form>
      <section aria-labelledby="ways-heading" className="kern-stack">
        <h2 id="ways-heading" className="kern-heading-medium">
          {t('home.waysLabel')}
        </h2>
        <ul className="ww-ways">
          {ways.map((way) => (
            <CardItem
              key={way.key}
              heading={
                <>
                  <span className={`kern-icon kern-icon--${way.icon}`} aria-hidden="true" />{' '}
                  {t(`home.${way.key}.title`)}
                </>
              }
              footer={
                <LocalizedLink className="kern-btn kern-btn--primary" to={way.to}>
                  <span className="kern-label">{t(`home.${way.key}.cta`)}</span>
                </LocalizedLink>
              }
            >
              <p className="kern-body">
                <RichText ns="common" k={`home.${way.key}.text`} />
              </p>
            </CardItem>
          ))}
        </ul>
      </section>
      <section aria-label={t('home.figuresLabel')}>
        <p className="kern-body">
          {t('home.figures', {
            offers: number.format(figures.offers),
            providers: number.format(figures.providers),
          })}
        </p>
      </section>
    </div>
  );
}
