import { Transform } from 'node:stream';
import {
  type AppLoadContext,
  createReadableStreamFromReadable,
  createRequestHandler,
  type ServerBuild,
} from '@remix-run/node';
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../app/utils/db-errors';
import { errorFields, maskPath } from '../app/utils/logger.server';
import { isApiPath, sendError } from './error-page';
import type { Gate } from './gate';
import type { Metrics } from './metrics';

/**
 * Serves the Remix app (instead of @remix-run/express's adapter) with the limits a public
 * service needs (ADR 013):
 * - request bodies are limited per kind of route before anything parses them: forms 64 kB,
 *   the JSON API 32 kB, file uploads 10 MB (streamed) → 413;
 * - every request ends within its deadline: when the app hasn't answered by then (a stalled
 *   database), it gets 503 with Retry-After; so does a request that finds the waiting line
 *   full (load shedding), and one whose database call failed because the database can't serve;
 * - a response body that fails half-way destroys the connection: a cut-off export never looks
 *   like a complete 200;
 * - while draining (SIGTERM), every response closes its connection.
 */

export type BodyKind = 'form' | 'api' | 'upload';

export const BODY_LIMITS: Record<BodyKind, number> = {
  form: 64 * 1024,
  api: 32 * 1024,
  // A 10 MB file (the import's own limit, MAX_UPLOAD_BYTES) plus the multipart framing and
  // the form's other fields.
  upload: 10 * 1024 * 1024 + 64 * 1024,
};

/**
 * Routes that take files: the provider's import (multipart, up to the upload limit) — as a
 * document request and as Remix's single-fetch data request (`….data`) a JavaScript form sends.
 */
const UPLOAD_PATHS = [/^\/anbieterbereich\/import(\.data|\/)?$/];

/**
 * Routes whose legitimate work takes long: sending a 10 MB file on a slow line, checking it,
 * applying an import of thousands of offers. They get LONG_DEADLINE_MS instead of the deadline.
 */
const LONG_PATHS = [/^\/anbieterbereich\/import(\/\d+)?(\.data|\/)?$/];
export const LONG_DEADLINE_MS = 120_000;

export function deadlineFor(pathname: string, deadlineMs: number): number {
  return LONG_PATHS.some((p) => p.test(pathname)) ? Math.max(deadlineMs, LONG_DEADLINE_MS) : deadlineMs;
}

export function bodyKind(pathname: string): BodyKind {
  if (UPLOAD_PATHS.some((p) => p.test(pathname))) return 'upload';
  return isApiPath(pathname) ? 'api' : 'form';
}

/** Seconds a client should wait before trying again after a 503. */
export const RETRY_AFTER_S = 5;

export interface ServerState {
  draining: boolean;
}

export interface HandlerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => Promise<AppLoadContext>;
  deadlineMs: number;
  gate: Gate;
  metrics: Metrics;
  logger: Logger;
  state: ServerState;
}

class BodyTooLarge extends Error {}

/** Reads a small body whole, stopping as soon as it passes `limit`. */
function readLimited(req: ExpressRequest, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let seen = 0;
    const done = (result: Buffer | 'too-large' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) {
        req.pause();
        done('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks));
    const onAbort = () => done('aborted');
    const onClose = () => {
      if (!req.complete) done('aborted');
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}

/** A large body as a stream that errors (and calls `onTooLarge`) once it passes `limit`. */
function limitedStream(
  req: ExpressRequest,
  limit: number,
  onTooLarge: () => void,
): ReadableStream<Uint8Array> {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        onTooLarge();
        callback(new BodyTooLarge('request body too large'));
        return;
      }
      callback(null, chunk);
    },
  });
  req.on('error', (error) => counter.destroy(error));
  req.pipe(counter);
  return createReadableStreamFromReadable(counter);
}

function remixHeaders(req: ExpressRequest): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

function requestUrl(req: ExpressRequest): URL {
  // As Remix's adapter: the port from X-Forwarded-Host or Host, the host from req.hostname
  // (which honours "trust proxy").
  const hostHeader = req.get('X-Forwarded-Host') ?? req.get('host') ?? '';
  const port = Number.parseInt(hostHeader.split(':')[1] ?? '', 10);
  const host = `${req.hostname}${Number.isSafeInteger(port) ? `:${port}` : ''}`;
  return new URL(`${req.protocol}://${host}${req.originalUrl}`);
}

/**
 * Writes the app's response. Backpressure is kept (a slow client slows the export's queries
 * down instead of filling memory); a body that fails destroys the socket, so the client sees
 * a broken transfer, never a complete-looking 200.
 */
