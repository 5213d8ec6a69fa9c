import type { ProviderReferral } from './referrals.server';

/** A referral as the provider API answers it (the same facts as the provider's page). */
export const NO_STORE = { 'Cache-Control': 'no-store' };

export function toApi(r: ProviderReferral) {
  return {
    id: r.id,
    state: r.state,
    reason: r.reason,
    startOn: r.startOn,
    dueOn: r.dueOn,
    overdue: r.overdue,
    receivedAt: r.receivedAt,
    offer: r.offerTitle,
    runId: r.runId,
    runStartsOn: r.runStartsOn,
    purpose: r.purpose,
    categories: r.categories,
    data: r.shared,
    nextStates: r.nextStates,
  };
}
