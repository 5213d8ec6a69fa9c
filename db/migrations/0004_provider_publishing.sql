-- Imports uploaded by provider staff in the browser: checked first (a dry run whose plan
-- is kept here), applied only when confirmed. The file is kept between the two steps and
-- emptied once applied or discarded; the row stays as the provider's import history.
create table provider_imports (
  id bigint generated always as identity primary key,
  provider_id bigint not null references providers (id) on delete cascade,
  user_id bigint references users (id) on delete set null,
  format text not null check (format in ('openvhs', 'jsonld', 'csv')),
  filename text not null check (char_length(filename) <= 255),
  size_bytes integer not null check (size_bytes >= 0),
  content text not null,
  full_import boolean not null default false,
  status text not null default 'checked' check (status in ('checked', 'applied', 'discarded')),
  plan jsonb not null check (jsonb_typeof(plan) = 'object'),
  result jsonb,
  created_at timestamptz not null default now(),
  applied_at timestamptz
);
create index provider_imports_provider_idx on provider_imports (provider_id, created_at desc);


-- Moderation: with pre-moderation on, a provider's "publish" asks for review instead; an
-- admin approves (publishes) or sends it back with a reason. Without it, admins review
-- after the fact and may unpublish with a reason.
alter table providers add column pre_moderation boolean not null default false;
alter table offers add column review_requested_at timestamptz;
alter table offers add column moderation_note text check (char_length(moderation_note) <= 2000);
create index offers_review_idx on offers (review_requested_at) where review_requested_at is not null;
create index offers_updated_idx on offers (updated_at desc);

-- Optional translations of an offer's title and summary, by language:
-- {"en": {"title": "…", "summary": "…"}, "tr": {…}}; German stays the original.
alter table offers add column translations jsonb not null default '{}' check (jsonb_typeof(translations) = 'object');
