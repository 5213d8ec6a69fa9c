-- What a person must bring and how they get in: the facts WISY and KURSNET back-offices
-- keep per course and that our recommendations and offer pages need to stop
-- contradicting themselves (a master craftsman course recommended to someone without an
-- apprenticeship; "how do I register?" unanswered).
--
-- entry_requirements: null = the provider did not say; '{}' = no formal requirement.
-- A course may need several (a Meister course: vocational qualification and experience).
-- entry_cefr_level: the German level the course expects at the start (null: not stated).
alter table offers
  add column entry_requirements text[]
    check (entry_requirements <@ array['school_certificate', 'vocational_qualification', 'professional_experience']::text[]),
  add column entry_cefr_level text check (entry_cefr_level in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  add column entry_note text check (char_length(entry_note) <= 1000),
  -- joining a course that has already started (open courses, modular integration courses)
  add column late_entry boolean not null default false,
  -- how to register; when all are empty the provider's own contact is shown
  add column registration_url text check (registration_url ~ '^https?://'),
  add column registration_email text check (char_length(registration_email) <= 254),
  add column registration_phone text check (char_length(registration_phone) <= 40),
  add column registration_note text check (char_length(registration_note) <= 1000),
  -- the certified measure's number (Maßnahmenummer) for Bildungsgutschein holders
  add column azav_measure_number text check (char_length(azav_measure_number) <= 60);

alter table runs
  add column registration_deadline date,
  -- Unterrichtseinheiten (45 minutes each), as funding bodies count them
  add column teaching_units integer check (teaching_units > 0),
  -- null: not known; the number of seats alone says nothing about how many are left
  add column seats_status text check (seats_status in ('available', 'few', 'full', 'waiting_list'));
