import { z } from 'zod';

/**
 * Form schemas shared by server and page. Messages are translation keys in the
 * `account` namespace; the page translates them.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const emailField = z
  .string({ required_error: 'errors.emailRequired' })
  .trim()
  .toLowerCase()
  .max(254, 'errors.emailInvalid')
  .email('errors.emailInvalid');

export const newPasswordField = z
  .string({ required_error: 'errors.passwordRequired' })
  .min(PASSWORD_MIN, 'errors.passwordTooShort')
  .max(PASSWORD_MAX, 'errors.passwordTooLong');

const passwordField = z
  .string({ required_error: 'errors.passwordRequired' })
  .max(PASSWORD_MAX, 'errors.passwordTooLong');

const nameField = z
  .string({ required_error: 'errors.nameRequired' })
  .trim()
  .min(2, 'errors.nameRequired')
  .max(120, 'errors.nameTooLong')
  .refine((s) => !/[\p{Cc}<>]/u.test(s), 'errors.nameInvalid');

export const providerKinds = [
  'vhs',
  'vocational_school',
  'language_school',
  'trainer',
  'counselling_service',
  'other',
] as const;

export const signUpSchema = z
  .object({
    kind: z.enum(['citizen', 'provider'], {
      required_error: 'errors.kindRequired',
      invalid_type_error: 'errors.kindRequired',
    }),
    displayName: nameField,
    email: emailField,
    password: newPasswordField,
    organisation: z.string().trim().max(200, 'errors.organisationTooLong').optional(),
    providerKind: z.enum(providerKinds).optional(),
    consent: z.literal('on', { errorMap: () => ({ message: 'errors.consentRequired' }) }),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== 'provider') return;
    if (!value.organisation || value.organisation.length < 2)
      ctx.addIssue({ code: 'custom', path: ['organisation'], message: 'errors.organisationRequired' });
    if (!value.providerKind)
      ctx.addIssue({ code: 'custom', path: ['providerKind'], message: 'errors.providerKindRequired' });
  });

export const signInSchema = z.object({
  email: emailField,
  password: passwordField.min(1, 'errors.passwordRequired'),
  redirectTo: z.string().optional(),
});

export const emailOnlySchema = z.object({ email: emailField });

export const resetPasswordSchema = z.object({
  token: z.string({ required_error: 'errors.linkInvalid' }).max(64, 'errors.linkInvalid'),
  password: newPasswordField,
});

export const changePasswordSchema = z.object({
  currentPassword: passwordField.min(1, 'errors.passwordRequired'),
  password: newPasswordField,
});

export const changeEmailSchema = z.object({
  email: emailField,
  currentPassword: passwordField.min(1, 'errors.passwordRequired'),
});

export const secondFactorSchema = z.object({
  code: z
    .string({ required_error: 'errors.codeRequired' })
    .trim()
    .min(6, 'errors.codeInvalid')
    .max(20, 'errors.codeInvalid'),
  redirectTo: z.string().optional(),
});

export const deleteAccountSchema = z.object({
  currentPassword: passwordField.min(1, 'errors.passwordRequired'),
  confirm: z.literal('on', { errorMap: () => ({ message: 'errors.confirmDelete' }) }),
});

export const acceptInvitationSchema = z.object({
  token: z.string({ required_error: 'errors.linkInvalid' }).max(64, 'errors.linkInvalid'),
  displayName: nameField,
  password: newPasswordField,
});

export const inviteSchema = z.object({
  email: emailField,
  role: z.enum(['counsellor', 'planner', 'admin'], { errorMap: () => ({ message: 'errors.roleRequired' }) }),
  counsellorId: z.coerce.number().int().positive().optional(),
  locale: z.string().max(5).optional(),
});