async function sendResponse(res: ExpressResponse, response: Response, state: ServerState, logger: Logger) {
  res.statusCode = response.status;
  if (response.statusText) res.statusMessage = response.statusText;
  for (const [key, value] of response.headers) res.append(key, value);
  if (state.draining) res.setHeader('Connection', 'close');
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // One 'drain' listener for the whole body: compression re-routes `res.on('drain')` to its
  // zlib stream but not `removeListener`, so a listener per wait would pile up there.
  let wake: (() => void) | null = null;
  res.on('drain', () => wake?.());
  res.on('close', () => wake?.());
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel();
        return;
      }
      const flowing = res.write(value);
      // compression holds bytes back until its buffer fills: a streamed page's chunks go out now.
      (res as unknown as { flush?: () => void }).flush?.();
      if (!flowing) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        if (res.destroyed) {
          await reader.cancel();
          return;
        }
      }
    }
    res.end();
  } catch (error) {
    logger.warn(
      { err: errorFields(error), path: maskPath(res.req.originalUrl) },
      'Response body failed; connection cut',
    );
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

export function remixHandler(options: HandlerOptions) {
  const { gate, metrics, logger, state } = options;
  let handleRequest: ReturnType<typeof createRequestHandler> | undefined;
  const handlerFor = async () => {
    if (typeof options.build === 'function') return createRequestHandler(await options.build(), options.mode);
    handleRequest ??= createRequestHandler(options.build, options.mode);
    return handleRequest;
  };

  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const kind = bodyKind(req.path);
    const limit = BODY_LIMITS[kind];
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const controller = new AbortController();
    let answered = false;
    let finished = false;

    /** Our own answer instead of the app's; the app's work is aborted and ignored. */
    const answer = (status: number, reason: string, opts: { close?: boolean; retryAfter?: number } = {}) => {
      if (answered || finished || res.headersSent) return;
      answered = true;
      controller.abort();
      if (status === 503) metrics.increment('wegweiser_http_shed_total', { reason });
      if (status === 413) metrics.increment('wegweiser_http_body_too_large_total', { kind });
      void sendError(req, res, status, opts).catch((error: unknown) => next(error));
    };
    const tooLarge = () => {
      answer(413, 'too_large');
      // A lingering close: the rest of the body is read and thrown away (no memory) so the
      // client, still sending, gets to read the answer instead of a reset; a client that
      // keeps sending after 2 s loses the connection.
      res.on('finish', () => {
        req.resume();
        setTimeout(() => {
          if (!req.complete) req.socket?.destroy();
        }, 2000).unref();
      });
    };

    const declared = Number.parseInt(req.get('content-length') ?? '', 10);
    if (hasBody && Number.isFinite(declared) && declared > limit) {
      tooLarge();
      return;
    }

    const deadlineMs = deadlineFor(req.path, options.deadlineMs);
    const deadline = setTimeout(() => answer(503, 'deadline', { retryAfter: RETRY_AFTER_S }), deadlineMs);
    res.on('finish', () => {
      finished = true;
    });
    res.on('close', () => {
      clearTimeout(deadline);
      // The client went away (or we answered): loaders and actions see an aborted request.
      if (!finished) controller.abort();
    });

    let body: ReadableStream<Uint8Array> | Uint8Array | undefined;
    if (hasBody) {
      if (kind === 'upload') {
        body = limitedStream(req, limit, tooLarge);
      } else {
        const read = await readLimited(req, limit);
        if (read === 'too-large') {
          clearTimeout(deadline);
          tooLarge();
          return;
        }
        if (read === 'aborted') {
          clearTimeout(deadline);
          return;
        }
        body = new Uint8Array(read.buffer, read.byteOffset, read.byteLength);
      }
    }
    if (answered) return;

    const turn = await gate.enter(controller.signal);
    if (turn === 'full') {
      clearTimeout(deadline);
      answer(503, 'queue_full', { retryAfter: RETRY_AFTER_S });
      return;
    }
    if (turn === 'aborted') return;

    let context: AppLoadContext | undefined;
    try {
      let url: URL;
      try {
        url = requestUrl(req);
      } catch {
        clearTimeout(deadline);
        res.status(400).type('text/plain').end('Bad request');
        return;
      }
      const request = new Request(url.href, {
        method: req.method,
        headers: remixHeaders(req),
        signal: controller.signal,
        ...(body !== undefined ? { body, duplex: 'half' } : {}),
      } as RequestInit);
      context = await options.getLoadContext(req, res);
      const response = await (await handlerFor())(request, context);
      if (answered || res.destroyed) {
        await response.body?.cancel().catch(() => {});
        return;
      }
      // A loader or action failed because the database couldn't serve: say "try again".
      if (response.status >= 500 && context.databaseUnavailable) {
        await response.body?.cancel().catch(() => {});
        clearTimeout(deadline);
        answer(503, 'database', { retryAfter: RETRY_AFTER_S });
        return;
      }
      // The status line goes out now; a long body (an export) is no longer bound by the deadline.
      clearTimeout(deadline);
      await sendResponse(res, response, state, logger);
    } catch (error) {
      clearTimeout(deadline);
      if (answered) return;
      if (error instanceof BodyTooLarge) return;
      // The client went away meanwhile: nobody to answer, nothing to report.
      if (res.destroyed || (controller.signal.aborted && !res.headersSent)) return;
      if (isDatabaseUnavailable(error)) {
        answer(503, 'database', { retryAfter: RETRY_AFTER_S });
        return;
      }
      logger.error({ err: errorFields(error), path: maskPath(req.originalUrl) }, 'Request failed');
      if (res.headersSent) res.destroy();
      else {
        answered = true;
        await sendError(req, res, 500).catch(() => res.destroy());
      }
    } finally {
      turn.release();
    }
  };
}
