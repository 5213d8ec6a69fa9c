import { AppError, statusFor } from './errors';

/** Turns a module's AppError into the HTTP response a loader throws (the error boundary renders it). */
export function throwAsResponse(error: unknown): never {
  if (error instanceof AppError) throw new Response(error.code, { status: statusFor(error.code) });
  throw error;
}

/** The origin links in exports and JSON-LD are built from (PUBLIC_URL, else the request's). */
export function baseUrlOf(request: Request): string {
  return process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : new URL(request.url).origin;
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
