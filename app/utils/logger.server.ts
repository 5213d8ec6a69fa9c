import { createHash } from 'node:crypto';
import pino from 'pino';

/**
 * Structured logs. Personal data never goes in: we log ids, counts, durations and
 * codes, never names, e-mail addresses, phone numbers, free text, tokens or IPs.
 * The redact list is a second line of defence for keys that slip through.
 */
const REDACT = [
  'email',
  '*.email',
  'password',
  '*.password',
  'token',
  '*.token',
  'name',
  '*.name',
  'phone',
  '*.phone',
  'ip',
  '*.ip',
  'req.headers.cookie',
  'req.headers.authorization',
  'headers.cookie',
  'headers.authorization',
];

type Logger = pino.Logger;
const g = globalThis as unknown as { __wegweiserLogger?: Logger };

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'wegweiser' }, redact: { paths: REDACT, censor: '[redacted]' } });
}

/** One logger per process, shared by the server and the Remix bundle. */
export function getLogger(): Logger {
  g.__wegweiserLogger ??= createLogger();
  return g.__wegweiserLogger;
}

/** Scripts whose stdout is their output (one JSON line) log to stderr instead. */
export function setLogger(logger: Logger) {
  g.__wegweiserLogger = logger;
}

/** Longest path an access log line carries; longer ones are cut (a fuzzer's 8 kB URL is one line, not a page). */
export const MAX_LOGGED_PATH = 200;

/**
 * Path segments that are secrets: whoever holds them can cancel an appointment or open an
 * assessment. Each pattern names the segment index (after the leading slash) of the token.
 */
const SECRET_SEGMENTS: { prefix: string[]; at: number }[] = [
  { prefix: ['termin'], at: 1 },
  { prefix: ['selbsteinschaetzung'], at: 1 },
  { prefix: ['api', 'v1', 'counselling', 'appointments'], at: 4 },
];

/** Query parameters that carry one-time secrets (mail links). */
const SECRET_PARAMS = new Set(['token', 'code', 'confirm']);

/** A short, stable stand-in for a secret: enough to correlate lines, useless to replay. */
export function maskSecret(secret: string): string {
  return `~${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;
}

/**
 * A request path as the logs may show it: tokens in the path replaced by a short hash
 * (`/termin/~1a2b3c4d/verschieben`), secret query parameters likewise, other query
 * parameters dropped (they may hold search words or an e-mail), the whole capped at
 * MAX_LOGGED_PATH characters.
 */
export function maskPath(url: string): string {
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  const segments = pathname.split('/');
  for (const { prefix, at } of SECRET_SEGMENTS) {
    if (segments.length <= at + 1) continue;
    if (!prefix.every((p, i) => segments[i + 1] === p)) continue;
    const token = segments[at + 1];
    // The booking wizard's own pages (/termin is a token route; the start page is /beratung/termin).
    if (!token || token === '') continue;
    // `<token>.ics`: keep the extension, it tells which resource was asked for.
    const dot = token.lastIndexOf('.');
    const [secret, ext] = dot > 0 ? [token.slice(0, dot), token.slice(dot)] : [token, ''];
    segments[at + 1] = `${maskSecret(secret)}${ext}`;
  }
  let masked = segments.join('/');
  if (q !== -1) {
    const kept: string[] = [];
    for (const pair of url.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      if (SECRET_PARAMS.has(key)) kept.push(`${key}=${maskSecret(eq === -1 ? '' : pair.slice(eq + 1))}`);
    }
    if (kept.length > 0) masked += `?${kept.join('&')}`;
  }
  return masked.length > MAX_LOGGED_PATH ? `${masked.slice(0, MAX_LOGGED_PATH)}…` : masked;
}

const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

/**
 * An error as one log field without personal data or secrets: message (addresses
 * replaced), code, and for SMTP errors the reply code and command. Never the client or
 * connection objects some libraries hang on their errors (pg-boss: a 10 kB pool).
 */
export function errorFields(error: unknown): {
  message: string;
  code?: string;
  responseCode?: number;
  command?: string;
} {
  if (!(error instanceof Error)) return { message: String(error).replace(EMAIL, '[address]').slice(0, 500) };
  const e = error as Error & { code?: unknown; responseCode?: unknown; command?: unknown };
  return {
    message: e.message.replace(EMAIL, '[address]').slice(0, 500),
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: String(e.code) } : {}),
    ...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
    ...(typeof e.command === 'string' ? { command: e.command.replace(EMAIL, '[address]') } : {}),
  };
}
