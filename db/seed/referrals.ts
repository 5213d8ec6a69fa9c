import { addWorkingDays, REFERRAL_CONSENT, sharedData } from '../../app/modules/referrals/rules';
import { now, todayInBerlin } from '../../app/utils/clock.server';
import type { Tx } from '../client.server';

/**
 * Demo referrals for the two demo providers (anbieter@ and anbieter2@), in every state:
 * waiting for consent, received, received and overdue, accepted, rejected, started,
 * completed, dropped out, withdrawn. They come from beratung@'s open cases with a plan in
 * force, each under a referral consent for its provider. Runs inside the demo accounts'
 * transaction, once (after the demo cases).
 */
type Seeded =
  | 'draft'
  | 'received'
  | 'overdue'
  | 'accepted'
  | 'rejected'
  | 'started'
  | 'completed'
  | 'dropped_out'
  | 'withdrawn';
const STATES: Seeded[] = [
  'draft',
  'received',
  'overdue',
  'accepted',
  'rejected',
  'started',
  'completed',
  'dropped_out',
  'withdrawn',
];
/** The states each one went through after `received`. */
const PATH: Record<Seeded, string[]> = {
  draft: [],
  received: [],
  overdue: [],
  accepted: ['accepted'],
  rejected: ['rejected'],
  started: ['accepted', 'started'],
  completed: ['accepted', 'started', 'completed'],
  dropped_out: ['accepted', 'started', 'dropped_out'],
  withdrawn: ['accepted'],
};

export async function seedDemoReferrals(tx: Tx, counsellorUserId: number): Promise<{ referrals: number }> {
  const providers = await tx<
    { provider_id: number; run_id: number | null; offer_id: number | null; category: string | null }[]
  >`
    select m.provider_id,
      (select r.id from runs r join offers o on o.id = r.offer_id
        where o.provider_id = m.provider_id and o.status = 'published' and r.status = 'scheduled' order by r.id limit 1) as run_id,
      (select o.id from offers o where o.provider_id = m.provider_id and o.status = 'published' order by o.id limit 1) as offer_id,
      (select o.category from offers o where o.provider_id = m.provider_id and o.status = 'published' order by o.id limit 1) as category
    from provider_members m where m.role = 'owner'
    group by m.provider_id order by m.provider_id`;
  const cases = await tx<
    {
      id: number;
      name: string;
      email: string | null;
      phone: string | null;
      plan_id: number;
      baseline: never;
      measure_key: string;
      goal: string;
    }[]
  >`
    select c.id, c.person_name as name, c.person_email as email, c.person_phone as phone, p.id as plan_id, p.baseline,
      m.measure_key, m.goal
    from cases c
      join lateral (select * from case_plans where case_id = c.id and activated_at is not null order by version desc limit 1) p on true
      join lateral (select * from case_measures where plan_id = p.id order by position limit 1) m on true
    where c.responsible_user_id = ${counsellorUserId} and c.closed_at is null and c.erased_at is null
    order by c.id`;
  if (!cases.length || !providers.length) return { referrals: 0 };
  const at = now();
  const day = 86_400_000;
  let n = 0;
  for (const [pi, provider] of providers.slice(0, 2).entries()) {
    for (const [si, state] of STATES.entries()) {
      const c = cases[(si + pi * 3) % cases.length]!;
      const categories =
        si % 2 === 0 ? ['name_contact', 'measure_goal'] : ['name_contact', 'language_level', 'baseline'];
      const age = state === 'overdue' ? 14 : state === 'received' || state === 'draft' ? 0 : 10 + si;
      const sentAt = new Date(at.getTime() - age * day);
      const sentDay = todayInBerlin(sentAt);
      let consentId: number | null = null;
      if (state !== 'draft') {
        const [standing] = await tx<{ id: number }[]>`
          select id from case_consents where case_id = ${c.id} and purpose = 'referral'
            and recipient_provider_id = ${provider.provider_id} and withdrawn_at is null`;
        if (standing && state !== 'withdrawn') consentId = standing.id;
        else {
          const [row] = await tx<{ id: number }[]>`
            insert into case_consents (case_id, purpose, recipient_kind, recipient_provider_id, data_categories, text_version,
              text_language, given_how, given_at, recorded_by, purpose_text, withdrawn_at, withdrawn_how)
            values (${c.id}, 'referral', 'provider', ${provider.provider_id},
              ${['name_contact', 'language_level', 'baseline', 'measure_goal']}, ${REFERRAL_CONSENT.version}, 'de',
              ${si % 3 === 0 ? 'own_link' : 'in_meeting'}, ${sentAt}, ${counsellorUserId}, 'Platz in einem passenden Kurs',
              ${state === 'withdrawn' ? new Date(at.getTime() - 2 * day) : null}, ${state === 'withdrawn' ? 'own_link' : null})
            returning id`;
          consentId = row!.id;
        }
      }
      const moves = PATH[state];
      const last = moves.at(-1);
      const dbState =
        state === 'draft'
          ? 'draft'
          : state === 'overdue' || state === 'received'
            ? 'received'
            : state === 'withdrawn'
              ? 'accepted'
              : last!;
      const reason = dbState === 'rejected' ? 'course_full' : dbState === 'dropped_out' ? 'work_found' : null;
      const useRun = si % 2 === 0 && provider.run_id !== null;
      const shared =
        state === 'draft' || state === 'withdrawn'
          ? null
          : sharedData(categories, {
              name: c.name,
              email: c.email,
              phone: c.phone,
              languageLevel: 'B1',
              baseline: c.baseline,
              measureGoal: c.goal,
            });
      const answeredAt = moves.length ? new Date(sentAt.getTime() + 2 * day) : null;
      const [ref] = await tx<{ id: number }[]>`
        insert into referrals (case_id, measure_key, plan_id, provider_id, offer_id, run_id, offer_category, purpose,
          data_categories, language_level, consent_id, shared, state, reason, start_on, due_on, created_by, created_at,
          sent_at, answered_at, state_changed_at, reminded_at, withdrawn_at)
        values (${c.id}, ${c.measure_key}, ${c.plan_id}, ${provider.provider_id}, ${useRun ? provider.offer_id : null},
          ${useRun ? provider.run_id : null}, ${useRun ? provider.category : null}, 'Platz in einem passenden Kurs',
          ${categories}, ${categories.includes('language_level') ? 'B1' : null}, ${consentId},
          ${shared ? tx.json(shared as never) : null}, ${dbState}, ${reason},
          ${moves.includes('accepted') ? sentDay : null}, ${state === 'draft' ? null : addWorkingDays(sentDay, 5, 'BE')},
          ${counsellorUserId}, ${sentAt}, ${state === 'draft' ? null : sentAt}, ${answeredAt}, ${answeredAt ?? sentAt},
          null, ${state === 'withdrawn' ? new Date(at.getTime() - 2 * day) : null})
        returning id`;
      const events = ['draft', ...(state === 'draft' ? [] : ['received']), ...moves];
      for (const [ei, e] of events.entries())
        await tx`
          insert into referral_events (referral_id, state, reason, by_kind, at)
          values (${ref!.id}, ${e}, ${e === dbState ? reason : null},
            ${e === 'draft' || (e === 'received' && si % 3 !== 0) ? 'counsellor' : e === 'received' ? 'person' : 'provider'},
            ${new Date(sentAt.getTime() + ei * day)})`;
      n++;
    }
  }
  return { referrals: n };
}
