import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { needsSecondFactor } from './auth/guard.server';
import { ErrorPage } from './components/error-page';
import { SiteFooter } from './components/layout/site-footer';
import { SiteHeader } from './components/layout/site-header';
import { RouteAnnouncer, useRouteFocus } from './components/route-focus';
import { htmlLang, supportedLanguages, textDirection } from './i18n';
import { i18nServer } from './i18next.server';
import { IdleWarning } from './modules/accounts/components/idle-warning';
import stylesHref from './styles/app.css?url';
import fontRegularHref from './styles/fonts/FiraSans-Regular-subset.woff2?url';
import { useChangeLanguage } from './utils/inline-translations';
import { useNonce } from './utils/nonce';

export const links: LinksFunction = () => [
  // The body text's font, fetched with the stylesheet instead of after it.
  { rel: 'preload', href: fontRegularHref, as: 'font', type: 'font/woff2', crossOrigin: 'anonymous' },
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const handle = { i18n: ['common'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lng = await i18nServer.getLocale(request);
  const url = new URL(request.url);
  // No cookie here: a link's ?lng= shows the page in that language but is not a choice to
  // remember (every internal link carries one). Only the language switcher (/sprache) sets it.
  const alternates = supportedLanguages.map((l) => {
    const alt = new URL(url);
    alt.searchParams.set('lng', l);
    return { lng: htmlLang(l), href: `${alt.pathname}${alt.search}` };
  });
  const t = await i18nServer.getFixedT(request, 'common');
  const titles = {
    site: t('site.name'),
    notFound: t('errors.notFound.title'),
    forbidden: t('errors.forbidden.title'),
    generic: t('errors.generic.title'),
  };
  // Only what the header shows; pages load their own data behind their own guards.
  const auth = context.auth;
  // Halfway through sign-in (second factor pending) the header still offers nothing but the page.
  const account =
    auth && !needsSecondFactor(auth)
      ? { name: auth.user.displayName ?? auth.user.email, role: auth.user.role }
      : null;
  return { lng, alternates, titles, account };
}

/** Pages set their own title; this one serves the error pages, which have no loader data of their own. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!data) return [{ title: 'Wegweiser' }];
  if (!error) return [{ title: data.titles.site }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 404 ? data.titles.notFound : status === 403 ? data.titles.forbidden : data.titles.generic;
  return [{ title: `${title} – ${data.titles.site}` }];
};

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>('root');
  const { i18n, t } = useTranslation();
  const nonce = useNonce();
  const lng = root?.lng ?? i18n.language;
  return (
    <html lang={htmlLang(lng)} dir={textDirection(lng)} data-lng={lng}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {root?.alternates.map((a) => (
          <link key={a.lng} rel="alternate" hrefLang={a.lng} href={a.href} />
        ))}
      </head>
      <body className="kern-body">
        <a className="ww-skip-link kern-link" href="#main">
          {t('skipLink')}
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1} className="ww-container">
          {children}
        </main>
        <SiteFooter />
        <IdleWarning />
        <RouteAnnouncer />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const root = useRouteLoaderData<typeof loader>('root');
  // After a client-side navigation to another language, switch the loaded texts too.
  useChangeLanguage(root?.lng ?? 'de');
  // After a client-side page change: focus on the new h1, its title announced.
  useRouteFocus();
  // A marker that the page is interactive, so browser tests that rely on client-side
  // navigation don't race hydration on a slow machine.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  // A page's translations are loaded before it shows (useSuspense in entry.client). Client-side
  // navigations are transitions and keep the old page meanwhile; this boundary only catches an
  // update that is not one (a click showing a part with texts of a namespace not loaded yet),
  // which React would otherwise turn into an error.
  return (
    <Suspense>
      <Outlet />
    </Suspense>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  // An error page reached in-page (a link to an offer that is gone) is a new page too.
  useRouteFocus();
  if (isRouteErrorResponse(error) && error.status === 404) return <ErrorPage kind="notFound" />;
  if (isRouteErrorResponse(error) && error.status === 403) return <ErrorPage kind="forbidden" status={403} />;
  if (isRouteErrorResponse(error)) return <ErrorPage kind="generic" status={error.status} />;
  // Details only in development; in production a stack trace would tell attackers too much.
  const detail =
    process.env.NODE_ENV === 'development' && error instanceof Error
      ? `${error.message}\n${error.stack ?? ''}`
      : undefined;
  return <ErrorPage kind="generic" status={500} detail={detail} />;
}
