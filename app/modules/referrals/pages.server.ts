import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod';
import { data } from '@remix-run/node';
import type { z } from 'zod';
import type { PageFormResult } from '../../utils/forms.server';
import { invalidFormOf } from '../../utils/forms.server';
import { refused } from '../cases/pages.server';
import { ReferralError } from './errors';

/**
 * A form of a referral page: parse it (400 with the form's errors), run the change; a
 * refused referral rule answers 422/409 with its message as a form error (the consent
 * rule above all), a refused case rule the same way; anything else is thrown on.
 */
export async function referralForm<S extends z.ZodTypeAny>(
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
    return refusedReferral(which, error, submission);
  }
  return done;
}

export async function referralButton(which: string, work: () => Promise<unknown>, done: Response) {
  try {
    await work();
  } catch (error) {
    return refusedReferral(which, error);
  }
  return done;
}

export function refusedReferral(
  which: string,
  error: unknown,
  submission?: { reply: (o: { formErrors: string[] }) => SubmissionResult<string[]> },
) {
  if (error instanceof ReferralError) {
    const formErrors = [`referrals:errors.${error.reason}`];
    const reply: SubmissionResult<string[]> = submission
      ? submission.reply({ formErrors })
      : { status: 'error', error: { '': formErrors } };
    return data<PageFormResult>({ ...reply, which }, { status: error.status });
  }
  return refused(which, error, submission);
}
