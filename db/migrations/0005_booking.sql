-- Counselling appointments: which channels a topic is offered on, counsellors' weekly
-- availability and its exceptions, days the service is closed, and the appointments
-- themselves — with an exclusion constraint so that no counsellor is ever double-booked,
-- whatever the application does.

alter table counselling_topics
  add column channels text[] not null default '{in_person,phone,video}'
    check (cardinality(channels) > 0 and channels <@ array['in_person', 'phone', 'video']::text[]);

alter table offices add column active boolean not null default true;

-- A weekly window, Europe/Berlin wall-clock: on this weekday, from–to, on these channels,
-- at this office when in person. Valid from/to lets a new timetable start next month.
create table availability_rules (
  id bigint generated always as identity primary key,
  counsellor_id bigint not null references counsellors (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7),
  starts_at time not null,
  ends_at time not null,
  channels text[] not null
    check (cardinality(channels) > 0 and channels <@ array['in_person', 'phone', 'video']::text[]),
  office_id bigint references offices (id) on delete cascade,
  valid_from date not null,
  valid_to date,
  check (ends_at > starts_at),
  check (valid_to is null or valid_to >= valid_from),
  check (('in_person' = any (channels)) = (office_id is not null))
);
create index availability_rules_counsellor_idx on availability_rules (counsellor_id);

-- Absence removes time; extra hours add a window (channels and office as for a rule).
create table availability_exceptions (
  id bigint generated always as identity primary key,
  counsellor_id bigint not null references counsellors (id) on delete cascade,
  kind text not null check (kind in ('absence', 'extra')),
  period tstzrange not null check (not isempty(period) and not lower_inf(period) and not upper_inf(period)),
  channels text[] not null default '{}'
    check (channels <@ array['in_person', 'phone', 'video']::text[]),
  office_id bigint references offices (id) on delete cascade,
  note text check (char_length(note) <= 500),
  check (kind = 'absence' or cardinality(channels) > 0),
  check (kind = 'absence' or ('in_person' = any (channels)) = (office_id is not null))
);
create index availability_exceptions_idx on availability_exceptions using gist (counsellor_id, period);

-- Days the whole service is closed beyond the statutory holidays (which are computed for
-- the Land set in app_meta 'booking').
create table closure_days (
  day date primary key,
  name text not null check (char_length(name) between 1 and 200)
);

create table appointments (
  id bigint generated always as identity primary key,
  -- The calendar file's UID: stable across moves and cancellation.
  uid uuid not null unique default gen_random_uuid(),
  counsellor_id bigint not null references counsellors (id),
  topic_id bigint not null references counselling_topics (id),
  channel text not null check (channel in ('in_person', 'phone', 'video')),
  office_id bigint references offices (id),
  period tstzrange not null check (not isempty(period) and not lower_inf(period) and not upper_inf(period)),
  -- The period plus the topic's buffer after it: what the counsellor can't give anyone else.
  blocked tstzrange not null check (blocked @> period),
  -- pending: booked without the proof-of-work (no JavaScript), held until confirmed by the
  -- link mailed to the person; expired when not confirmed in time.
  status text not null default 'booked'
    check (status in ('pending', 'booked', 'cancelled', 'expired', 'held', 'no_show')),
  hold_until timestamptz,
  language text not null check (language ~ '^[a-z]{2,3}$'),
  locale text not null default 'de',
  name text check (char_length(name) <= 200),
  email text check (char_length(email) <= 254),
  phone text check (char_length(phone) <= 40),
  message text check (char_length(message) <= 1000),
  -- Only the hash of the manage link's token is kept; a pending booking also has a
  -- confirmation token that only its e-mail carries (the manage link alone can't confirm).
  manage_token_hash text unique,
  confirm_token_hash text,
  sequence integer not null default 0,
  cancel_reason text check (char_length(cancel_reason) <= 1000),
  cancelled_by text check (cancelled_by in ('person', 'counsellor', 'system')),
  booked_by bigint references users (id) on delete set null,
  reminder_sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Set by the retention job: the personal fields above are emptied, the row stays as a count.
  erased_at timestamptz,
  check (channel <> 'in_person' or office_id is not null),
  check (status <> 'pending' or hold_until is not null),
  check (erased_at is not null or email is not null or phone is not null),
  constraint appointments_no_double_booking
    exclude using gist (counsellor_id with =, blocked with &&)
    where (status in ('pending', 'booked', 'held', 'no_show'))
);
create index appointments_counsellor_idx on appointments using gist (counsellor_id, blocked);
create index appointments_email_idx on appointments (lower(email)) where email is not null;
create index appointments_reminder_idx on appointments (lower(period)) where status = 'booked' and reminder_sent_at is null;
create index appointments_retention_idx on appointments (upper(period)) where erased_at is null;

-- Spent proof-of-work challenges, so a solution can't be replayed until it expires.
create table altcha_spent (
  signature text primary key,
  expires_at timestamptz not null
);
