import { describe, expect, it } from 'vitest';
import { fundingPossibilities, priceNoteShown } from './funding';

describe('fundingPossibilities', () => {
  it('never turns funding into "free": that is a run’s price', () => {
    expect(fundingPossibilities(['free'])).toEqual([]);
    expect(fundingPossibilities(['free', 'other'])).toEqual(['other']);
  });

  it('names AZAV once, as the Bildungsgutschein people ask for, in a fixed order', () => {
    expect(fundingPossibilities(['other', 'azav', 'bildungsgutschein', 'aufstiegs_bafoeg'])).toEqual([
      'bildungsgutschein',
      'aufstiegs_bafoeg',
      'other',
    ]);
    expect(fundingPossibilities(['bildungsurlaub'])).toEqual(['bildungsurlaub']);
  });
});

describe('priceNoteShown', () => {
  it('drops a note that repeats the price ("Preis auf Anfrage (Preis auf Anfrage)")', () => {
    expect(priceNoteShown('Preis auf Anfrage', 'Preis auf Anfrage')).toBeNull();
    expect(priceNoteShown('Preis auf Anfrage.', 'Price on request')).toBeNull();
    expect(priceNoteShown('Entgelt auf Anfrage', 'Preis auf Anfrage')).toBeNull();
  });

  it('keeps a note that adds something', () => {
    expect(priceNoteShown('Ermäßigung möglich', '120 €')).toBe('Ermäßigung möglich');
    expect(priceNoteShown(null, '120 €')).toBeNull();
  });
});
