-- Per-provider API keys for course-management systems. Only the key's SHA-256 is kept;
-- the owner sees the key once. A revoked key stays (with its date) for the audit trail.
create table provider_api_keys (
  id bigint generated always as identity primary key,
  provider_id bigint not null references providers (id) on delete cascade,
  label text not null check (char_length(label) between 1 and 100),
  -- The first characters of the key, to tell keys apart in the list.
  prefix text not null check (prefix ~ '^[A-Za-z0-9_-]{4,16}$'),
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  created_by bigint references users (id) on delete set null,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index provider_api_keys_provider_idx on provider_api_keys (provider_id);
