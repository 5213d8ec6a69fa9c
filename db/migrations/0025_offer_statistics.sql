-- Feedback to providers (issue 20): how often each offer appeared in search results and
-- how often its page was opened, counted on the server per day (Europe/Berlin). No
-- cookie, IP, session or user: one counter per offer and day.
create table planning_offer_daily (
  offer_id bigint not null references offers (id) on delete cascade,
  day date not null,
  appearances integer not null default 0 check (appearances >= 0),
  opens integer not null default 0 check (opens >= 0),
  primary key (offer_id, day)
);
create index planning_offer_daily_day_idx on planning_offer_daily (day);
