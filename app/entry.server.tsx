import { Transform } from 'node:stream';
import type { AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { i18nServer, inlineTranslations, languageInstance, recordingInstance } from './i18next.server';
import { isDatabaseUnavailable } from './utils/db-errors';
import { errorFields, getLogger, maskPath } from './utils/logger.server';
import { NonceProvider } from './utils/nonce';
import { documentResponse } from './utils/page-cache.server';

export const streamTimeout = 5_000;

/**
 * Unexpected errors in loaders and actions go to the structured log (no request data, the
 * path with its tokens masked). A database that can't serve marks the request, and the
 * server answers 503 with Retry-After instead of the 500 page. Remix's own 4xx (405 for a
 * method a route doesn't take, 404 for an unknown data route) are the client's doing: info.
 */
export function handleError(
  error: unknown,
  { request, context }: Pick<LoaderFunctionArgs, 'request' | 'context'>,
) {
  if (request.signal.aborted) return;
  const path = maskPath(new URL(request.url).pathname);
  if (isRouteErrorResponse(error) && error.status < 500) {
    getLogger().info({ status: error.status, path }, 'Request refused');
    return;
  }
  if (isDatabaseUnavailable(error)) {
    if (context) context.databaseUnavailable = true;
    getLogger().warn({ err: errorFields(error), path }, 'Database unavailable for a loader or action');
    return;
  }
  getLogger().error({ err: error, path }, 'Unhandled error in a loader or action');
}

/**
 * React 18.3's streaming renderer sends its whole 2 kB buffer when a multi-byte character
 * doesn't fit at its end, unwritten bytes included: NULs inside the HTML (facebook/react
 * #26228, fixed in 19 only; 18.3.1 is the last 18). No UTF-8 sequence contains a 0x00 byte
 * other than U+0000 itself, which has no place in HTML either, so every 0x00 is dropped.
 */
export function stripNul(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (chunk.indexOf(0) === -1) {
        callback(null, chunk);
        return;
      }
      const out = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (const byte of chunk) if (byte !== 0) out[n++] = byte;
      callback(null, out.subarray(0, n));
    },
  });
}

/** The page's translations as the body's last element (entry.client reads them before hydrating). */
export function withTranslations(html: Buffer, script: string): Buffer {
  const end = html.lastIndexOf('</body>');
  if (end === -1) return Buffer.concat([html, Buffer.from(script)]);
  return Buffer.concat([html.subarray(0, end), Buffer.from(script), html.subarray(end)]);
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // The process's i18next instance for the request's language (made once, never switched to
  // another language), so the HTML and the error pages are translated without a round trip.
  const lng = await i18nServer.getLocale(request);
  // It notes the namespaces the page uses; they go into the document (see recordingInstance).
  const { instance, namespaces } = recordingInstance(await languageInstance(lng));

  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    // Our pages have no deferred data: the shell is the whole page. It is rendered complete
    // and sent as one body — compressed once, not flushed chunk by chunk (36 % larger pages,
    // issue 19) — for browsers, crawlers and no-JS clients alike.
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(timer);
          const body = stripNul();
          const chunks: Buffer[] = [];
          body.on('data', (chunk: Buffer) => chunks.push(chunk));
          body.on('error', reject);
          body.on('end', () => {
            const html = withTranslations(Buffer.concat(chunks), inlineTranslations(lng, namespaces, nonce));
            responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
            resolve(
              documentResponse(request, html, {
                status: failed ? 500 : responseStatusCode,
                headers: responseHeaders,
                nonce,
                context: loadContext,
                remixContext,
              }),
            );
          });
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          failed = true;
          getLogger().error({ err: error }, 'Error while rendering a page');
        },
      },
    );
    // A render that hangs is cut off; one that ends in time leaves no timer behind.
    const timer = setTimeout(abort, streamTimeout + 1000);
  });
}
