import { decodeBase32 } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateRequest } from '../../app/auth/request.server';
import { createSession, validateSessionToken } from '../../app/auth/session.server';
import { ThrottledError } from '../../app/auth/throttle.server';
import { currentStep, totpAt } from '../../app/auth/totp.server';
import { startJobs, stopJobs } from '../../app/jobs/boss.server';
import {
  accountOverview,
  confirmEmailToken,
  deleteMyAccount,
  exportMyData,
  PasswordRejected,
  requestPasswordReset,
  resetPassword,
  signIn,
  signUp,
  withdrawConsent,
} from '../../app/modules/accounts/accounts.server';
import { verifySecondFactor } from '../../app/modules/accounts/two-factor.server';
import {
  acceptInvitation,
  inviteStaff,
  setProviderStatus,
  setUserStatus,
} from '../../app/modules/admin/admin.server';
import { resetEnvCache } from '../../app/utils/env.server';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_RECOVERY_CODES, seedDemoAccounts } from '../../db/seed/accounts';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

/**
 * Accounts on a real PostgreSQL with the real job queue (not worked, so each mail stays
 * readable in pgboss.job): sign-up and verification, sign-in throttling, reset links,
 * TOTP replay, disabled users, invitations, data rights and the append-only audit log.
 */
let db: TestDatabase;
const meta = { ip: '203.0.113.7', baseUrl: 'https://wegweiser.example', locale: 'de' };

beforeAll(async () => {
  db = await createTestDatabase();
  delete process.env.SMTP_URL;
  resetEnvCache();
  await seedDemoData(db.sql, { offers: 60 });
  await seedDemoAccounts(db.sql);
  await startJobs(db.url, { work: false });
});

afterAll(async () => {
  await stopJobs();
  await db.drop();
});

async function mailsTo(email: string) {
  return db.sql<{ template: string; text: string; subject: string; locale: string }[]>`
    select data->>'template' as template, data->>'text' as text, data->>'subject' as subject, data->>'locale' as locale
    from pgboss.job where name = 'mail' and data->>'to' = ${email} order by created_on, id`;
}

