-- Postings for the PostgreSQL engine's text matching: lexeme → the offers that contain it
-- and the best weight it has there (4 = title … 1 = description). Broad words ("deutsch")
-- match a quarter of a large catalogue; reading a few posting rows is far cheaper than
-- a GIN bitmap scan that visits every matching document.

create table search_postings (
  lexeme text primary key,
  offer_ids integer[] not null,
  weights smallint[] not null,
  check (cardinality(offer_ids) = cardinality(weights))
);

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

-- Takes offers out of the postings of every lexeme their current document has.
create or replace function search_postings_remove(ids bigint[]) returns void
language sql as $$
  update search_postings p
  set (offer_ids, weights) = (
    select coalesce(array_agg(t.o order by t.i), '{}'), coalesce(array_agg(t.w order by t.i), '{}')
    from unnest(p.offer_ids, p.weights) with ordinality t(o, w, i)
    where t.o <> all(ids::integer[]))
  where p.lexeme in (
    select distinct u.lexeme from search_offers so cross join lateral unnest(so.document) u
    where so.offer_id = any(ids));
$$;

create or replace function search_postings_add(ids bigint[]) returns void
language sql as $$
  insert into search_postings (lexeme, offer_ids, weights)
  select lexeme, array_agg(offer_id), array_agg(weight) from search_postings_of(ids) group by lexeme
  on conflict (lexeme) do update
    set offer_ids = search_postings.offer_ids || excluded.offer_ids,
        weights = search_postings.weights || excluded.weights;
$$;

-- search_refresh_offers, now keeping the postings in step (same transaction as the change).
create or replace function search_refresh_offers(ids bigint[]) returns void
language plpgsql as $$
begin
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

create or replace function search_refresh_all() returns void
language plpgsql as $$
begin
  truncate search_runs, search_offers, search_lexicon, search_postings;
  perform search_refresh_offers(array(select id from offers));
  truncate search_lexicon;
  insert into search_lexicon (word, documents)
  select word, ndoc from ts_stat('select to_tsvector(''simple'', words) from search_offers')
  where length(word) >= 3 and word !~ '^[0-9]+$';
  update search_state set version = version + 1 where id = 1;
end $$;

select search_refresh_all();
