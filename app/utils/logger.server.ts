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
