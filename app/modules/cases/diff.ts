/**
 * What changed from one plan version to the next, for the page that shows a version:
 * the baseline's fields, the review date, and each measure and commitment by its key
 * (added, removed, or which of its fields changed). Pure, so it is tested alone.
 */
export interface PlanMeasure {
  key: string;
  goal: string;
  startsOn: string | null;
  durationWeeks: number | null;
  personDoes: string | null;
  counsellorDoes: string | null;
  providerDoes: string | null;
  serviceDoes: string | null;
  offer: { offerId: number | null; runId: number | null; title: string; provider: string } | null;
  resource: string | null;
  reviewOn: string | null;
}

export interface PlanCommitment {
  key: string;
  party: 'person' | 'counsellor';
  body: string;
  dueOn: string | null;
  binding: boolean;
}

export interface Baseline {
  situation: string;
  abilities: string;
  wishes: string;
  goals: { id: string; text: string }[];
}

export interface PlanContent {
  baseline: Baseline;
  reviewOn: string | null;
  measures: PlanMeasure[];
  commitments: PlanCommitment[];
}

export type PlanChange =
  | { part: 'baseline'; field: keyof Baseline }
  | { part: 'review' }
  | { part: 'measure' | 'commitment'; key: string; change: 'added' | 'removed' }
  | { part: 'measure' | 'commitment'; key: string; change: 'changed'; fields: string[] };

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function changedFields<T extends object>(a: T, b: T): string[] {
  return (Object.keys(a) as (keyof T)[]).filter((k) => k !== 'key' && !same(a[k], b[k])).map(String);
}

function byKey<T extends { key: string }>(
  part: 'measure' | 'commitment',
  before: readonly T[],
  after: readonly T[],
): PlanChange[] {
  const old = new Map(before.map((x) => [x.key, x]));
  const now = new Map(after.map((x) => [x.key, x]));
  const changes: PlanChange[] = [];
  for (const x of after) {
    const was = old.get(x.key);
    if (!was) changes.push({ part, key: x.key, change: 'added' });
    else {
      const fields = changedFields(was, x);
      if (fields.length) changes.push({ part, key: x.key, change: 'changed', fields });
    }
  }
  for (const x of before) if (!now.has(x.key)) changes.push({ part, key: x.key, change: 'removed' });
  return changes;
}

export function planDiff(before: PlanContent, after: PlanContent): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const field of ['situation', 'abilities', 'wishes', 'goals'] as const) {
    if (!same(before.baseline[field], after.baseline[field])) changes.push({ part: 'baseline', field });
  }
  if (before.reviewOn !== after.reviewOn) changes.push({ part: 'review' });
  changes.push(...byKey('measure', before.measures, after.measures));
  changes.push(...byKey('commitment', before.commitments, after.commitments));
  return changes;
}
