-- Each posting list records the catalogue version that last changed it, so a server that
-- keeps the lists in memory reloads only what changed since its copy.
alter table search_postings add column version bigint not null default 0;
create index search_postings_version_idx on search_postings (version);

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

alter table search_state add column rebuilt_version bigint not null default 0;

-- As in 0004, plus: refreshes take the search_state row lock first, so they run one after
-- the other and every change gets its own version number.
create or replace function search_refresh_offers(ids bigint[]) returns void
language plpgsql as $$
begin
  perform 1 from search_state where id = 1 for update;
  perform search_postings_remove(ids);
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

  perform search_postings_add(ids);

  insert into search_lexicon (word, documents)
  select word, ndoc from ts_stat(format(
    'select to_tsvector(''simple'', words) from search_offers where offer_id = any(%L::bigint[])', ids))
  where length(word) >= 3 and word !~ '^[0-9]+$'
  on conflict (word) do update set documents = greatest(search_lexicon.documents, excluded.documents);

  update search_state set version = version + 1 where id = 1;
end $$;

-- The full rebuild empties the table: readers must drop their copy, not patch it.
create or replace function search_refresh_all() returns void
language plpgsql as $$
begin
  truncate search_runs, search_offers, search_lexicon, search_postings;
  perform search_refresh_offers(array(select id from offers));
  truncate search_lexicon;
  insert into search_lexicon (word, documents)
  select word, ndoc from ts_stat('select to_tsvector(''simple'', words) from search_offers')
  where length(word) >= 3 and word !~ '^[0-9]+$';
  update search_state set version = version + 1, rebuilt_version = version + 1 where id = 1;
  update search_postings set version = (select version from search_state);
end $$;
