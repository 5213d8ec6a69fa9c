import { Transform } from 'node:stream';
import type { AppLoadContext, EntryContext, LoaderFunctionArgs } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { isRouteErrorResponse, RemixServer } from '@remix-run/react';
import { createInstance } from 'i18next';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { i18nConfig } from './i18n';
import { i18nServer, resources } from './i18next.server';
import { isDatabaseUnavailable } from './utils/db-errors';
import { errorFields, getLogger, maskPath } from './utils/logger.server';
import { NonceProvider } from './utils/nonce';

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

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // One i18next instance per request, already in the request's language, so the
  // server-rendered HTML (and the error pages) are translated without a round trip.
  const instance = createInstance();
  const lng = await i18nServer.getLocale(request);
  const ns = i18nServer.getRouteNamespaces(remixContext);
  await instance
    .use(initReactI18next)
    .init({ ...i18nConfig, lng, ns: [...new Set([...i18nConfig.ns, ...ns])], resources });

  // Crawlers and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady';

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = stripNul();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready are reported by onShellError.
          if (shellRendered) getLogger().error({ err: error }, 'Error while streaming a page');
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
