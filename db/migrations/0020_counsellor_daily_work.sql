-- Counsellors' daily work and the office's oversight (issue 14): what a counsellor has
-- not seen yet, more than one manage link per appointment, new times proposed to the
-- person, and changes of a counsellor's topics and offices that an admin decides.

-- Something happened to the appointment that its counsellor did not do themselves (a
-- booking, a move or cancellation by the person, a hand-over to them, an answer to a
-- proposal). The agenda marks it until the counsellor opens the appointment.
alter table appointments
  add column counsellor_notice text
    check (counsellor_notice in ('booked', 'moved', 'cancelled', 'assigned', 'proposal_accepted', 'proposal_declined'));
create index appointments_notice_idx on appointments (counsellor_id) where counsellor_notice is not null;

-- Further keys to the manage page besides the one in the confirmation mail: a mail sent
-- after a change by staff (hand-over, move, a proposed time) carries a fresh link, since
-- only hashes are stored and the first link can't be sent again. Each is as good as the
-- first one and lives as long as the appointment.
create table appointment_links (
  token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
  appointment_id bigint not null references appointments (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index appointment_links_appointment_idx on appointment_links (appointment_id);

-- A new time proposed to the person (their counsellor is away, the office is closed):
-- the old time stays booked until the person accepts, and the new one is held for them,
-- so it is not offered to anybody else meanwhile. At most one proposal per appointment;
-- a counsellor's proposals never overlap each other. Proposals against appointments and
-- absences are checked under the per-counsellor lock the booking takes.
create table appointment_proposals (
  id bigint generated always as identity primary key,
  appointment_id bigint not null unique references appointments (id) on delete cascade,
  counsellor_id bigint not null references counsellors (id) on delete cascade,
  period tstzrange not null check (not isempty(period) and not lower_inf(period) and not upper_inf(period)),
  blocked tstzrange not null check (blocked @> period),
  proposed_by bigint references users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint appointment_proposals_no_overlap exclude using gist (counsellor_id with =, blocked with &&)
);
create index appointment_proposals_counsellor_idx on appointment_proposals using gist (counsellor_id, blocked);

-- A counsellor asks for other topics or offices; an admin approves (which sets them) or
-- rejects. At most one open request per counsellor.
create table counsellor_change_requests (
  id bigint generated always as identity primary key,
  counsellor_id bigint not null references counsellors (id) on delete cascade,
  topic_ids bigint[] not null default '{}',
  office_ids bigint[] not null default '{}',
  note text check (char_length(note) <= 500),
  status text not null default 'open' check (status in ('open', 'approved', 'rejected')),
  requested_by bigint references users (id) on delete set null,
  created_at timestamptz not null default now(),
  decided_by bigint references users (id) on delete set null,
  decided_at timestamptz,
  decision_note text check (char_length(decision_note) <= 500),
  check ((status = 'open') = (decided_at is null))
);
create unique index counsellor_change_requests_open_idx on counsellor_change_requests (counsellor_id)
  where status = 'open';
