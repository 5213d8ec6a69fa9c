-- Accounts, sessions, roles, two-factor sign-in, throttling, consents and the audit log.
-- Secrets are stored only as hashes: session tokens and one-time tokens as SHA-256,
-- passwords as argon2id, recovery codes as SHA-256 (they carry 50 random bits each).

create table users (
  id bigint generated always as identity primary key,
  -- null once the account is deleted (the row stays, without personal data, for counts)
  email text,
  email_verified_at timestamptz,
  password_hash text,
  display_name text check (char_length(display_name) <= 120),
  role text not null check (role in ('citizen', 'provider', 'counsellor', 'admin')),
  status text not null default 'active' check (status in ('active', 'disabled', 'deleted')),
  locale text not null default 'de',
  -- RFC 6238 key (20 random bytes) and the last time step accepted, so no code counts twice
  totp_key bytea,
  totp_enabled_at timestamptz,
  totp_last_step bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (email is null or email = lower(email)),
  check ((status = 'deleted') = (email is null))
);
create unique index users_email_key on users (email) where email is not null;

create table sessions (
  -- SHA-256 of the token in the cookie (hex); the token itself is never stored
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id bigint not null references users (id) on delete cascade,
  kind text not null check (kind in ('citizen', 'staff')),
  two_factor_verified boolean not null default false,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

-- Single-use tokens sent by mail: e-mail verification, password reset, change of e-mail.
create table user_tokens (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  user_id bigint not null references users (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password', 'change_email')),
  new_email text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index user_tokens_user_idx on user_tokens (user_id, purpose);

create table recovery_codes (
  user_id bigint not null references users (id) on delete cascade,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- Invitations by link (the link carries the token; its hash is here): counsellors and
-- admins invited by an admin, provider staff invited by their provider's owner.
create table invitations (
  id bigint generated always as identity primary key,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  email text not null check (email = lower(email)),
  role text not null check (role in ('counsellor', 'admin', 'provider')),
  counsellor_id bigint references counsellors (id) on delete set null,
  provider_id bigint references providers (id) on delete cascade,
  provider_role text check (provider_role in ('owner', 'editor')),
  invited_by bigint references users (id) on delete set null,
  locale text not null default 'de',
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_user_id bigint references users (id) on delete set null,
  revoked_at timestamptz,
  check ((role = 'provider') = (provider_id is not null and provider_role is not null))
);

-- Provider staff: one membership per user; the owner manages the organisation.
create table provider_members (
  user_id bigint primary key references users (id) on delete cascade,
  provider_id bigint not null references providers (id) on delete cascade,
  role text not null check (role in ('owner', 'editor')),
  status text not null default 'active' check (status in ('active', 'suspended')),
  created_at timestamptz not null default now()
);
create index provider_members_provider_idx on provider_members (provider_id);

-- A counsellor's profile (languages, topics, offices) belongs to at most one account.
alter table counsellors add column user_id bigint unique references users (id) on delete set null;

-- Consents a person gave, with the version of the text they agreed to; withdrawal is dated, never deleted.
create table consents (
  id bigint generated always as identity primary key,
  user_id bigint references users (id) on delete set null,
  purpose text not null check (purpose ~ '^[a-z][a-z0-9-]{1,60}$'),
  text_version text not null,
  given_at timestamptz not null default now(),
  withdrawn_at timestamptz
);
create index consents_user_idx on consents (user_id);

-- Throttling counters, shared by every server process. `key` names a scope and a subject
-- (e.g. 'signin:account:<hash>'); subjects are hashed so no address or IP is kept in clear.
create table throttle (
  key text primary key,
  hits integer not null default 0,
  -- the window slides: counting starts afresh only after a quiet period since the last hit
  last_hit_at timestamptz not null default now(),
  blocked_until timestamptz
);

-- Append-only audit log. No secrets or tokens go in; people are referenced by id.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default clock_timestamp(),
  actor_user_id bigint,
  action text not null check (action ~ '^[a-z][a-z0-9_.:-]{1,80}$'),
  outcome text not null default 'success' check (outcome in ('success', 'failure', 'denied')),
  target_type text,
  target_id text,
  -- keyed hash of the client address: lets an admin link events without keeping the address
  ip_hash text,
  detail jsonb not null default '{}' check (jsonb_typeof(detail) = 'object')
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_actor_idx on audit_log (actor_user_id, at desc);
create index audit_log_action_idx on audit_log (action, at desc);
create index audit_log_target_idx on audit_log (target_type, target_id, at desc);

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op
    using errcode = 'insufficient_privilege';
end $$;

create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
