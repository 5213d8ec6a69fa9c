import { describe, expect, it } from 'vitest';
import { analyse, highlight, runState, stripGenericHead, tokenize } from './text';

describe('tokenize', () => {
  it('folds umlauts and drops stop words', () => {
    expect(tokenize('Kurse für Übersetzer und Ärztinnen')).toEqual(['kurse', 'uebersetzer', 'aerztinnen']);
  });
});

describe('analyse', () => {
  it('expands synonyms from the shared vocabulary', () => {
    const [unit] = analyse('DaZ');
    expect(unit!.alternatives).toContain('deutsch als zweitsprache');
    expect(unit!.alternatives).toContain('daf');
  });
  it('keeps a known phrase together', () => {
    const units = analyse('Deutsch als Zweitsprache B1');
    expect(units.map((u) => u.text)).toEqual(['deutsch als zweitsprache', 'b1']);
  });
  it('marks generic words like "Kurs" as optional', () => {
    const units = analyse('Deutsch Kurs');
    expect(units.find((u) => u.text === 'kurs')?.optional).toBe(true);
    expect(units.find((u) => u.text === 'deutsch')?.optional).toBe(false);
  });
});

describe('stripGenericHead', () => {
  it('splits the generic head off a compound, with the linking s', () => {
    expect(stripGenericHead('deutschkurs')).toBe('deutsch');
    expect(stripGenericHead('integrationskurs')).toBe('integration');
    expect(stripGenericHead('sprachkurse')).toBe('sprach');
    expect(stripGenericHead('kurs')).toBeNull();
    expect(stripGenericHead('yoga')).toBeNull();
  });
});

describe('highlight', () => {
  it('marks matched words, folding umlauts', () => {
    expect(highlight('Deutschkurs für Übersetzer', ['deutsch', 'uebersetzer'])).toEqual([
      { text: 'Deutschkurs', match: true },
      { text: ' für ', match: false },
      { text: 'Übersetzer', match: true },
    ]);
  });
  it('returns the text unmarked without terms', () => {
    expect(highlight('Yoga am Morgen', [])).toEqual([{ text: 'Yoga am Morgen', match: false }]);
  });
});

describe('runState', () => {
  it('tells a run ahead, under way and over apart, for runs with and without an end date', () => {
    const today = '2026-11-24';
    expect(runState('2026-11-24', '2027-01-01', today)).toEqual({ started: false, over: false });
    expect(runState('2026-09-07', '2027-01-01', today)).toEqual({ started: true, over: false });
    expect(runState('2026-09-07', '2026-11-23', today)).toEqual({ started: false, over: true });
    expect(runState('2026-11-23', null, today)).toEqual({ started: false, over: true });
    expect(runState(null, null, today)).toEqual({ started: false, over: false });
  });
});
