import { decodeBase32 } from '@oslojs/encoding';
import { hashPassword } from '../../app/auth/password.server';
import { hashRecoveryCode } from '../../app/auth/totp.server';
import type { Sql } from '../client.server';
import { LOCKS } from '../locks';
import { seedDemoCases } from './cases';
import { seedDemoReferrals } from './referrals';
import { seedDemoTeamAccounts } from './team-accounts';

/**
 * Demo accounts, one per role, for trying the portal and for the browser tests. Created
 * only in demo/development mode (the server never calls this in production), once.
 * Everything here is public in the README: never reuse it anywhere real.
 */
export const DEMO_PASSWORD = 'Wegweiser-Demo-2026';

export const DEMO_ACCOUNTS = {
  citizen: { email: 'buerger@wegweiser.test', name: 'Alex Demir', role: 'citizen' },
  providerOwner: { email: 'anbieter@wegweiser.test', name: 'Petra Anbieter', role: 'provider' },
  providerEditor: { email: 'redaktion@wegweiser.test', name: 'Rafael Redaktion', role: 'provider' },
  otherProviderOwner: { email: 'anbieter2@wegweiser.test', name: 'Olga Zweitanbieter', role: 'provider' },
  counsellor: {
    email: 'beratung@wegweiser.test',
    name: 'Beate Beratung',
    role: 'counsellor',
    totp: 'T35OVIXPTQWSJQ3D3536R3C5VPXCVUOU',
  },
  counsellorNoTotp: { email: 'beratung2@wegweiser.test', name: 'Bernd Neu', role: 'counsellor' },
  admin: {
    email: 'admin@wegweiser.test',
    name: 'Ada Admin',
    role: 'admin',
    totp: 'R3KYGRQODW65Q6YAOGAKUWI2CJVQ4CCP',
  },
  // Last, so the others keep the ids the browser tests know them by.
  otherProviderEditor: { email: 'redaktion2@wegweiser.test', name: 'Emil Zweitredaktion', role: 'provider' },
  // A second enrolled counsellor with cases of their own: need-to-know is visible between colleagues.
  counsellor3: {
    email: 'beratung3@wegweiser.test',
    name: 'Cem Beratung',
    role: 'counsellor',
    totp: 'QN3ESS7OOCU35SXI7FFQUOAN52MCP3Y6',
  },
  // The education office's planning (issue 20): aggregate reports only, TOTP mandatory.
  planner: {
    email: 'planung@wegweiser.test',
    name: 'Paula Planung',
    role: 'planner',
    totp: 'IKYZ7GP47PK3L2WRAZGXOM6GDZSXYRPD',
  },
} as const;

/** Recovery codes of the demo accounts with TOTP (each works once per database). */
export const DEMO_RECOVERY_CODES = [
  'demo1-aaaaa',
  'demo2-bbbbb',
  'demo3-ccccc',
  'demo4-ddddd',
  'demo5-eeeee',
  'demo6-fffff',
  'demo7-ggggg',
  'demo2-hhhhh',
  'demo3-iiiii',
  'demo4-jjjjj',
  // More than a real account's ten: the browser suite spends one per staff sign-in and must
  // never share one between two tests (a spent code fails the second test's sign-in).
  'demo8-kkkkk',
  'demo9-lllll',
  'demo1-mmmmm',
  'demo2-nnnnn',
  'demo3-ooooo',
  'demo4-ppppp',
];

export const DEMO_ACCOUNTS_KEY = 'demo_accounts';

export async function seedDemoAccounts(sql: Sql): Promise<{ seeded: boolean }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${LOCKS.demoAccounts})`;
    const [done] = await tx`select 1 from app_meta where key = ${DEMO_ACCOUNTS_KEY}`;
    if (done) return { seeded: false };
    const ids: Record<string, number> = {};
    for (const [key, account] of Object.entries(DEMO_ACCOUNTS)) {
      const totp = 'totp' in account ? Buffer.from(decodeBase32(account.totp)) : null;
      const [row] = await tx<{ id: number }[]>`
        insert into users (email, email_verified_at, password_hash, display_name, role, totp_key, totp_enabled_at)
        values (${account.email}, now(), ${passwordHash}, ${account.name}, ${account.role}, ${totp}, ${totp ? tx`now()` : null})
        on conflict (email) where email is not null do update set updated_at = now()
        returning id`;
      ids[key] = row!.id;
      await tx`insert into consents (user_id, purpose, text_version) values (${row!.id}, 'account', '2026-11')`;
      if (totp) {
        const codes = DEMO_RECOVERY_CODES.map((c) => ({ user_id: row!.id, code_hash: hashRecoveryCode(c) }));
        await tx`insert into recovery_codes ${tx(codes)} on conflict do nothing`;
      }
    }
    // The demo provider staff work for the two largest approved providers.
    const providers = await tx<{ id: number }[]>`
      select p.id from providers p where p.status = 'approved'
      order by (select count(*) from offers o where o.provider_id = p.id) desc, p.id limit 2`;
    const [first, second] = providers;
    if (first && second) {
      await tx`
        insert into provider_members (user_id, provider_id, role) values
          (${ids.providerOwner!}, ${first.id}, 'owner'),
          (${ids.providerEditor!}, ${first.id}, 'editor'),
          (${ids.otherProviderOwner!}, ${second.id}, 'owner'),
          (${ids.otherProviderEditor!}, ${second.id}, 'editor')
        on conflict (user_id) do nothing`;
    }
    // The demo counsellors are the first two counsellor profiles of the demo data.
    await tx`
      update counsellors c set user_id = x.user_id
      from (select id, row_number() over (order by id) as n from counsellors where user_id is null) c2
      join (values (1, ${ids.counsellor!}::bigint), (2, ${ids.counsellorNoTotp!}::bigint), (3, ${ids.counsellor3!}::bigint))
        as x(n, user_id) on x.n = c2.n
      where c.id = c2.id`;
    // The other demo profiles get accounts too (only counsellors who can sign in are booked).
    await seedDemoTeamAccounts(tx, passwordHash);
    // Case files for the two enrolled counsellors (only where the demo data gave them profiles).
    await seedDemoCases(tx, { counsellor: ids.counsellor!, counsellor3: ids.counsellor3! });
    await seedDemoReferrals(tx, ids.counsellor!);
    await tx`insert into app_meta (key, value) values (${DEMO_ACCOUNTS_KEY}, ${tx.json({ at: new Date().toISOString() })})`;
    return { seeded: true };
  });
}
