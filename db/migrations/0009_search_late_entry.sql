-- Runs that have started are hidden from the default search (the "also show started and
-- past runs" box shows them): a person can no longer join them. Offers that do take people
-- in after the start (migration 0008, `offers.late_entry`: open and modular courses) keep
-- their started runs in the search until they end, marked as joinable. The search rows
-- carry the flag, so the engines decide this without reading the offers.
alter table search_runs add column late_entry boolean not null default false;

create or replace function search_refresh_offers(ids bigint[]) returns void
language plpgsql as $$
begin
  perform 1 from search_state where id = 1 for update;
  perform search_postings_remove(ids);
  delete from search_offers where offer_id = any(ids);
  insert into search_offers (offer_id, provider_id, provider_slug, provider_name, title, summary, category, language,
                             cefr_level, funding, document, words)
  select o.id, o.provider_id, p.slug, p.name, o.title, o.summary, o.category, o.language, o.cefr_level, o.funding,
         search_document(o, p.name),
         ww_fold(o.title || ' ' || array_to_string(o.keywords, ' '))
  from offers o join providers p on p.id = o.provider_id
  where o.id = any(ids) and o.status = 'published' and p.status = 'approved';

  insert into search_runs (run_id, offer_id, category, language, cefr_level, funding, starts_on, ends_on, format,
                           time_of_day, weekend, price_cents, accessible, district, latitude, longitude,
                           venue_name, venue_city, late_entry)
  select r.id, r.offer_id, so.category, so.language, so.cefr_level, so.funding, r.starts_on, r.ends_on, r.format,
         r.time_of_day, cardinality(r.weekdays) > 0 and r.weekdays <@ array[6, 7]::smallint[],
         r.price_cents, v.accessible, v.district, v.latitude, v.longitude, v.name, v.city, o.late_entry
  from runs r
  join search_offers so on so.offer_id = r.offer_id
  join offers o on o.id = r.offer_id
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

select search_refresh_all();
