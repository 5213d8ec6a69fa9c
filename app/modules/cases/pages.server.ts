import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { data } from '@remix-run/node';
import type { z } from 'zod';
import { AppError } from '../../utils/errors';
import { invalidFormOf, type PageFormResult } from '../../utils/forms.server';
import { throwAsResponse } from '../../utils/http.server';
import type { CaseActor } from './access.server';
import type { HeaderFacts } from './components/case-header';
import { CaseError } from './errors';
import type { CaseFile } from './file.server';

/** What every case page's header shows. */
export function headerOf(actor: CaseActor, file: CaseFile): HeaderFacts {
  return {
    id: file.id,
    name: file.person.name,
    caseType: file.caseType,
    phase: file.phase,
    role: actor.role,
    restricted: file.restricted !== null,
    closed: file.closedAt !== null,
  };
}

/**
 * A refused rule as the page's answer: 409 (the case's state forbids it) or 422 (something
 * the rule needs is missing), tagged with the form it belongs to; the messages are form
 * errors, so the form's error summary shows them. Anything else is thrown on.
 */
export function refused(
  which: string,
  error: unknown,
  submission?: { reply: (o: { formErrors: string[] }) => SubmissionResult<string[]> },
) {
  if (error instanceof CaseError) {
    const formErrors = error.reasons.map((r) => `cases:errors.${r}`);
    const reply: SubmissionResult<string[]> = submission
      ? submission.reply({ formErrors })
      : { status: 'error', error: { '': formErrors } };
    return data<PageFormResult>({ ...reply, which }, { status: error.status });
  }
  if (error instanceof AppError) throwAsResponse(error);
  throw error;
}

/** A route's numeric parameter or form value, else 400 (never a 500 for junk). */
export function numberOf(value: FormDataEntryValue | string | null | undefined): number {
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isSafeInteger(n) || n <= 0)
    throw new Response('bad request', { status: 400 });
  return n;
}

export function keyOf(value: FormDataEntryValue | null, prefix: 'm' | 'c'): string {
  if (typeof value !== 'string' || !new RegExp(`^${prefix}[0-9a-z]{1,20}$`).test(value))
    throw new Response('bad request', { status: 400 });
  return value;
}

/**
 * One form of a case page: parse it (400 with the form's errors), run the change (409/422
 * when a rule refuses, tagged with the form), then go where `done` says.
 */
export async function formAction<S extends z.ZodTypeAny>(
  form: FormData,
  which: string,
  schema: S,
  work: (value: z.output<S>) => Promise<unknown>,
  done: Response,
) {
  const submission = parseWithZod(form, { schema });
  if (submission.status !== 'success') return invalidFormOf(which, submission.reply());
  try {
    await work(submission.value);
  } catch (error) {
    return refused(which, error, submission);
  }
  return done;
}

/** A button without fields: run the change, or say why not. */
export async function buttonAction(which: string, work: () => Promise<unknown>, done: Response) {
  try {
    await work();
  } catch (error) {
    return refused(which, error);
  }
  return done;
}
