-- Booking: a "check your answers" step, the offer a booking is about, and sharing that
-- ends with the appointment.

-- What a person entered on the details page, kept until they press "book" on the check
-- page (no JavaScript needed, no session): only the hash of the draft's link token is
-- stored, the row goes when the booking is made or at expires_at (the reminder job
-- deletes expired ones every few minutes). `proof` records whether the proof-of-work was
-- solved when the details were sent; it is spent there, once.
create table booking_drafts (
  id bigint generated always as identity primary key,
  token_hash text not null unique,
  data jsonb not null,
  proof text not null check (proof in ('verified', 'none')),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index booking_drafts_expiry_idx on booking_drafts (expires_at);

-- "Beratung zu diesem Angebot": the offer the person asked about, for the counsellor.
alter table appointments
  add column offer_id bigint references offers (id) on delete set null;

-- Overlapping bookings of one person are refused per address (per phone number when the
-- booking has no address); the check runs under an advisory lock, this index keeps the
-- phone number's side as cheap as the address's (appointments_email_idx).
create index appointments_phone_idx on appointments (regexp_replace(phone, '[^0-9+]', '', 'g'))
  where phone is not null;

-- A cancelled or expired appointment no longer shares the person's self-assessment: end
-- the sharing of those cancelled before the application did it itself.
update appointments set assessment_id = null, assessment_withdrawn_at = now()
where status in ('cancelled', 'expired') and assessment_id is not null;
