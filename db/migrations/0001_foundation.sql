-- Foundation schema: reference data, catalogue (providers, venues, offers, runs,
-- sessions) and the counselling set-up the booking issue builds on.

create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists btree_gist;
create extension if not exists cube;
create extension if not exists earthdistance;

-- Small key/value facts about this database (e.g. when the demo data was seeded).
create table app_meta (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- German postcodes with coordinates (GeoNames, CC BY 4.0; see db/reference/postcodes-de.SOURCE.md).
create table postcodes (
  id integer generated always as identity primary key,
  zipcode text not null check (zipcode ~ '^[0-9]{5}$'),
  place text not null,
  state text not null,
  state_code text,
  province text,
  community text,
  community_code text,
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180)
);
create index postcodes_zipcode_idx on postcodes (zipcode);
create index postcodes_place_idx on postcodes (lower(place) text_pattern_ops);

create table providers (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null check (char_length(name) between 2 and 200),
  kind text not null check (kind in ('vhs', 'vocational_school', 'language_school', 'trainer', 'counselling_service', 'other')),
  description text not null default '',
  street text,
  postcode text check (postcode ~ '^[0-9]{5}$'),
  city text,
  latitude double precision,
  longitude double precision,
  website text,
  email text,
  phone text,
  -- e.g. [{"type":"AZAV","number":"…","certifier":"…","validUntil":"2027-12-31"}]
  certifications jsonb not null default '[]' check (jsonb_typeof(certifications) = 'array'),
  status text not null default 'pending' check (status in ('pending', 'approved', 'suspended')),
  -- identifier in the provider's own course system (Open-vhs <ersteller>), for imports
  external_ref text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table venues (
  id bigint generated always as identity primary key,
  provider_id bigint not null references providers (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 200),
  street text,
  postcode text check (postcode ~ '^[0-9]{5}$'),
  city text,
  district text,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  accessible boolean, -- null: not known
  accessibility_note text,
  created_at timestamptz not null default now()
);
create index venues_provider_idx on venues (provider_id);

create table offers (
  id bigint generated always as identity primary key,
  provider_id bigint not null references providers (id) on delete cascade,
  external_id text, -- guid in the provider's course system
  course_number text,
  title text not null check (char_length(title) between 2 and 300),
  subtitle text,
  summary text not null default '',
  description text not null default '',
  -- the catalogue's categories (app/modules/catalogue/schemas.ts): an unknown one would be
  -- invisible to the category filter
  category text not null check (category in (
    'deutsch_integration', 'sprachen', 'berufliche_weiterbildung', 'arbeit_beruf_digitales',
    'grundbildung_schulabschluesse', 'gesundheit', 'kultur_gestalten', 'politik_gesellschaft_umwelt', 'beratung'
  )),
  kind text not null default 'course' check (kind in ('course', 'measure', 'counselling')),
  keywords text[] not null default '{}',
  target_groups text[] not null default '{}',
  language text not null default 'de' check (language ~ '^[a-z]{2,3}$'),
  cefr_level text check (cefr_level in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  certificate text,
  funding text[] not null default '{}'
    check (funding <@ array['bildungsgutschein', 'azav', 'bildungsurlaub', 'aufstiegs_bafoeg', 'free', 'other']::text[]),
  accessibility text,
  website text,
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  unique (provider_id, external_id)
);
create index offers_provider_idx on offers (provider_id);
create index offers_status_category_idx on offers (status, category);

create table runs (
  id bigint generated always as identity primary key,
  offer_id bigint not null references offers (id) on delete cascade,
  venue_id bigint references venues (id) on delete set null,
  external_id text,
  starts_on date,
  ends_on date,
  session_count integer check (session_count > 0),
  weekdays smallint[] not null default '{}' check (weekdays <@ array[1, 2, 3, 4, 5, 6, 7]::smallint[]), -- ISO weekdays
  starts_at time,
  ends_at time,
  time_of_day text check (time_of_day in ('morning', 'afternoon', 'evening')),
  format text not null default 'in_person' check (format in ('in_person', 'online', 'hybrid')),
  price_cents integer check (price_cents >= 0), -- null: price not known
  price_note text,
  seats integer check (seats >= 0),
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
  created_at timestamptz not null default now(),
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
create index runs_offer_idx on runs (offer_id);
create index runs_venue_idx on runs (venue_id);
create index runs_starts_on_idx on runs (starts_on);

-- The single dates of a run (Open-vhs <termin>).
create table run_sessions (
  id bigint generated always as identity primary key,
  run_id bigint not null references runs (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  check (ends_at > starts_at)
);
create index run_sessions_run_idx on run_sessions (run_id, starts_at);

-- Counselling set-up. Names are stored per language ({"de": "…", "en": "…"}), since
-- admins will add topics without a code change.
create table counselling_topics (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name jsonb not null check (name ? 'de'),
  description jsonb not null default '{}',
  slot_minutes integer not null default 45 check (slot_minutes between 10 and 240),
  buffer_minutes integer not null default 15 check (buffer_minutes between 0 and 120),
  min_notice_minutes integer not null default 720 check (min_notice_minutes >= 0),
  window_days integer not null default 42 check (window_days between 1 and 365),
  active boolean not null default true,
  sort_order integer not null default 0
);

create table offices (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null,
  street text not null,
  postcode text not null check (postcode ~ '^[0-9]{5}$'),
  city text not null,
  latitude double precision,
  longitude double precision,
  accessible boolean not null default false,
  accessibility_note text,
  -- {"1":[["09:00","12:00"],["13:00","16:00"]], …} by ISO weekday, Europe/Berlin wall-clock
  opening_hours jsonb not null default '{}',
  phone text,
  email text
);

create table counsellors (
  id bigint generated always as identity primary key,
  display_name text not null,
  languages text[] not null default '{de}',
  channels text[] not null default '{in_person}'
    check (channels <@ array['in_person', 'phone', 'video']::text[]),
  active boolean not null default true,
  created_at timestamptz not null default now()
);

create table counsellor_topics (
  counsellor_id bigint not null references counsellors (id) on delete cascade,
  topic_id bigint not null references counselling_topics (id) on delete cascade,
  primary key (counsellor_id, topic_id)
);

create table counsellor_offices (
  counsellor_id bigint not null references counsellors (id) on delete cascade,
  office_id bigint not null references offices (id) on delete cascade,
  primary key (counsellor_id, office_id)
);
