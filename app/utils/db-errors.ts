/** PostgreSQL error classes the modules turn into answers instead of 500s. */
function code(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** 23505: a unique index refused a second row (two requests raced for one address). */
export function isUniqueViolation(error: unknown): boolean {
  return code(error) === '23505';
}

/** 23503: a reference to a row that doesn't exist (an id from a stale or forged form). */
export function isForeignKeyViolation(error: unknown): boolean {
  return code(error) === '23503';
}

/** 23P01: an exclusion constraint refused an overlap (two bookings raced for one counsellor's time). */
export function isExclusionViolation(error: unknown): boolean {
  return code(error) === '23P01';
}

/**
 * The database can't serve right now (not the request's fault): a statement or lock wait
 * cancelled by our timeouts, a server shutting down or starting, too many connections, a
 * connection that failed, was refused or timed out. The request answers 503 with
 * Retry-After instead of 500 (server/request-handler.ts).
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_CLIENT_CODES = new Set([
  // postgres.js
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  // Node's sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  const c = code(error);
  if (c && (UNAVAILABLE_SQLSTATES.has(c) || UNAVAILABLE_CLIENT_CODES.has(c))) return true;
  // Wrapped errors (a module's own error with the driver's as its cause).
  const cause =
    typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  return depth < 3 && cause !== undefined && isDatabaseUnavailable(cause, depth + 1);
}
