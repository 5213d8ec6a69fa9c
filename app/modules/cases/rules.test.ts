import { describe, expect, it } from 'vitest';
import { CASE_TYPES, dueDates } from './case-types';
import { type PlanContent, planDiff } from './diff';
import { monitoringOrder, nextReview, onTime, phaseOf, urgencyOf } from './monitoring';
import { activationProblems, type PlanFacts, planStatus, proposalProblems } from './plan-rules';
import { measureSchema, openCaseSchema, tallySchema } from './schemas';

describe('timeline', () => {
  it('counts each step from the step it follows: its done day if done, else its due day', () => {
    const due = dueDates('2026-03-02', [
      { id: 1, afterStepId: null, offsetDays: 0, doneOn: '2026-03-02' },
      { id: 2, afterStepId: 1, offsetDays: 14, doneOn: '2026-03-10' },
      { id: 3, afterStepId: 2, offsetDays: 14, doneOn: null },
      { id: 4, afterStepId: 1, offsetDays: 30, doneOn: null },
      { id: 5, afterStepId: 3, offsetDays: 7, doneOn: null },
    ]);
    expect(Object.fromEntries(due)).toEqual({
      1: '2026-03-02',
      2: '2026-03-16',
      // Step 2 was done early: step 3 moves with it.
      3: '2026-03-24',
      4: '2026-04-01',
      // Step 3 is not done: step 5 counts from its due day.
      5: '2026-03-31',
    });
  });

  it('a step after one that no longer exists counts from the opening', () => {
    const due = dueDates('2026-03-02', [{ id: 9, afterStepId: 4, offsetDays: 3, doneOn: null }]);
    expect(due.get(9)).toBe('2026-03-05');
  });

  it('every case type starts with the first talk and refers only to earlier steps', () => {
    for (const steps of Object.values(CASE_TYPES)) {
      expect(steps[0]).toEqual({ key: 'first_talk', after: null, days: 0 });
      steps.forEach((s, i) => {
        if (s.after) expect(steps.slice(0, i).map((x) => x.key)).toContain(s.after);
      });
    }
  });
});

describe('monitoring', () => {
  const today = '2026-05-10';
  it('derives the phase from the facts', () => {
    expect(phaseOf({ closed: false, hasAssessment: false, hasActivePlan: false })).toBe('intake');
    expect(phaseOf({ closed: false, hasAssessment: true, hasActivePlan: false })).toBe('planning');
    expect(phaseOf({ closed: false, hasAssessment: true, hasActivePlan: true })).toBe('monitoring');
    expect(phaseOf({ closed: true, hasAssessment: true, hasActivePlan: true })).toBe('closed');
  });

  it('orders reviews overdue, reviews due, steps due, then the rest; closed last', () => {
    const cases = [
      { id: 1, nextReview: null, nextStep: null, closed: false },
      { id: 2, nextReview: '2026-05-12', nextStep: null, closed: false },
      { id: 3, nextReview: '2026-05-01', nextStep: null, closed: false },
      { id: 4, nextReview: '2026-06-30', nextStep: '2026-05-09', closed: false },
      { id: 5, nextReview: '2026-04-01', nextStep: null, closed: true },
      { id: 6, nextReview: '2026-05-03', nextStep: null, closed: false },
      { id: 7, nextReview: '2026-07-01', nextStep: '2026-08-01', closed: false },
    ];
    expect(monitoringOrder(cases, today).map((c) => c.id)).toEqual([3, 6, 2, 4, 7, 1, 5]);
    expect(urgencyOf(cases[2]!, today)).toBe('review_overdue');
    expect(urgencyOf(cases[1]!, today)).toBe('review_due');
    expect(urgencyOf(cases[3]!, today)).toBe('step_due');
    expect(urgencyOf(cases[4]!, today)).toBe('other');
  });

  it('the next review is the last review’s next date, else the plan’s review date', () => {
    const plan = { reviewOn: '2026-06-01', activatedAt: new Date('2026-04-01T10:00:00Z') };
    expect(nextReview(null, [])).toBeNull();
    expect(nextReview(plan, [])).toBe('2026-06-01');
    expect(
      nextReview(plan, [
        { planIsActive: true, heldOn: '2026-06-01', nextReviewOn: '2026-07-15' },
        { planIsActive: false, heldOn: '2026-06-20', nextReviewOn: '2026-12-01' },
      ]),
    ).toBe('2026-07-15');
    expect(onTime('2026-06-01', '2026-06-01')).toBe(true);
    expect(onTime('2026-06-01', '2026-06-02')).toBe(false);
  });
});

