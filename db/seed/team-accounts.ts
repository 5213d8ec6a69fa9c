import { decodeBase32 } from '@oslojs/encoding';
import type { Tx } from '../client.server';

/**
 * Demo accounts for the other demo counsellor profiles. Only counsellors who can sign
 * in (an active account with its second factor) receive bookings (issue 14), so the demo
 * profiles that should be bookable get one each: `<first>.<last>@wegweiser.test`, the
 * demo password, this shared TOTP key (README). The last two profiles are left without
 * an account on purpose: the office's list shows them flagged, and they get no bookings.
 */
export const DEMO_TEAM_TOTP = 'KEYPT36G6TFCRRHR7C4F66FXZ5PBGDDU';
export const UNLINKED_DEMO_PROFILES = 2;

/** "Leyla Yılmaz" → "leyla.yilmaz" */
export function demoTeamEmail(displayName: string): string {
  const ascii = displayName
    .toLowerCase()
    .replace(/ı/g, 'i')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${ascii}@wegweiser.test`;
}

export async function seedDemoTeamAccounts(tx: Tx, passwordHash: string) {
  const profiles = await tx<{ id: number; display_name: string }[]>`
    select id, display_name from counsellors where user_id is null and active order by id`;
  const key = Buffer.from(decodeBase32(DEMO_TEAM_TOTP));
  for (const p of profiles.slice(0, Math.max(0, profiles.length - UNLINKED_DEMO_PROFILES))) {
    const [row] = await tx<{ id: number }[]>`
      insert into users (email, email_verified_at, password_hash, display_name, role, totp_key, totp_enabled_at)
      values (${demoTeamEmail(p.display_name)}, now(), ${passwordHash}, ${p.display_name}, 'counsellor', ${key}, now())
      on conflict (email) where email is not null do update set updated_at = now()
      returning id`;
    await tx`insert into consents (user_id, purpose, text_version) values (${row!.id}, 'account', '2026-11')`;
    await tx`update counsellors set user_id = ${row!.id} where id = ${p.id} and user_id is null`;
  }
}
