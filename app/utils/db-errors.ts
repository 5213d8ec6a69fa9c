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
