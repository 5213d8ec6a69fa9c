import type { Submission } from '@conform-to/react';
import { ThrottledError } from '~/auth/throttle.server';
import { invalidForm, throttledForm } from '~/utils/forms.server';
import { PasswordRejected } from './accounts.server';

/**
 * The form's answer to what an account action refused: a wrong current password on its
 * field, a refused new password on its field, throttling as 429 with Retry-After.
 * Anything else is not the person's mistake and is thrown on.
 */
export function accountFormError(
  error: unknown,
  submission: Submission<unknown, string[], unknown>,
  hideFields: string[],
) {
  if (error instanceof PasswordRejected) {
    const fieldErrors: Record<string, string[]> =
      error.problem === 'wrong'
        ? { currentPassword: ['errors.passwordWrong'] }
        : { password: [`errors.password_${error.problem}`] };
    return invalidForm(submission.reply({ fieldErrors, hideFields }));
  }
  if (error instanceof ThrottledError)
    return throttledForm(
      submission.reply({ formErrors: ['errors.throttled'], hideFields }),
      error.retryAfterSeconds,
    );
  throw error;
}
