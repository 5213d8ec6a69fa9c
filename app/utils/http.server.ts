import { AppError, statusFor } from './errors';

/** Turns a module's AppError into the HTTP response a loader throws (the error boundary renders it). */
export function throwAsResponse(error: unknown): never {
  if (error instanceof AppError) throw new Response(error.code, { status: statusFor(error.code) });
  throw error;
}

const g = globalThis as unknown as { __wegweiserListeningOrigin?: string };

/** The server says where it listens (http://localhost:PORT) once it does. */
export function setListeningOrigin(origin: string) {
  g.__wegweiserListeningOrigin = origin;
}

/**
 * The origin of links the portal writes (mails, exports, JSON-LD, the OpenAPI server):
 * PUBLIC_URL, else the origin the server listens on (http://localhost:PORT; plain
 * http://localhost in a process that serves nothing, e.g. a test calling a route). Never the
 * request's Host header: anyone can send any Host, and a password-reset mail must not point
 * to their site. The request parameter stays so callers need no change; it is unused.
 */
export function baseUrlOf(_request?: Request): string {
  if (process.env.PUBLIC_URL) return new URL(process.env.PUBLIC_URL).origin;
  return g.__wegweiserListeningOrigin ?? 'http://localhost';
}

/** An RFC 9457 problem document. */
export function problem(status: number, title: string, detail?: string, extra: Record<string, unknown> = {}) {
  return Response.json(
    { type: 'about:blank', title, status, ...(detail ? { detail } : {}), ...extra },
    {
      status,
      headers: {
        'Content-Type': 'application/problem+json',
        ...CORS,
        ...(status === 405 ? { Allow: 'GET, HEAD, OPTIONS' } : {}),
      },
    },
  );
}

/** Catalogue data is open: any site may read it (GET only, no credentials). */
export const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Accept, Content-Type',
  'Access-Control-Max-Age': '86400',
};
