/**
 * The plan's life, pure. A version is a draft while the counsellor writes it; proposed
 * when shown to the person (frozen from then on); agreed when the person agreed (on
 * their link, or recorded by the counsellor with how); active once activated — only with
 * a review date and the agreement. A newer active version supersedes it; a version never
 * activated before a newer one was started was withdrawn. Only the newest version moves.
 */
export type PlanStatus = 'draft' | 'proposed' | 'agreed' | 'active' | 'superseded' | 'withdrawn';

export interface PlanFacts {
  version: number;
  proposedAt: Date | string | null;
  agreedAt: Date | string | null;
  activatedAt: Date | string | null;
  reviewOn: string | null;
  measures: number;
}

export function planStatus(plan: PlanFacts, all: readonly PlanFacts[]): PlanStatus {
  const newer = all.filter((p) => p.version > plan.version);
  if (plan.activatedAt) return newer.some((p) => p.activatedAt) ? 'superseded' : 'active';
  if (newer.length) return 'withdrawn';
  if (plan.agreedAt) return 'agreed';
  if (plan.proposedAt) return 'proposed';
  return 'draft';
}

export type PlanProblem = 'review_missing' | 'measures_missing' | 'agreement_missing' | 'not_latest';

/** What stops a version from being shown to the person for agreement. */
export function proposalProblems(plan: PlanFacts): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!plan.reviewOn) problems.push('review_missing');
  if (plan.measures === 0) problems.push('measures_missing');
  return problems;
}

/** What stops a version from becoming the active plan. */
export function activationProblems(plan: PlanFacts, all: readonly PlanFacts[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (all.some((p) => p.version > plan.version)) problems.push('not_latest');
  if (!plan.reviewOn) problems.push('review_missing');
  if (!plan.agreedAt) problems.push('agreement_missing');
  return problems;
}

export function activeVersion<T extends Pick<PlanFacts, 'version' | 'activatedAt'>>(
  all: readonly T[],
): T | undefined {
  return [...all].filter((p) => p.activatedAt).sort((a, b) => b.version - a.version)[0];
}

/** The newest version when it is not (yet) in force: a draft, proposed or agreed. */
export function pendingVersion<T extends Pick<PlanFacts, 'version' | 'activatedAt'>>(
  all: readonly T[],
): T | undefined {
  const latest = [...all].sort((a, b) => b.version - a.version)[0];
  return latest && !latest.activatedAt ? latest : undefined;
}
