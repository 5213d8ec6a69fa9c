import { describe, expect, it } from 'vitest';
import {
  clearedIdleFlagCookie,
  hasIdleFlag,
  idleFlagCookie,
  isSecureContext,
  readSessionToken,
  sessionCookie,
} from './cookie.server';
import { hashPassword, passwordProblem, verifyPassword } from './password.server';
import { can, type Subject } from './permissions';
import { blockSeconds } from './throttle.server';
import { generateToken, hashToken, looksLikeToken } from './tokens.server';
import { generateRecoveryCodes, hashRecoveryCode, matchTotp, totpAt } from './totp.server';

describe('tokens', () => {
  it('are 160 random bits in base32 and stored as a SHA-256 hex hash', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^[a-z2-7]{32}$/);
    expect(a).not.toBe(b);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toContain(a);
    expect(looksLikeToken(a)).toBe(true);
    expect(looksLikeToken("' or 1=1 --")).toBe(false);
  });
});

describe('passwords', () => {
  it('hashes with argon2id, 19 MiB, 2 passes, 1 lane', async () => {
    const hash = await hashPassword('ein langer Satz als Passwort');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'ein langer Satz als Passwort')).toBe(true);
    expect(await verifyPassword(hash, 'ein langer Satz als passwort')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('needs 8 characters, allows 64 and more, refuses the most common ones in any case', () => {
    expect(passwordProblem('kurz')).toBe('tooShort');
    expect(passwordProblem('a'.repeat(64))).toBeNull();
    expect(passwordProblem('a'.repeat(129))).toBe('tooLong');
    expect(passwordProblem('password')).toBe('common');
    expect(passwordProblem('PASSWORD')).toBe('common');
    expect(passwordProblem('iloveyou')).toBe('common');
    expect(passwordProblem('Fahrrad unter dem Apfelbaum')).toBeNull();
  });
});

describe('TOTP', () => {
  // RFC 6238, appendix B: the SHA-1 key "12345678901234567890"; 6-digit truncation of the 8-digit values.
  const key = new TextEncoder().encode('12345678901234567890');

  it('matches the RFC 6238 test vectors', () => {
    expect(totpAt(key, Math.floor(59 / 30))).toBe('287082');
    expect(totpAt(key, Math.floor(1111111109 / 30))).toBe('081804');
    expect(totpAt(key, Math.floor(2000000000 / 30))).toBe('279037');
  });

  it('accepts the step before and after (clock drift), nothing further, and says which step matched', () => {
    const at = new Date(1111111109 * 1000);
    const step = Math.floor(1111111109 / 30);
    expect(matchTotp(key, '081804', at)).toBe(step);
    expect(matchTotp(key, totpAt(key, step - 1), at)).toBe(step - 1);
    expect(matchTotp(key, totpAt(key, step + 1), at)).toBe(step + 1);
    expect(matchTotp(key, totpAt(key, step + 2), at)).toBeNull();
    expect(matchTotp(key, '08 18 04', at)).toBe(step);
    expect(matchTotp(key, 'abcdef', at)).toBeNull();
  });

  it('makes 10 distinct recovery codes whose hash ignores case and separators', () => {
    const codes = generateRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(hashRecoveryCode(codes[0]!)).toBe(hashRecoveryCode(codes[0]!.toUpperCase().replace('-', ' ')));
  });
});

describe('permissions', () => {
  const citizen: Subject = { id: 1, role: 'citizen' };
  const editor: Subject = {
    id: 2,
    role: 'provider',
    membership: { providerId: 10, role: 'editor', status: 'active' },
  };
  const owner: Subject = {
    id: 3,
    role: 'provider',
    membership: { providerId: 10, role: 'owner', status: 'active' },
  };
  const suspended: Subject = {
    id: 4,
    role: 'provider',
    membership: { providerId: 10, role: 'owner', status: 'suspended' },
  };
  const counsellor: Subject = { id: 5, role: 'counsellor' };
  const admin: Subject = { id: 6, role: 'admin' };

  it('denies by default', () => {
    expect(can(null, 'read:account:own')).toBe(false);
    expect(can(citizen, 'read:audit:any')).toBe(false);
    expect(can(citizen, 'launch:rocket:own' as never)).toBe(false);
  });

  it('limits own-scoped permissions to the user’s own provider and account', () => {
    expect(can(editor, 'update:offer:own', { providerId: 10 })).toBe(true);
    expect(can(editor, 'update:offer:own', { providerId: 11 })).toBe(false);
    expect(can(editor, 'update:offer:any')).toBe(false);
    expect(can(citizen, 'read:account:own', { userId: 1 })).toBe(true);
    expect(can(citizen, 'read:account:own', { userId: 2 })).toBe(false);
  });

  it('lets only owners change the organisation or invite staff; a suspended member keeps only the account', () => {
    expect(can(editor, 'update:provider:own', { providerId: 10 })).toBe(false);
    expect(can(editor, 'invite:provider-member:own', { providerId: 10 })).toBe(false);
    expect(can(owner, 'update:provider:own', { providerId: 10 })).toBe(true);
    expect(can(suspended, 'read:provider:own', { providerId: 10 })).toBe(false);
    expect(can(suspended, 'read:account:own')).toBe(true);
  });

  it('lets staff of a suspended provider only look; a pending provider’s staff prepare drafts', () => {
    const pending: Subject = {
      id: 7,
      role: 'provider',
      membership: { providerId: 12, role: 'owner', status: 'active', providerStatus: 'pending' },
    };
    const frozen: Subject = {
      id: 8,
      role: 'provider',
      membership: { providerId: 12, role: 'owner', status: 'active', providerStatus: 'suspended' },
    };
    expect(can(pending, 'update:offer:own', { providerId: 12 })).toBe(true);
    expect(can(frozen, 'read:provider:own', { providerId: 12 })).toBe(true);
    expect(can(frozen, 'update:offer:own', { providerId: 12 })).toBe(false);
    expect(can(frozen, 'update:provider:own', { providerId: 12 })).toBe(false);
  });

  it('gives admins the admin permissions and counsellors their agenda, not each other’s', () => {
    expect(can(admin, 'read:audit:any')).toBe(true);
    expect(can(admin, 'update:provider:own', { providerId: 10 })).toBe(true); // any covers own
    expect(can(counsellor, 'read:agenda:own')).toBe(true);
    expect(can(counsellor, 'read:audit:any')).toBe(false);
    expect(can(admin, 'read:agenda:own')).toBe(false);
  });
});

describe('throttle back-off', () => {
  it('blocks from the limit on, doubling from 15 s up to 5 minutes', () => {
    expect(blockSeconds(9, 10)).toBe(0);
    expect(blockSeconds(10, 10)).toBe(15);
    expect(blockSeconds(11, 10)).toBe(30);
    expect(blockSeconds(14, 10)).toBe(240);
    expect(blockSeconds(15, 10)).toBe(300);
    expect(blockSeconds(40, 10)).toBe(300);
  });
});

describe('session cookie', () => {
  it('is __Host- prefixed, HttpOnly, Secure, SameSite=Lax, Path=/ on secure connections', () => {
    const cookie = sessionCookie('abc', { secure: true, expiresAt: new Date(Date.now() + 60_000) });
    expect(cookie).toMatch(/^__Host-ww_session=abc; /);
    for (const part of ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure'])
      expect(cookie.split('; ')).toContain(part);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(sessionCookie('abc', { secure: false })).toBe('ww_session=abc; Path=/; HttpOnly; SameSite=Lax');
  });

  it('is secure in production, over HTTPS and on localhost', () => {
    expect(isSecureContext({ protocol: 'http', hostname: 'portal.example', production: true })).toBe(true);
    expect(isSecureContext({ protocol: 'https', hostname: 'portal.example', production: false })).toBe(true);
    expect(isSecureContext({ protocol: 'http', hostname: 'localhost', production: false })).toBe(true);
    expect(isSecureContext({ protocol: 'http', hostname: '192.168.1.20', production: false })).toBe(false);
  });

  it('reads only the cookie of its own name', () => {
    expect(readSessionToken('lng=de; __Host-ww_session=tok; x=1', true)).toBe('tok');
    expect(readSessionToken('ww_session=plain', true)).toBeUndefined();
    expect(readSessionToken(undefined, true)).toBeUndefined();
  });

  it('has a companion flag for "signed out after 30 idle minutes": anonymous, short-lived, readable only as set', () => {
    const flag = idleFlagCookie(true);
    expect(flag).toMatch(/^__Host-ww_idle=1; /);
    for (const part of ['Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure', 'Max-Age=600'])
      expect(flag.split('; ')).toContain(part);
    expect(hasIdleFlag('lng=de; __Host-ww_idle=1', true)).toBe(true);
    expect(hasIdleFlag('ww_idle=1', true)).toBe(false);
    expect(hasIdleFlag('__Host-ww_idle=0', true)).toBe(false);
    expect(hasIdleFlag(undefined, false)).toBe(false);
    expect(clearedIdleFlagCookie(true)).toContain('Max-Age=0');
  });
});
