-- Search documents for the PostgreSQL engine (and the source of the Meilisearch
-- documents): one row per published offer, one per scheduled run of it, posting lists
-- (lexeme → offers), a lexicon of the words in titles and keywords (typo correction,
-- compound splitting), a version that every change bumps, and the anonymous demand log.

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
  -- weighted: title A, keywords B, summary C, description D; the posting lists come from it
  document tsvector not null,
  -- title and keywords, folded: the lexicon's source
  words text not null
);

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
  longitude double precision
);
-- (radius and date filters run over the server's in-memory copy, see docs/decisions/006)
create index search_runs_offer_idx on search_runs (offer_id);

-- Lexeme → the offers whose document has it, with the best weight there (4 = title …
-- 1 = description). A broad word ("deutsch") matches a quarter of a large catalogue:
-- reading one list beats a GIN scan that visits every matching document. Each list
-- records the version that last changed it, so servers that keep the lists in memory
-- read only what changed since their copy.
create table search_postings (
  lexeme text primary key,
  offer_ids integer[] not null,
  weights smallint[] not null,
  version bigint not null default 0,
  check (cardinality(offer_ids) = cardinality(weights))
);
create index search_postings_version_idx on search_postings (version);

create table search_lexicon (
  word text primary key,
  documents integer not null
);
create index search_lexicon_trgm_idx on search_lexicon using gin (word gin_trgm_ops);

-- Bumped by every refresh: processes that keep copies in memory (the column index, the
-- posting lists) reload when it changes. A full rebuild also sets rebuilt_version:
-- readers must then drop their copy of the posting lists instead of patching it.
create table search_state (
  id integer primary key default 1 check (id = 1),
  version bigint not null default 0,
  rebuilt_version bigint not null default 0
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

-- The (lexeme, offer, best weight) triples of the given offers' documents.
create or replace function search_postings_of(ids bigint[]) returns table (lexeme text, offer_id integer, weight smallint)
language sql stable as $$
  select u.lexeme, so.offer_id::integer,
         max(case w when 'A' then 4 when 'B' then 3 when 'C' then 2 else 1 end)::smallint
  from search_offers so
  cross join lateral unnest(so.document) u
  cross join lateral unnest(coalesce(u.weights, array['D'])) w
  where so.offer_id = any(ids)
  group by u.lexeme, so.offer_id
$$;

-- Takes offers out of the postings of every lexeme their current document has (emptied
-- lists stay, so readers patching their copy see them emptied).
create or replace function search_postings_remove(ids bigint[]) returns void
language sql as $$
  update search_postings p
  set (offer_ids, weights) = (
        select coalesce(array_agg(t.o order by t.i), '{}'), coalesce(array_agg(t.w order by t.i), '{}')
        from unnest(p.offer_ids, p.weights) with ordinality t(o, w, i)
        where t.o <> all(ids::integer[])),
      version = (select version + 1 from search_state)
  where p.lexeme in (
    select distinct u.lexeme from search_offers so cross join lateral unnest(so.document) u
    where so.offer_id = any(ids));
$$;

create or replace function search_postings_add(ids bigint[]) returns void
language sql as $$
  insert into search_postings (lexeme, offer_ids, weights, version)
  select lexeme, array_agg(offer_id), array_agg(weight), (select version + 1 from search_state)
  from search_postings_of(ids) group by lexeme
  on conflict (lexeme) do update
    set offer_ids = search_postings.offer_ids || excluded.offer_ids,
        weights = search_postings.weights || excluded.weights,
        version = excluded.version;
$$;

-- Brings the search rows of the given offers up to date: published offers of approved
-- providers in (with their scheduled runs), everything else out. Called in the same
-- transaction as the change, so search never lags behind the catalogue. Refreshes take
-- the search_state row lock first: they run one after the other, and every change gets
-- its own version number.
create or replace function search_refresh_offers(ids bigint[]) returns void
language plpgsql as $$
begin
  perform 1 from search_state where id = 1 for update;
  perform search_postings_remove(ids);
  delete from search_offers where offer_id = any(ids);
  insert into search_offers (offer_id, provider_id, title, summary, category, language, cefr_level, funding, document, words)
  select o.id, o.provider_id, o.title, o.summary, o.category, o.language, o.cefr_level, o.funding,
         search_document(o, p.name),
         ww_fold(o.title || ' ' || array_to_string(o.keywords, ' '))
  from offers o join providers p on p.id = o.provider_id
  where o.id = any(ids) and o.status = 'published' and p.status = 'approved';

  insert into search_runs (run_id, offer_id, category, language, cefr_level, funding, starts_on, ends_on, format,
                           time_of_day, weekend, price_cents, accessible, district, latitude, longitude)
  select r.id, r.offer_id, so.category, so.language, so.cefr_level, so.funding, r.starts_on, r.ends_on, r.format,
         r.time_of_day, cardinality(r.weekdays) > 0 and r.weekdays <@ array[6, 7]::smallint[],
         r.price_cents, v.accessible, v.district, v.latitude, v.longitude
  from runs r
  join search_offers so on so.offer_id = r.offer_id
  left join venues v on v.id = r.venue_id
  where r.offer_id = any(ids) and r.status = 'scheduled';

  perform search_postings_add(ids);

  insert into search_lexicon (word, documents)
  select word, ndoc from ts_stat(format(
    'select to_tsvector(''simple'', words) from search_offers where offer_id = any(%L::bigint[])', ids))
  where length(word) >= 3 and word !~ '^[0-9]+$'
  on conflict (word) do update set documents = greatest(search_lexicon.documents, excluded.documents);

  update search_state set version = version + 1 where id = 1;
end $$;

-- Rebuilds everything (after the seed, a large import, or a change of these functions).
create or replace function search_refresh_all() returns void
language plpgsql as $$
begin
  truncate search_runs, search_offers, search_lexicon, search_postings;
  perform search_refresh_offers(array(select id from offers));
  -- Exact document counts for the lexicon (the incremental path only approximates them).
  truncate search_lexicon;
  insert into search_lexicon (word, documents)
  select word, ndoc from ts_stat('select to_tsvector(''simple'', words) from search_offers')
  where length(word) >= 3 and word !~ '^[0-9]+$';
  update search_state set version = version + 1, rebuilt_version = version + 1 where id = 1;
  update search_postings set version = (select version from search_state);
end $$;

-- Existing catalogues get their search rows right away.
select search_refresh_all();
