-- Referrals across providers: a measure of a plan in force is referred to a provider
-- (a run of one of its offers, or the provider generally), only under the person's
-- consent for that recipient. See docs/decisions/020-referrals-and-consent-per-recipient.md.

-- A referral consent names its recipient provider, the data categories and the purpose
-- in the person's words as shown to them; case_consents already holds recipient,
-- categories, text version, how, when and validity.
alter table case_consents add column purpose_text text check (char_length(purpose_text) between 3 and 500);

create table referrals (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  -- The measure (its key is stable across plan versions) and the version it was referred from.
  measure_key text not null check (measure_key ~ '^m[0-9a-z]{1,20}$'),
  plan_id bigint references case_plans (id) on delete set null,
  provider_id bigint not null references providers (id),
  offer_id bigint references offers (id) on delete set null,
  run_id bigint references runs (id) on delete set null,
  -- Kept for the anonymous evaluation row (the offer may be deleted before the case is erased).
  offer_category text,
  purpose text not null check (char_length(purpose) between 3 and 500),
  data_categories text[] not null check (
    cardinality(data_categories) > 0
    and data_categories <@ array['name_contact', 'language_level', 'baseline', 'measure_goal']::text[]),
  -- Chosen by the counsellor when the language level is passed on (CEFR).
  language_level text check (language_level in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  -- The consent it was sent under (set when sent).
  consent_id bigint references case_consents (id),
  -- Exactly the consented data, written when sent; emptied when the consent is withdrawn
  -- or the case erased. The provider reads nothing else about the person.
  shared jsonb check (shared is null or jsonb_typeof(shared) = 'object'),
  state text not null check (state in ('draft', 'received', 'accepted', 'rejected', 'started', 'completed', 'dropped_out')),
  reason text check (reason in (
    'course_full', 'requirements_not_met', 'cancelled', 'no_contact', 'other',
    'person_ended', 'health', 'work_found', 'moved_away'
  )),
  start_on date,
  -- The provider's response deadline (working days in the office's Land).
  due_on date,
  created_by bigint references users (id) on delete set null,
  created_at timestamptz not null,
  sent_at timestamptz,
  answered_at timestamptz,
  state_changed_at timestamptz not null,
  -- The one overdue reminder to the provider's owners.
  reminded_at timestamptz,
  withdrawn_at timestamptz,
  -- A referral to a provider the counsellor is affiliated with needs a written reason (audited too).
  affiliation_reason text check (char_length(affiliation_reason) between 10 and 1000),
  check ((state = 'draft') = (sent_at is null)),
  check (state = 'draft' or (consent_id is not null and due_on is not null)),
  check (withdrawn_at is null or shared is null),
  check ((state in ('rejected', 'dropped_out')) = (reason is not null))
);
create index referrals_case_idx on referrals (case_id);
create index referrals_provider_idx on referrals (provider_id, state) where state <> 'draft';
create index referrals_consent_idx on referrals (consent_id);
create index referrals_overdue_idx on referrals (due_on) where state = 'received' and reminded_at is null;

-- Every state a referral went through, by whom (kind only) and when: the counsellor's
-- and the person's history. The audit log has the actor.
create table referral_events (
  id bigint generated always as identity primary key,
  referral_id bigint not null references referrals (id) on delete cascade,
  state text not null,
  reason text,
  by_kind text not null check (by_kind in ('counsellor', 'person', 'provider', 'api', 'system')),
  at timestamptz not null
);
create index referral_events_referral_idx on referral_events (referral_id, at);