function linkIn(text: string): string {
  const match = /https:\/\/wegweiser\.example\S+/.exec(text);
  if (!match) throw new Error(`no link in mail: ${text}`);
  return match[0];
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

async function userId(email: string): Promise<number> {
  const [row] = await db.sql<{ id: number }[]>`select id from users where email = ${email}`;
  return row!.id;
}

describe('sign-up and verification', () => {
  it('creates an unverified account, mails a link, and signs in only after the link was opened', async () => {
    await signUp(
      {
        kind: 'citizen',
        displayName: 'Mara Test',
        email: 'mara@example.org',
        password: 'ein langer Satz als Passwort',
      },
      meta,
    );
    const [mail] = await mailsTo('mara@example.org');
    expect(mail?.template).toBe('verifyEmail');
    // Signing in unverified sends a fresh link; only the newest link works.
    expect(await signIn('mara@example.org', 'ein langer Satz als Passwort', meta)).toEqual({
      status: 'unverified',
    });
    const mails = await mailsTo('mara@example.org');
    expect(mails.map((m) => m.template)).toEqual(['verifyEmail', 'verifyEmail']);
    expect((await confirmEmailToken(tokenOf(linkIn(mail!.text)), meta)).ok).toBe(false);

    const token = tokenOf(linkIn(mails[1]!.text));
    expect(await confirmEmailToken(token, meta)).toEqual({ ok: true, purpose: 'verify_email' });
    expect((await confirmEmailToken(token, meta)).ok).toBe(false); // once only
    const result = await signIn('mara@example.org', 'ein langer Satz als Passwort', meta);
    expect(result.status).toBe('signedIn');
  });

  it('answers a sign-up for a registered address the same way and mails the owner a hint instead', async () => {
    const before = await db.sql`select count(*)::int as n from users`;
    await expect(
      signUp(
        {
          kind: 'citizen',
          displayName: 'Someone',
          email: 'mara@example.org',
          password: 'noch ein langer Satz',
        },
        meta,
      ),
    ).resolves.toBeUndefined();
    const after = await db.sql`select count(*)::int as n from users`;
    expect(after[0]!.n).toBe(before[0]!.n);
    const mails = await mailsTo('mara@example.org');
    expect(mails.at(-1)?.template).toBe('accountExists');
  });

  it('refuses a password from the common list and one that is too short', async () => {
    const attempt = (password: string) =>
      signUp(
        { kind: 'citizen', displayName: 'X Y', email: `p${password.length}@example.org`, password },
        meta,
      );
    await expect(attempt('password1')).rejects.toEqual(new PasswordRejected('common'));
    await expect(attempt('Qwerty123')).rejects.toEqual(new PasswordRejected('common'));
    await expect(attempt('kurz')).rejects.toEqual(new PasswordRejected('tooShort'));
  });

  it('registers a provider as pending with its owner; approval tells the owner by mail', async () => {
    await signUp(
      {
        kind: 'provider',
        displayName: 'Ina Inhaberin',
        email: 'ina@sprachschule.example',
        password: 'Sprachen verbinden Menschen',
        organisation: 'Sprachschule Nordstadt',
        providerKind: 'language_school',
      },
      meta,
    );
    const [provider] = await db.sql<{ id: number; status: string }[]>`
      select p.id, p.status from providers p join provider_members m on m.provider_id = p.id
      join users u on u.id = m.user_id where u.email = 'ina@sprachschule.example' and m.role = 'owner'`;
    expect(provider?.status).toBe('pending');
    await confirmEmailToken(tokenOf(linkIn((await mailsTo('ina@sprachschule.example'))[0]!.text)), meta);
    await setProviderStatus(
      provider!.id,
      { status: 'approved' },
      {
        adminId: await userId(DEMO_ACCOUNTS.admin.email),
        ip: null,
        baseUrl: meta.baseUrl,
      },
    );
    const [after] = await db.sql`select status from providers where id = ${provider!.id}`;
    expect(after!.status).toBe('approved');
    expect((await mailsTo('ina@sprachschule.example')).at(-1)?.template).toBe('providerApproved');
  });
});

describe('sessions', () => {
  it('stores only the hash of the token: the token itself is nowhere in the database', async () => {
    const result = await signIn(DEMO_ACCOUNTS.citizen.email, DEMO_PASSWORD, meta);
    if (result.status !== 'signedIn') throw new Error('sign-in failed');
    const token = result.session.token;
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 160 bits
    const tables = await db.sql<{ schema: string; name: string }[]>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`;
    for (const t of tables) {
      const [hit] = await db.sql.unsafe(
        `select count(*)::int as n from "${t.schema}"."${t.name}" x where x::text like $1`,
        [`%${token}%`],
      );
      expect(hit!.n, `${t.schema}.${t.name}`).toBe(0);
    }
    expect((await validateSessionToken(db.sql, token)).user?.email).toBe(DEMO_ACCOUNTS.citizen.email);
  });

  it('ends a staff session after 30 idle minutes and slides a citizen session forward', async () => {
    const staff = await createSession(db.sql, await userId(DEMO_ACCOUNTS.providerOwner.email), 'staff');
    await db.sql`update sessions set last_seen_at = now() - interval '31 minutes' where id = ${staff.session.id}`;
    expect((await validateSessionToken(db.sql, staff.token)).session).toBeNull();
    expect(await db.sql`select 1 from sessions where id = ${staff.session.id}`).toHaveLength(0);

    const longStaff = await createSession(db.sql, await userId(DEMO_ACCOUNTS.providerOwner.email), 'staff');
    await db.sql`update sessions set created_at = now() - interval '10 hours 1 minute', last_seen_at = now(),
                 expires_at = now() - interval '1 minute' where id = ${longStaff.session.id}`;
    expect((await validateSessionToken(db.sql, longStaff.token)).session).toBeNull();

    const citizen = await createSession(db.sql, await userId(DEMO_ACCOUNTS.citizen.email), 'citizen');
    await db.sql`update sessions set expires_at = now() + interval '10 days' where id = ${citizen.session.id}`;
    const validated = await validateSessionToken(db.sql, citizen.token);
    expect(validated.renewed).toBe(true);
    expect(validated.session!.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);
  });

  it('says so when a staff session ended by idleness (and only then): the request clears the cookie and leaves the flag', async () => {
    const owner = await userId(DEMO_ACCOUNTS.providerOwner.email);
    const idle = await createSession(db.sql, owner, 'staff');
    await db.sql`update sessions set last_seen_at = now() - interval '31 minutes' where id = ${idle.session.id}`;
    const request = {
      cookieHeader: `__Host-ww_session=${idle.token}`,
      protocol: 'https',
      hostname: 'wegweiser.example',
    };
    const answer = await authenticateRequest(request);
    expect(answer.auth).toBeNull();
    expect(answer.setCookie).toEqual([
      expect.stringMatching(/^__Host-ww_session=; .*Max-Age=0/),
      expect.stringMatching(/^__Host-ww_idle=1; /),
    ]);
    // The session is gone: the same cookie again is just no session, without a second flag.
    expect((await authenticateRequest(request)).setCookie).toBeUndefined();

    // Past the 10 hours, or a disabled account: signed out, but not "after 30 idle minutes".
    const old = await createSession(db.sql, owner, 'staff');
    await db.sql`update sessions set last_seen_at = now() - interval '40 minutes', expires_at = now() - interval '1 minute'
                 where id = ${old.session.id}`;
    expect(await validateSessionToken(db.sql, old.token)).not.toHaveProperty('ended');
  });

  it('keeps a staff session’s last request to the seconds (the idle warning counts from it), a citizen’s to the minute', async () => {
    const staff = await createSession(db.sql, await userId(DEMO_ACCOUNTS.providerOwner.email), 'staff');
    await db.sql`update sessions set last_seen_at = now() - interval '10 seconds' where id = ${staff.session.id}`;
    await validateSessionToken(db.sql, staff.token);
    const [seen] = await db.sql<{ ago: number }[]>`
      select extract(epoch from now() - last_seen_at)::float as ago from sessions where id = ${staff.session.id}`;
    expect(seen!.ago).toBeLessThan(5);

    const citizen = await createSession(db.sql, await userId(DEMO_ACCOUNTS.citizen.email), 'citizen');
    await db.sql`update sessions set last_seen_at = now() - interval '10 seconds' where id = ${citizen.session.id}`;
    await validateSessionToken(db.sql, citizen.token);
    const [still] = await db.sql<{ ago: number }[]>`
      select extract(epoch from now() - last_seen_at)::float as ago from sessions where id = ${citizen.session.id}`;
    expect(still!.ago).toBeGreaterThanOrEqual(10);
  });

  it('lists sign-ins that stopped before the second factor apart from working sessions, and no ended ones', async () => {
    const counsellor = await userId(DEMO_ACCOUNTS.counsellor.email);
    await db.sql`delete from sessions where user_id = ${counsellor}`;
    const working = await createSession(db.sql, counsellor, 'staff', { twoFactorVerified: true });
    const halfway = await createSession(db.sql, counsellor, 'staff');
    const idle = await createSession(db.sql, counsellor, 'staff', { twoFactorVerified: true });
    await db.sql`update sessions set last_seen_at = now() - interval '45 minutes' where id = ${idle.session.id}`;
    const overview = await accountOverview(counsellor, working.session.id);
    expect(overview.sessions).toEqual([expect.objectContaining({ current: true })]);
    expect(overview.unfinishedSignIns).toEqual([
      expect.objectContaining({ current: false, createdAt: halfway.session.createdAt.toISOString() }),
    ]);

    // A citizen without a second factor has no unfinished sign-ins: a password is all it takes.
    const citizen = await userId(DEMO_ACCOUNTS.citizen.email);
    const plain = await createSession(db.sql, citizen, 'citizen');
    const mine = await accountOverview(citizen, plain.session.id);
    expect(mine.unfinishedSignIns).toEqual([]);
    expect(mine.sessions).toContainEqual(expect.objectContaining({ current: true }));
  });

  it('refuses the open session of a disabled user, even one the disabling did not delete', async () => {
    const id = await userId(DEMO_ACCOUNTS.otherProviderOwner.email);
    const open = await createSession(db.sql, id, 'staff');
    await setUserStatus(id, 'disabled', { adminId: await userId(DEMO_ACCOUNTS.admin.email), ip: null });
    expect((await validateSessionToken(db.sql, open.token)).session).toBeNull();
    // A session row that survived (restored backup, race): the status check still refuses it.
    await db.sql`update users set status = 'active' where id = ${id}`;
    const again = await createSession(db.sql, id, 'staff');
    await db.sql`update users set status = 'disabled' where id = ${id}`;
    expect((await validateSessionToken(db.sql, again.token)).session).toBeNull();
    expect((await signIn(DEMO_ACCOUNTS.otherProviderOwner.email, DEMO_PASSWORD, meta)).status).toBe(
      'invalid',
    );
    await db.sql`update users set status = 'active' where id = ${id}`;
  });
});

describe('throttling', () => {
  it('answers the 11th wrong password in a row for one account with a wait of up to 5 minutes', async () => {
    const email = DEMO_ACCOUNTS.providerEditor.email;
    const ipMeta = { ...meta, ip: '198.51.100.1' };
    for (let i = 1; i <= 10; i++)
      expect((await signIn(email, `falsch-${i}-passwort`, ipMeta)).status).toBe('invalid');
    const error = await signIn(email, DEMO_PASSWORD, ipMeta).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as ThrottledError).retryAfterSeconds).toBeLessThanOrEqual(300);
    // The throttle table names no address: keys are keyed hashes.
    const keys = await db.sql<{ key: string }[]>`select key from throttle`;
    expect(keys.every((k) => !k.key.includes('@') && !k.key.includes('198.51'))).toBe(true);
  });

  it('limits reset mails per address, whether or not it is registered', async () => {
    const unknown = 'nobody@example.org';
    for (let i = 0; i < 5; i++) await requestPasswordReset(unknown, { ...meta, ip: `192.0.2.${i}` });
    await expect(requestPasswordReset(unknown, { ...meta, ip: '192.0.2.99' })).rejects.toBeInstanceOf(
      ThrottledError,
    );
    expect(await mailsTo(unknown)).toHaveLength(0);
  });
});

describe('password reset', () => {
  it('sets the new password once per link and ends every session', async () => {
    const email = 'mara@example.org';
    const signedIn = await signIn(email, 'ein langer Satz als Passwort', meta);
    if (signedIn.status !== 'signedIn') throw new Error('sign-in failed');
    await requestPasswordReset(email, meta);
    const mail = (await mailsTo(email)).at(-1)!;
    expect(mail.template).toBe('resetPassword');
    const token = tokenOf(linkIn(mail.text));
    expect(await resetPassword(token, 'ganz neues langes Passwort', meta)).toBe(true);
    expect(await resetPassword(token, 'noch ein anderes Passwort', meta)).toBe(false);
    expect((await validateSessionToken(db.sql, signedIn.session.token)).session).toBeNull();
    expect((await signIn(email, 'ganz neues langes Passwort', meta)).status).toBe('signedIn');
  });

  it('refuses an expired link', async () => {
    const email = DEMO_ACCOUNTS.citizen.email;
    await requestPasswordReset(email, { ...meta, ip: '192.0.2.200' });
    const token = tokenOf(linkIn((await mailsTo(email)).at(-1)!.text));
    await db.sql`update user_tokens set expires_at = now() - interval '1 second' where purpose = 'reset_password'`;
    expect(await resetPassword(token, 'ganz neues langes Passwort', meta)).toBe(false);
  });
});

describe('two-factor sign-in', () => {
  const key = decodeBase32(DEMO_ACCOUNTS.counsellor.totp);

  it('accepts a TOTP code once: the same code is refused the second time', async () => {
    const id = await userId(DEMO_ACCOUNTS.counsellor.email);
    const first = await signIn(DEMO_ACCOUNTS.counsellor.email, DEMO_PASSWORD, meta);
    if (first.status !== 'signedIn') throw new Error('sign-in failed');
    expect(first.secondFactor).toBe('verify');
    // The step after the last one used, so an earlier test run can't interfere.
    const code = totpAt(key, currentStep());
    const ok = await verifySecondFactor(id, first.session.session.id, code, meta.ip);
    expect(ok?.session.session.twoFactorVerified).toBe(true);

    const second = await signIn(DEMO_ACCOUNTS.counsellor.email, DEMO_PASSWORD, meta);
    if (second.status !== 'signedIn') throw new Error('sign-in failed');
    expect(await verifySecondFactor(id, second.session.session.id, code, meta.ip)).toBeNull();
  });

  it('accepts each recovery code once and throttles after 5 wrong codes', async () => {
    const id = await userId(DEMO_ACCOUNTS.admin.email);
    const s = await signIn(DEMO_ACCOUNTS.admin.email, DEMO_PASSWORD, meta);
    if (s.status !== 'signedIn') throw new Error('sign-in failed');
    const used = await verifySecondFactor(id, s.session.session.id, 'DEMO1-AAAAA', meta.ip);
    expect(used?.usedRecoveryCode).toBe(true);
    expect(used?.recoveryCodesLeft).toBe(DEMO_RECOVERY_CODES.length - 1);
    const s2 = await signIn(DEMO_ACCOUNTS.admin.email, DEMO_PASSWORD, meta);
    if (s2.status !== 'signedIn') throw new Error('sign-in failed');
    expect(await verifySecondFactor(id, s2.session.session.id, 'demo1-aaaaa', meta.ip)).toBeNull();
    for (let i = 0; i < 4; i++)
      expect(await verifySecondFactor(id, s2.session.session.id, '000000', meta.ip)).toBeNull();
    await expect(
      verifySecondFactor(id, s2.session.session.id, 'demo2-bbbbb', meta.ip),
    ).rejects.toBeInstanceOf(ThrottledError);
  });
});

describe('parallel guessing', () => {
  it('counts each attempt before checking it: of 20 parallel wrong passwords at most 10 are tried', async () => {
    const email = 'parallel@example.org';
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        signIn(email, `parallel-falsch-${i}`, { ...meta, ip: '192.0.2.150' }),
      ),
    );
    const tried = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter(
      (r) => r.status === 'rejected' && r.reason instanceof ThrottledError,
    ).length;
    expect(tried).toBeLessThanOrEqual(10);
    expect(tried + refused).toBe(20);
  });
});

describe('invitations', () => {
  it('creates the invited counsellor once, linked to the chosen profile', async () => {
    const adminId = await userId(DEMO_ACCOUNTS.admin.email);
    const [profile] = await db.sql<
      { id: number }[]
    >`select id from counsellors where user_id is null order by id limit 1`;
    await inviteStaff(
      { email: 'neu@beratung.example', role: 'counsellor', counsellorId: profile!.id, locale: 'en' },
      { adminId, ip: null, baseUrl: meta.baseUrl },
    );
    const mail = (await mailsTo('neu@beratung.example'))[0]!;
    expect(mail.locale).toBe('en');
    expect(mail.subject).not.toBe(''); // in English, from the en templates
    const token = tokenOf(linkIn(mail.text));
    const accepted = await acceptInvitation(token, 'Nina Neu', 'Beratung mit Herz und Verstand', null);
    expect(accepted?.role).toBe('counsellor');
    expect(accepted?.session.session.twoFactorVerified).toBe(false);
    expect(await acceptInvitation(token, 'Nina Zwei', 'Beratung mit Herz und Verstand', null)).toBeNull();
    const [linked] =
      await db.sql`select c.user_id, u.role from counsellors c join users u on u.id = c.user_id where c.id = ${profile!.id}`;
    expect(linked!.role).toBe('counsellor');
  });
});

describe('data rights', () => {
  it('exports the account, refuses to withdraw the account consent separately, and erases on deletion', async () => {
    await signUp(
      {
        kind: 'citizen',
        displayName: 'Lea Lösch',
        email: 'lea@example.org',
        password: 'Datenschutz ist wichtig',
      },
      meta,
    );
    await confirmEmailToken(tokenOf(linkIn((await mailsTo('lea@example.org'))[0]!.text)), meta);
    const id = await userId('lea@example.org');
    const exported = await exportMyData(id, meta.ip);
    expect(exported.account.email).toBe('lea@example.org');
    expect(exported.consents).toEqual([expect.objectContaining({ purpose: 'account', withdrawnAt: null })]);
    expect(JSON.stringify(exported)).not.toMatch(/password|argon2|token/i);

    const [accountConsent] = await db.sql<{ id: number }[]>`select id from consents where user_id = ${id}`;
    expect(await withdrawConsent(id, accountConsent!.id, null)).toBe(false);
    await db.sql`insert into consents (user_id, purpose, text_version) values (${id}, 'share-assessment', 'v1')`;
    const [other] = await db.sql<
      { id: number }[]
    >`select id from consents where user_id = ${id} and purpose = 'share-assessment'`;
    expect(await withdrawConsent(id, other!.id, null)).toBe(true);
    expect(await withdrawConsent(id, other!.id, null)).toBe(false);

    const usersBefore = await db.sql`select count(*)::int as n from users`;
    await expect(deleteMyAccount(id, 'falsches Passwort', meta)).rejects.toEqual(
      new PasswordRejected('wrong'),
    );
    await deleteMyAccount(id, 'Datenschutz ist wichtig', meta);
    const [row] = await db.sql`select email, password_hash, display_name, status from users where id = ${id}`;
    expect(row).toEqual({ email: null, password_hash: null, display_name: null, status: 'deleted' });
    expect((await db.sql`select count(*)::int as n from users`)[0]!.n).toBe(usersBefore[0]!.n);
    expect(await db.sql`select 1 from sessions where user_id = ${id}`).toHaveLength(0);
    expect((await signIn('lea@example.org', 'Datenschutz ist wichtig', meta)).status).toBe('invalid');
  });
});

describe('audit log', () => {
  it('records sign-ins and failures without secrets', async () => {
    const rows = await db.sql<{ action: string; outcome: string; detail: unknown; ip_hash: string | null }[]>`
      select action, outcome, detail, ip_hash from audit_log where action = 'auth.signin'`;
    expect(rows.some((r) => r.outcome === 'success')).toBe(true);
    expect(rows.some((r) => r.outcome === 'failure')).toBe(true);
    const all = JSON.stringify(await db.sql`select * from audit_log`);
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(all).not.toContain('203.0.113.7');
    expect(all).not.toMatch(/falsch-\d-passwort/);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.sql`update audit_log set action = 'tampered'`).rejects.toThrow(/append-only/);
    await expect(db.sql`delete from audit_log`).rejects.toThrow(/append-only/);
    await expect(db.sql`truncate audit_log`).rejects.toThrow(/append-only/);
    const [row] = await db.sql`select count(*)::int as n from audit_log where action = 'tampered'`;
    expect(row!.n).toBe(0);
  });
});

describe('retention', () => {
  it('removes expired sessions, spent links and old throttle counters, and keeps live ones', async () => {
    const { cleanUpAuthData } = await import('../../app/auth/cleanup.server');
    const live = await createSession(db.sql, await userId(DEMO_ACCOUNTS.citizen.email), 'citizen');
    const dead = await createSession(db.sql, await userId(DEMO_ACCOUNTS.citizen.email), 'citizen');
    await db.sql`update sessions set expires_at = now() - interval '1 minute' where id = ${dead.session.id}`;
    await db.sql`update user_tokens set used_at = now() - interval '2 days' where used_at is not null`;
    await db.sql`insert into throttle (key, hits, last_hit_at) values ('test:old', 3, now() - interval '2 days')`;
    const removed = await cleanUpAuthData();
    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    expect(removed.tokens).toBeGreaterThanOrEqual(1);
    expect(removed.throttles).toBeGreaterThanOrEqual(1);
    expect(await db.sql`select 1 from sessions where id = ${live.session.id}`).toHaveLength(1);
    expect(await db.sql`select 1 from sessions where id = ${dead.session.id}`).toHaveLength(0);
  });
});

describe('admin resets a second factor', () => {
  it('clears key and codes, ends the sessions, and the next sign-in leads to enrolment', async () => {
    const { resetSecondFactor } = await import('../../app/modules/admin/admin.server');
    const id = await userId(DEMO_ACCOUNTS.counsellor.email);
    const open = await createSession(db.sql, id, 'staff', { twoFactorVerified: true });
    const adminId = await userId(DEMO_ACCOUNTS.admin.email);
    await expect(resetSecondFactor(adminId, { adminId, ip: null })).rejects.toThrow('not_yourself');
    await resetSecondFactor(id, { adminId, ip: null });
    expect((await validateSessionToken(db.sql, open.token)).session).toBeNull();
    expect(await db.sql`select 1 from recovery_codes where user_id = ${id}`).toHaveLength(0);
    const next = await signIn(DEMO_ACCOUNTS.counsellor.email, DEMO_PASSWORD, meta);
    expect(next.status === 'signedIn' && next.secondFactor).toBe('enrol');
  });
});
