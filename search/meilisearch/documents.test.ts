import { describe, expect, it } from 'vitest';
import { fromEpochDay, searchableFunding, toDocument, toEpochDay } from './documents';
import { documentRow } from './test-helpers';

describe('epoch days', () => {
  it('counts days since 1970-01-01 in UTC', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(toEpochDay('2026-03-09')).toBe(20521);
  });

  it('round-trips, across leap days and DST changes', () => {
    for (const date of ['2024-02-29', '2026-03-29', '2026-10-25', '1999-12-31']) {
      expect(fromEpochDay(toEpochDay(date))).toBe(date);
    }
    expect(toEpochDay('2024-03-01') - toEpochDay('2024-02-28')).toBe(2);
  });

  it('refuses anything but YYYY-MM-DD', () => {
    expect(() => toEpochDay('9.3.2026')).toThrow();
  });
});

describe('searchableFunding', () => {
  it('adds bildungsgutschein to AZAV-approved measures once', () => {
    expect(searchableFunding(['azav'])).toEqual(['azav', 'bildungsgutschein']);
    expect(searchableFunding(['azav', 'bildungsgutschein'])).toEqual(['azav', 'bildungsgutschein']);
    expect(searchableFunding(['bildungsurlaub'])).toEqual(['bildungsurlaub']);
    expect(searchableFunding([])).toEqual([]);
  });
});

describe('toDocument', () => {
  it('maps a run row to a document keyed by the run, distinct by offer', () => {
    const doc = toDocument(documentRow());
    expect(doc).toEqual({
      id: 101,
      offer_id: 7,
      provider_id: 3,
      provider_name: 'VHS Mitte',
      provider_slug: 'vhs-mitte',
      title: 'Deutsch A2 am Abend',
      summary: 'Grammatik und Gespräche für den Alltag.',
      description: 'Ein Kurs für Menschen mit Vorkenntnissen.',
      keywords: ['deutsch', 'daz'],
      target_groups: ['Zugewanderte'],
      category: 'deutsch_integration',
      language: 'de',
      cefr_level: 'A2',
      funding: ['azav', 'bildungsgutschein'],
      funding_raw: ['azav'],
      starts_on: toEpochDay('2026-03-09'),
      starts_on_date: '2026-03-09',
      ends_on: toEpochDay('2026-06-29'),
      ends_on_date: '2026-06-29',
      format: 'in_person',
      time_of_day: 'evening',
      weekend: false,
      price_cents: 12000,
      price_known: true,
      free: false,
      late_entry: false,
      accessible: true,
      district: 'Mitte',
      venue_name: 'Haus am Platz',
      venue_city: 'Berlin',
      offer_format: '7:in_person',
      offer_time_of_day: '7:evening',
      offer_district: '7:Mitte',
      _geo: { lat: 52.52, lng: 13.405 },
    });
  });

  it('leaves unknown values out, so they sort last and never match a filter', () => {
    const doc = toDocument(
      documentRow({
        cefr_level: null,
        starts_on: null,
        ends_on: null,
        time_of_day: null,
        price_cents: null,
        accessible: null,
        district: null,
        latitude: null,
        longitude: null,
        venue_name: null,
        venue_city: null,
        format: 'online',
      }),
    );
    for (const key of [
      'cefr_level',
      'starts_on',
      'starts_on_date',
      'ends_on',
      'ends_on_date',
      'time_of_day',
      'offer_time_of_day',
      'price_cents',
      'accessible',
      'district',
      'offer_district',
      'venue_name',
      'venue_city',
      '_geo',
    ]) {
      expect(doc, key).not.toHaveProperty(key);
    }
    expect(doc.price_known).toBe(false);
    expect(doc.free).toBe(false);
    expect(doc.offer_format).toBe('7:online');
    // Values a filter might meet as "null" are absent, not null.
    expect(Object.values(doc)).not.toContain(null);
  });

  it('marks a free run and keeps price 0 (a known price)', () => {
    const doc = toDocument(documentRow({ price_cents: 0 }));
    expect(doc.free).toBe(true);
    expect(doc.price_cents).toBe(0);
    expect(doc.price_known).toBe(true);
  });

  it('keeps a venue known to be not accessible as false', () => {
    expect(toDocument(documentRow({ accessible: false })).accessible).toBe(false);
  });

  it('keeps subtitle and certificate when present', () => {
    const doc = toDocument(documentRow({ subtitle: 'Für Berufstätige', certificate: 'telc A2' }));
    expect(doc.subtitle).toBe('Für Berufstätige');
    expect(doc.certificate).toBe('telc A2');
  });

  it('needs both coordinates for a location', () => {
    expect(toDocument(documentRow({ latitude: 52.5, longitude: null }))).not.toHaveProperty('_geo');
    expect(toDocument(documentRow({ latitude: 0, longitude: 0 }))._geo).toEqual({ lat: 0, lng: 0 });
  });
});
