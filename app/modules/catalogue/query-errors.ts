import type { ZodError } from 'zod';

/** Zod issues of the search query → field → message key in the `catalogue` namespace. */
export function queryFieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'q');
    if (out[field]) continue;
    out[field] =
      issue.message === 'dateOrder'
        ? 'errors.dateOrder'
        : issue.message === 'date'
          ? 'errors.date'
          : issue.code === 'too_big' && issue.type === 'string'
            ? 'errors.tooLong'
            : issue.code === 'too_big' && issue.type === 'array'
              ? 'errors.invalidQuery'
              : issue.code === 'invalid_type' || issue.code === 'too_small' || issue.code === 'too_big'
                ? 'errors.number'
                : 'errors.invalidQuery';
  }
  return out;
}
