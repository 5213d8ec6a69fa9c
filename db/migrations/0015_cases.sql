-- Case work (Fallmanagement): a case file that one counsellor carries with a person, with
-- consents per purpose and recipient, a timeline of steps, working notes that expire and
-- the file's own journal. See docs/decisions/014-case-work.md.
--
-- Need-to-know lives in the data: a case names its responsible counsellor and at most one
-- deputy, and nobody else ever reads it (the application checks every request; no role
-- has an "any" permission on cases).

create table cases (
  id bigint generated always as identity primary key,
  -- A case type of app/modules/cases/case-types.ts (its name and default steps).
  case_type text not null check (case_type ~ '^[a-z][a-z_]{1,40}$'),
  responsible_user_id bigint references users (id),
  deputy_user_id bigint references users (id),
  -- The office the responsible counsellor works from: what the person sees in their access list.
  office_id bigint references offices (id) on delete set null,
  person_name text check (char_length(person_name) between 1 and 200),
  person_email text check (char_length(person_email) <= 254),
  person_phone text check (char_length(person_phone) <= 40),
  -- The person's language (their page, their mail) and the language the counsellor writes in.
  person_locale text not null default 'de' check (person_locale ~ '^[a-z]{2,3}$'),
  text_language text not null default 'de' check (text_language ~ '^[a-z]{2,3}$'),
  -- With an account the case is also listed under /konto (set when the person keeps it there).
  person_user_id bigint references users (id) on delete set null,
  -- The person's own link /fall/<token>: only the token's SHA-256 is kept. It stays after
  -- erasure, so the link answers "erased" (410) instead of "unknown" (404).
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  origin text not null check (origin in ('appointment', 'walk_in', 'phone', 'video', 'other')),
  -- The counsellor's own appointment the case began with: its shared self-assessment can
  -- be imported while the person's sharing stands.
  appointment_id bigint references appointments (id) on delete set null,
  opened_at timestamptz not null,
  last_activity_at timestamptz not null,
  closed_at timestamptz,
  close_reason text check (close_reason in (
    'goals_achieved', 'measure_started', 'person_ended', 'no_contact', 'moved_away',
    'other_service', 'consent_withdrawn', 'inactive', 'account_deleted', 'other'
  )),
  -- The review due date for which the counsellor was reminded (once per due date).
  review_reminded_for date,
  -- The person sent the anonymous feedback form (the answers are stored without the case).
  feedback_given_at timestamptz,
  -- Art. 18: restricted instead of erased, with the reason (audited); retention skips it.
  restricted_at timestamptz,
  restriction_reason text check (char_length(restriction_reason) between 3 and 1000),
  erased_at timestamptz,
  check (responsible_user_id is not null or erased_at is not null),
  check (deputy_user_id is null or deputy_user_id <> responsible_user_id),
  check ((closed_at is null) = (close_reason is null)),
  check ((restricted_at is null) = (restriction_reason is null)),
  check (erased_at is null or (person_name is null and person_email is null and person_phone is null))
);
create index cases_responsible_idx on cases (responsible_user_id) where erased_at is null;
create index cases_deputy_idx on cases (deputy_user_id) where deputy_user_id is not null;
create index cases_person_user_idx on cases (person_user_id) where person_user_id is not null;
create index cases_retention_idx on cases (coalesce(closed_at, last_activity_at))
  where erased_at is null and restricted_at is null;

-- Consents, per purpose and recipient: documentation of the case (the office), health
-- data (Art. 9, its own consent), and later referrals to a named provider with the data
-- categories passed on. Never a flag: each row is what was agreed, in which text version
-- and language, how and when; a withdrawal is dated, the row stays as proof.
create table case_consents (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  purpose text not null check (purpose ~ '^[a-z][a-z_]{1,40}$'),
  recipient_kind text not null check (recipient_kind in ('office', 'provider', 'service')),
  recipient_office_id bigint references offices (id) on delete set null,
  recipient_provider_id bigint references providers (id) on delete set null,
  recipient_text text check (char_length(recipient_text) <= 200),
  data_categories text[] not null check (cardinality(data_categories) > 0),
  text_version text not null check (text_version ~ '^[a-z0-9_.-]{1,60}$'),
  text_language text not null check (text_language ~ '^[a-z]{2,3}$'),
  given_how text not null check (given_how in ('paper', 'in_meeting', 'own_link')),
  given_at timestamptz not null,
  recorded_by bigint references users (id) on delete set null,
  valid_until date,
  withdrawn_at timestamptz,
  withdrawn_how text check (withdrawn_how in ('own_link', 'counsellor', 'account')),
  check ((withdrawn_at is null) = (withdrawn_how is null))
);
create index case_consents_case_idx on case_consents (case_id);
create unique index case_consents_one_standing on case_consents (case_id, purpose, coalesce(recipient_provider_id, 0))
  where withdrawn_at is null;

-- Without the consent to documentation there is no case: checked at commit, whatever the
-- application does.
create function cases_need_documentation_consent() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from case_consents where case_id = new.id and purpose = 'documentation') then
    raise exception 'case % has no consent to documentation', new.id using errcode = 'check_violation';
  end if;
  return null;
end $$;
create constraint trigger cases_documentation_consent after insert on cases
  deferrable initially deferred for each row execute function cases_need_documentation_consent();

-- The case's timeline: a case type's default steps (their names are translated) and the
-- counsellor's own ones, each due a number of days after an earlier step (or the opening).
create table case_steps (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  step_key text check (step_key ~ '^[a-z][a-z_]{1,40}$'),
  title text check (char_length(title) between 1 and 200),
  after_step_id bigint references case_steps (id) on delete set null,
  offset_days integer not null check (offset_days between 0 and 730),
  position integer not null,
  done_at timestamptz,
  check ((step_key is null) <> (title is null))
);
create index case_steps_case_idx on case_steps (case_id, position);

-- Working notes jotted during a conversation: apart from the file, gone after 14 days
-- unless moved into the file (then they become a journal entry and the note goes).
create table case_notes (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  author_user_id bigint references users (id) on delete set null,
  body text not null check (char_length(body) between 1 and 4000),
  created_at timestamptz not null,
  delete_after timestamptz not null check (delete_after > created_at)
);
create index case_notes_case_idx on case_notes (case_id);
create index case_notes_expiry_idx on case_notes (delete_after);

-- The file's journal: entries the counsellor writes or moves in from a working note.
create table case_entries (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  kind text not null check (kind in ('note', 'contact')),
  body text not null check (char_length(body) between 1 and 8000),
  created_by bigint references users (id) on delete set null,
  created_at timestamptz not null
);
create index case_entries_case_idx on case_entries (case_id, created_at);

-- Hand-overs of the responsibility (by the counsellor, or an admin's reassignment when a
-- counsellor leaves), with the reason; the person is told.
create table case_handovers (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  from_user_id bigint references users (id) on delete set null,
  to_user_id bigint references users (id) on delete set null,
  by_user_id bigint references users (id) on delete set null,
  kind text not null check (kind in ('handover', 'reassignment')),
  reason text not null check (char_length(reason) between 3 and 1000),
  at timestamptz not null
);
create index case_handovers_case_idx on case_handovers (case_id, at);

-- The person's access list is read from the audit log (case.read rows by case).
create index audit_log_case_reads_idx on audit_log (target_id, at) where target_type = 'case';
