import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { htmlLang, isLanguage, type Language, textDirection } from '../app/i18n';
import { i18nServer, resources } from '../app/i18next.server';

/**
 * Answers the server gives before or instead of the app: a body too large (413), no time
 * or capacity to serve (503), a method nobody serves (405). The app's error boundary can't
 * render these — the body was never read, or the database it needs is stalled — so they are
 * made here from the same translated texts (`common:errors.*`): an RFC 9457 problem document
 * for the API, a small page in the visitor's language for everything else.
 */
export type ErrorKind = 'tooLarge' | 'unavailable' | 'generic';

const TITLES: Record<number, string> = {
  405: 'Method not allowed',
  413: 'Content too large',
  503: 'Service unavailable',
};

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

let stylesheet: string | null | undefined;

/** The app's built stylesheet (fingerprinted name), so the page looks like the portal. */
function stylesheetHref(): string | null {
  if (stylesheet !== undefined) return stylesheet;
  try {
    const dir = path.resolve(import.meta.dirname, '..', 'build', 'client', 'assets');
    const file = readdirSync(dir).find((f) => /^app-[\w-]+\.css$/.test(f));
    stylesheet = file ? `/assets/${file}` : null;
  } catch {
    stylesheet = null;
  }
  return stylesheet;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(lng: Language, key: string, values: Record<string, string | number> = {}): string {
  const lookup = (l: string) =>
    key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node as Record<string, unknown> | undefined)?.[part],
        resources[l]?.common,
      );
  const found = lookup(lng) ?? lookup('de');
  const template = typeof found === 'string' ? found : key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** The visitor's language as the app would pick it: ?lng=, then the remembered choice, then the browser's. */
export async function languageOf(req: Pick<ExpressRequest, 'originalUrl' | 'headers'>): Promise<Language> {
  try {
    const headers = new Headers();
    if (req.headers.cookie) headers.set('Cookie', req.headers.cookie);
    if (typeof req.headers['accept-language'] === 'string')
      headers.set('Accept-Language', req.headers['accept-language']);
    const lng = await i18nServer.getLocale(
      new Request(new URL(req.originalUrl, 'http://localhost'), { headers }),
    );
    return isLanguage(lng) ? lng : 'de';
  } catch {
    return 'de';
  }
}

/** The translated page for `status` (standalone: no database, no scripts). */
export function errorPageHtml(lng: Language, kind: ErrorKind, status: number): string {
  const title = text(lng, `errors.${kind}.title`);
  const css = stylesheetHref();
  const home = lng === 'de' ? '/' : `/?lng=${lng}`;
  return `<!DOCTYPE html>
<html lang="${htmlLang(lng)}" dir="${textDirection(lng)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${title} – ${text(lng, 'site.name')}`)}</title>
${css ? `<link rel="stylesheet" href="${css}">` : ''}
</head>
<body class="kern-body">
<main id="main" class="ww-container">
<div class="ww-prose kern-stack">
<h1 class="kern-heading-large">${escapeHtml(title)}</h1>
<p class="kern-body">${escapeHtml(text(lng, `errors.${kind}.text`))}</p>
<p class="kern-body kern-body--muted">${escapeHtml(text(lng, 'errors.code', { status }))}</p>
<p class="kern-body"><a class="kern-link" href="${home}">${escapeHtml(text(lng, 'errors.home'))}</a></p>
</div>
</main>
</body>
</html>
`;
}

const KIND: Record<number, ErrorKind> = { 413: 'tooLarge', 503: 'unavailable' };

/**
 * Sends the error answer: a problem document on API paths, the translated page elsewhere.
 * `close` ends the connection after it (an unread body must not be read for keep-alive).
 */
export async function sendError(
  req: ExpressRequest,
  res: ExpressResponse,
  status: number,
  options: { retryAfter?: number; allow?: string; close?: boolean; detail?: string } = {},
): Promise<void> {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (options.retryAfter) headers['Retry-After'] = String(options.retryAfter);
  if (options.allow) headers.Allow = options.allow;
  if (options.close) headers.Connection = 'close';
  let body: string;
  if (isApiPath(req.path)) {
    headers['Content-Type'] = 'application/problem+json';
    // The open API is read from any site: its errors must be readable there too.
    headers['Access-Control-Allow-Origin'] = '*';
    body = JSON.stringify({
      type: 'about:blank',
      title: TITLES[status] ?? 'Error',
      status,
      ...(options.detail ? { detail: options.detail } : {}),
    });
  } else {
    headers['Content-Type'] = 'text/html; charset=utf-8';
    body =
      req.method === 'HEAD' ? '' : errorPageHtml(await languageOf(req), KIND[status] ?? 'generic', status);
  }
  if (res.headersSent) return;
  res.writeHead(status, headers);
  res.end(body);
}
