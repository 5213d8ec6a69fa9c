-- Offers may only use the catalogue's categories (see app/modules/catalogue/schemas.ts):
-- an unknown one would be invisible to the category filter.
alter table offers add constraint offers_category_check check (category in (
  'deutsch_integration', 'sprachen', 'berufliche_weiterbildung', 'arbeit_beruf_digitales',
  'grundbildung_schulabschluesse', 'gesundheit', 'kultur_gestalten', 'politik_gesellschaft_umwelt', 'beratung'
));
