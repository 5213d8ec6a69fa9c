-- Case conferences (Fallkonferenz): a pseudonymised summary the counsellor reviewed and
-- discussed with colleagues; the person's page shows the date. The summary holds no
-- name, contact, birth date, address or unreviewed free text.
create table case_conferences (
  id bigint generated always as identity primary key,
  case_id bigint not null references cases (id) on delete cascade,
  held_on date not null,
  summary jsonb not null check (jsonb_typeof(summary) = 'object'),
  created_by bigint references users (id) on delete set null,
  created_at timestamptz not null
);
create index case_conferences_case_idx on case_conferences (case_id, held_on);
