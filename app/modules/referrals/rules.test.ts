import { describe, expect, it } from 'vitest';
import { addWorkingDays, byUrgency, covers, isOverdue, mayMove, sharedData } from './rules';

describe('referral rules', () => {
  it('counts working days past weekends and the Land holidays', () => {
    // Friday 2 October 2026 + 1: Saturday, Sunday, 3 October (Saturday anyway) → Monday 5.
    expect(addWorkingDays('2026-10-02', 1, 'BE')).toBe('2026-10-05');
    // Thursday 30 April + 1: 1 May is a holiday everywhere → Monday 4 May.
    expect(addWorkingDays('2026-04-30', 1, 'BE')).toBe('2026-05-04');
    // Corpus Christi (4 June 2026) is a holiday in Hesse, not in Berlin.
    expect(addWorkingDays('2026-06-03', 1, 'HE')).toBe('2026-06-05');
    expect(addWorkingDays('2026-06-03', 1, 'BE')).toBe('2026-06-04');
    expect(addWorkingDays('2026-12-21', 5, 'BE')).toBe('2026-12-29');
  });

  it('a consent covers only its provider, its categories, while valid and standing', () => {
    const consent = {
      purpose: 'referral',
      recipientProviderId: 7,
      dataCategories: ['name_contact', 'measure_goal'],
      validUntil: '2027-01-31',
      withdrawnAt: null,
    };
    const referral = { providerId: 7, categories: ['name_contact'] };
    expect(covers(consent, referral, '2026-12-01')).toBe(true);
    expect(covers(consent, { ...referral, providerId: 8 }, '2026-12-01')).toBe(false);
    expect(covers(consent, { ...referral, categories: ['baseline'] }, '2026-12-01')).toBe(false);
    expect(covers(consent, referral, '2027-02-01')).toBe(false);
    expect(covers({ ...consent, withdrawnAt: new Date() }, referral, '2026-12-01')).toBe(false);
    expect(covers({ ...consent, purpose: 'documentation' }, referral, '2026-12-01')).toBe(false);
  });

  it('passes on exactly the chosen categories', () => {
    const person = {
      name: 'Hana',
      email: 'h@example.org',
      phone: null,
      languageLevel: 'B1',
      baseline: { situation: 's', abilities: 'a', wishes: 'w' },
      measureGoal: 'g',
    };
    expect(Object.keys(sharedData(['measure_goal'], person))).toEqual(['measureGoal']);
    expect(JSON.stringify(sharedData(['language_level'], person))).not.toContain('Hana');
    expect(Object.keys(sharedData(['name_contact', 'baseline'], person)).sort()).toEqual([
      'baseline',
      'nameContact',
    ]);
  });

  it('moves only forward, one step at a time', () => {
    expect(mayMove('received', 'accepted')).toBe(true);
    expect(mayMove('received', 'completed')).toBe(false);
    expect(mayMove('accepted', 'started')).toBe(true);
    expect(mayMove('started', 'completed')).toBe(true);
    expect(mayMove('completed', 'dropped_out')).toBe(false);
    expect(mayMove('draft', 'accepted')).toBe(false);
  });

  it('puts overdue referrals first, the oldest deadline first', () => {
    const rows = [
      { id: 1, state: 'accepted', dueOn: '2026-01-01', withdrawnAt: null },
      { id: 2, state: 'received', dueOn: '2026-12-10', withdrawnAt: null },
      { id: 3, state: 'received', dueOn: '2026-12-01', withdrawnAt: null },
      { id: 4, state: 'received', dueOn: '2026-11-01', withdrawnAt: new Date() },
    ].map((r) => ({ ...r, overdue: isOverdue(r, '2026-12-20') }));
    expect(byUrgency(rows).map((r) => r.id)).toEqual([3, 2, 4, 1]);
  });
});
