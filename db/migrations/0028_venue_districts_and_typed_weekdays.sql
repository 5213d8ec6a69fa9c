-- Issue 14 #19 and #21: data the offer editor left incomplete.
--
-- Venues added in the offer editor (and venues of CSV and JSON-LD imports) got no district,
-- so the search's district filter never found their runs. They get the district the app now
-- gives new venues (db/queries/import.server.ts, districtsOfPostcodes): the one most venues
-- at the same postcode carry, else the postcode's place in the reference table.
--
-- Runs entered as typed single dates got no weekdays, so a Saturday workshop was not "on a
-- weekend" and its page read ", 10:00–16:00". Runs of offers entered by hand get the
-- weekdays of their sessions (Berlin wall-clock); imported runs keep what their file says.
create temporary table issue14_touched (offer_id bigint) on commit drop;

with fixed as (
  update venues v
  set district = coalesce(
    (select k.district from venues k
     where k.postcode = v.postcode and k.district is not null and k.district <> ''
     group by k.district order by count(*) desc, k.district limit 1),
    (select p.place from postcodes p where p.zipcode = v.postcode order by p.id limit 1))
  where v.district is null and v.postcode is not null
    and exists (
      select 1 from venues k where k.postcode = v.postcode and k.district is not null and k.district <> ''
      union all
      select 1 from postcodes p where p.zipcode = v.postcode)
  returning v.id
)
insert into issue14_touched select distinct r.offer_id from runs r join fixed on fixed.id = r.venue_id;

with fixed as (
  update runs r
  set weekdays = (
    select array_agg(distinct extract(isodow from s.starts_at at time zone 'Europe/Berlin')::smallint
                     order by extract(isodow from s.starts_at at time zone 'Europe/Berlin')::smallint)
    from run_sessions s where s.run_id = r.id)
  from offers o
  where o.id = r.offer_id and o.external_id is null and cardinality(r.weekdays) = 0
    and exists (select 1 from run_sessions s where s.run_id = r.id)
  returning r.offer_id
)
insert into issue14_touched select offer_id from fixed;

-- The search rows carry the district and the weekend flag: refresh the offers concerned.
select search_refresh_offers(array(select distinct offer_id from issue14_touched));
