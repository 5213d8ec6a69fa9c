/**
 * The translation keys for an error an action reported, to hand to `t()` as a list: a
 * code becomes `<prefix>.<code>`, with the generic message as i18next's fallback when
 * there is no such key; anything that isn't a plain code — an object (a form reply's
 * `error` map once reached the screen as "booking.errors.[object Object]"), a number,
 * nothing — is the generic message. A raw key or value never reaches the screen.
 */
export function errorKeys(error: unknown, prefix: string, fallback: string): string[] {
  return typeof error === 'string' && /^[a-z][a-zA-Z0-9_]{0,60}$/.test(error)
    ? [`${prefix}.${error}`, fallback]
    : [fallback];
}

/**
 * The code of an action's failure, read only from its own field, never from a form
 * reply that happens to carry an `error` object too.
 */
export function failureOf(result: unknown): unknown {
  return result && typeof result === 'object' && 'failure' in result
    ? (result as { failure: unknown }).failure
    : undefined;
}
