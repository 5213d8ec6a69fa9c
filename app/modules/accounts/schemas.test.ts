import { describe, expect, it } from 'vitest';
import * as schemas from './schemas';

describe('account form schemas', () => {
  it('answer an empty form with our own translation keys for every field, never zod’s defaults', () => {
    const forms = [
      schemas.signUpSchema,
      schemas.signInSchema,
      schemas.emailOnlySchema,
      schemas.resetPasswordSchema,
      schemas.changePasswordSchema,
      schemas.changeEmailSchema,
      schemas.secondFactorSchema,
      schemas.deleteAccountSchema,
      schemas.acceptInvitationSchema,
      schemas.inviteSchema,
    ];
    for (const schema of forms) {
      const result = schema.safeParse({});
      expect(result.success).toBe(false);
      const messages = Object.values(result.error!.flatten().fieldErrors).flat();
      for (const m of messages) expect(m, JSON.stringify(messages)).toMatch(/^errors\./);
    }
  });
});
