-- Which offers a catalogue change touched, and in which version: servers keep a columnar
-- copy of the search rows in memory and, when the version moves, read only the changed
-- offers' rows and patch their copy, instead of reloading every run (ADR 017). One row per
-- offer (its latest change), so the table never grows beyond the catalogue. A full
-- rebuild empties it and sets rebuilt_version: readers then reload whole.
create table search_offer_changes (
  offer_id bigint primary key,
  version bigint not null
);
create index search_offer_changes_version_idx on search_offer_changes (version);

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

  -- Removed offers too: a reader must drop them from its copy.
  insert into search_offer_changes (offer_id, version)
  select id, (select version + 1 from search_state) from unnest(ids) id
  on conflict (offer_id) do update set version = excluded.version;

  update search_state set version = version + 1 where id = 1;
end $$;

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
  -- Readers reload whole after a rebuild: the change list starts afresh.
  truncate search_offer_changes;
  update search_state set version = version + 1, rebuilt_version = version + 1 where id = 1;
  update search_postings set version = (select version from search_state);
end $$;
