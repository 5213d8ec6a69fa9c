-- Search documents for the PostgreSQL engine (and the source of the Meilisearch
-- documents): one row per published offer, one per scheduled run of it, a lexicon of
-- the words in titles and keywords (typo correction, compound splitting), and the
-- anonymous demand log.

-- Folds case, umlauts (ä → ae, as people type them without a German keyboard) and
-- accents. Immutable so it can be used in indexes; the dictionary is named explicitly.
create or replace function ww_fold(t text) returns text
language sql immutable parallel safe as $$
  select public.unaccent('public.unaccent'::regdictionary,
    replace(replace(replace(replace(lower(coalesce(t, '')), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'))
$$;

create table search_offers (
  offer_id bigint primary key references offers (id) on delete cascade,
  provider_id bigint not null references providers (id) on delete cascade,
  title text not null,
  summary text not null,
  category text not null,
  language text not null,
  cefr_level text,
  funding text[] not null,
  document tsvector not null,
  -- title (A) and keywords (B) only: ranking reads this small vector, not the whole document
  headline tsvector not null,
  -- title and keywords, folded: for trigram (typo-tolerant) matching
  words text not null
);
create index search_offers_document_idx on search_offers using gin (document);
create index search_offers_words_trgm_idx on search_offers using gin (words gin_trgm_ops);

create table search_runs (
  run_id bigint primary key references runs (id) on delete cascade,
  offer_id bigint not null references search_offers (offer_id) on delete cascade,
  category text not null,
  language text not null,
  cefr_level text,
  funding text[] not null,
  starts_on date,
  ends_on date,
  format text not null,
  time_of_day text,
  weekend boolean not null,
  price_cents integer,
  accessible boolean,
  district text,
  latitude double precision,
  longitude double precision,
  point earth
);
create index search_runs_offer_idx on search_runs (offer_id);
create index search_runs_ends_on_idx on search_runs (ends_on);
create index search_runs_point_idx on search_runs using gist (point);

create table search_lexicon (
  word text primary key,
  documents integer not null
);
create index search_lexicon_trgm_idx on search_lexicon using gin (word gin_trgm_ops);

-- Bumped by every refresh: processes that keep a columnar copy of search_runs in memory
-- (the PostgreSQL engine's facet index) reload when it changes.
create table search_state (
  id integer primary key default 1 check (id = 1),
  version bigint not null default 0
);
insert into search_state (id, version) values (1, 0);

-- Anonymous demand log for planning: no IP, no user, no session; the hour only.
create table search_log (
  id bigint generated always as identity primary key,
  searched_at timestamptz not null default date_trunc('hour', now()),
  query text not null,
  filters jsonb not null default '{}',
  hits integer not null,
  engine text not null
);
create index search_log_searched_at_idx on search_log (searched_at);

create or replace function search_document(o offers, provider_name text) returns tsvector
language sql immutable parallel safe as $$
  select setweight(to_tsvector('german', ww_fold(o.title)), 'A')
      || setweight(to_tsvector('german', ww_fold(coalesce(o.subtitle, '') || ' ' || array_to_string(o.keywords, ' '))), 'B')
      || setweight(to_tsvector('german', ww_fold(o.summary || ' ' || array_to_string(o.target_groups, ' ') || ' ' || coalesce(o.certificate, ''))), 'C')
      || setweight(to_tsvector('german', ww_fold(o.description || ' ' || provider_name)), 'D')
$$;

-- Brings the search rows of the given offers up to date: published offers of approved
-- providers in (with their scheduled runs), everything else out. Called in the same
-- transaction as the change, so search never lags behind the catalogue.
create or replace function search_refresh_offers(ids bigint[]) returns void
language plpgsql as $$
begin
  delete from search_offers where offer_id = any(ids);
  insert into search_offers (offer_id, provider_id, title, summary, category, language, cefr_level, funding, document,
                             headline, words)
  select o.id, o.provider_id, o.title, o.summary, o.category, o.language, o.cefr_level, o.funding,
         search_document(o, p.name),
         setweight(to_tsvector('german', ww_fold(o.title)), 'A')
           || setweight(to_tsvector('german', ww_fold(array_to_string(o.keywords, ' '))), 'B'),
         ww_fold(o.title || ' ' || array_to_string(o.keywords, ' '))
  from offers o join providers p on p.id = o.provider_id
  where o.id = any(ids) and o.status = 'published' and p.status = 'approved';

  insert into search_runs (run_id, offer_id, category, language, cefr_level, funding, starts_on, ends_on, format,
                           time_of_day, weekend, price_cents, accessible, district, latitude, longitude, point)
  select r.id, r.offer_id, so.category, so.language, so.cefr_level, so.funding, r.starts_on, r.ends_on, r.format,
         r.time_of_day, cardinality(r.weekdays) > 0 and r.weekdays <@ array[6, 7]::smallint[],
         r.price_cents, v.accessible, v.district, v.latitude, v.longitude,
         case when v.latitude is not null and v.longitude is not null then ll_to_earth(v.latitude, v.longitude) end
  from runs r
  join search_offers so on so.offer_id = r.offer_id
  left join venues v on v.id = r.venue_id
  where r.offer_id = any(ids) and r.status = 'scheduled';

  insert into search_lexicon (word, documents)
  select word, ndoc from ts_stat(format(
    'select to_tsvector(''simple'', words) from search_offers where offer_id = any(%L::bigint[])', ids))
  where length(word) >= 3 and word !~ '^[0-9]+$'
  on conflict (word) do update set documents = greatest(search_lexicon.documents, excluded.documents);

  update search_state set version = version + 1 where id = 1;
end $$;

-- Rebuilds everything (after the seed, a large import, or a change of this function).
create or replace function search_refresh_all() returns void
language plpgsql as $$
begin
  truncate search_runs, search_offers, search_lexicon;
  perform search_refresh_offers(array(select id from offers));
  -- Exact document counts for the lexicon (the incremental path only approximates them).
  truncate search_lexicon;
  insert into search_lexicon (word, documents)
  select word, ndoc from ts_stat('select to_tsvector(''simple'', words) from search_offers')
  where length(word) >= 3 and word !~ '^[0-9]+$';
  update search_state set version = version + 1 where id = 1;
end $$;

-- Existing catalogues get their search rows right away.
select search_refresh_all();