describe('plan versions', () => {
  const v = (version: number, f: Partial<PlanFacts> = {}): PlanFacts => ({
    version,
    proposedAt: null,
    agreedAt: null,
    activatedAt: null,
    reviewOn: null,
    measures: 1,
    ...f,
  });

  it('derives each version’s status; only the newest moves', () => {
    const all = [
      v(1, { proposedAt: 'x', agreedAt: 'x', activatedAt: 'x', reviewOn: '2026-06-01' }),
      v(2, { proposedAt: 'x' }),
    ];
    expect(planStatus(all[0]!, all)).toBe('active');
    expect(planStatus(all[1]!, all)).toBe('proposed');
    const later = [
      ...all.slice(0, 1),
      { ...all[1]!, agreedAt: 'x', activatedAt: 'x', reviewOn: '2026-09-01' },
    ];
    expect(planStatus(later[0]!, later)).toBe('superseded');
    expect(planStatus(later[1]!, later)).toBe('active');
    const withdrawn = [v(1, { proposedAt: 'x' }), v(2)];
    expect(planStatus(withdrawn[0]!, withdrawn)).toBe('withdrawn');
    expect(planStatus(withdrawn[1]!, withdrawn)).toBe('draft');
  });

  it('activation needs a review date and the agreement, and only the newest version', () => {
    const draft = v(1);
    expect(activationProblems(draft, [draft])).toEqual(['review_missing', 'agreement_missing']);
    const dated = v(1, { reviewOn: '2026-06-01', proposedAt: 'x' });
    expect(activationProblems(dated, [dated])).toEqual(['agreement_missing']);
    const agreed = { ...dated, agreedAt: 'x' };
    expect(activationProblems(agreed, [agreed])).toEqual([]);
    expect(activationProblems(agreed, [agreed, v(2)])).toEqual(['not_latest']);
    expect(proposalProblems(v(1, { measures: 0 }))).toEqual(['review_missing', 'measures_missing']);
  });

  it('shows what changed from one version to the next', () => {
    const measure = {
      key: 'm1',
      goal: 'Deutsch B1',
      startsOn: '2026-06-01',
      durationWeeks: 12,
      personDoes: 'anmelden',
      counsellorDoes: null,
      providerDoes: null,
      serviceDoes: null,
      offer: null,
      resource: null,
      reviewOn: null,
    };
    const before: PlanContent = {
      baseline: { situation: 'a', abilities: 'b', wishes: 'c', goals: [{ id: 'g1', text: 'B1' }] },
      reviewOn: '2026-06-01',
      measures: [measure, { ...measure, key: 'm2', goal: 'Bewerbung' }],
      commitments: [{ key: 'c1', party: 'person', body: 'Anmelden', dueOn: null, binding: false }],
    };
    const after: PlanContent = {
      ...before,
      baseline: { ...before.baseline, wishes: 'd' },
      reviewOn: '2026-07-01',
      measures: [
        { ...measure, durationWeeks: 16 },
        { ...measure, key: 'm3', goal: 'Kinderbetreuung' },
      ],
    };
    expect(planDiff(before, after)).toEqual([
      { part: 'baseline', field: 'wishes' },
      { part: 'review' },
      { part: 'measure', key: 'm1', change: 'changed', fields: ['durationWeeks'] },
      { part: 'measure', key: 'm3', change: 'added' },
      { part: 'measure', key: 'm2', change: 'removed' },
    ]);
    expect(planDiff(before, before)).toEqual([]);
  });
});

describe('forms', () => {
  it('refuses to open a case without the consent to documentation', () => {
    const base = {
      caseType: 'deutsch',
      origin: 'walk_in',
      name: 'Ada Beispiel',
      locale: 'ar',
      textLanguage: 'de',
      consentHow: 'in_meeting',
      consentLanguage: 'ar',
    };
    const refused = openCaseSchema.safeParse(base);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message)).toContain('cases:errors.consentRequired');
    expect(openCaseSchema.safeParse({ ...base, consent: 'on' }).success).toBe(true);
  });

  it('a measure is a catalogue run or an informal resource, never both, and says who does what', () => {
    const ok = { goal: 'B1', personDoes: 'lernen' };
    expect(measureSchema.safeParse({ ...ok, run: '5' }).success).toBe(true);
    expect(measureSchema.safeParse({ ...ok, resource: 'Nachbarin' }).success).toBe(true);
    expect(measureSchema.safeParse({ ...ok, run: '5', resource: 'Nachbarin' }).success).toBe(false);
    expect(measureSchema.safeParse({ goal: 'B1' }).success).toBe(false);
  });

  it('a tally takes only codes, and text without control characters', () => {
    const tally = { channel: 'phone', duration: 'under_15', language: 'tr', outcome: 'information' };
    expect(tallySchema.safeParse(tally).success).toBe(true);
    expect(tallySchema.safeParse({ ...tally, outcome: 'case_opened' }).success).toBe(false);
    expect(tallySchema.safeParse({ ...tally, district: 'Mitte\u0000' }).success).toBe(false);
  });
});
