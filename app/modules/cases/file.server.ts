import type { Db } from '../../../db/client.server';
import * as p from '../../../db/queries/case-plans.server';
import * as q from '../../../db/queries/cases.server';
import { todayInBerlin } from '../../utils/clock.server';
import { dueDates } from './case-types';
import type { PlanCommitment, PlanContent, PlanMeasure } from './diff';
import { nextReview, phaseOf } from './monitoring';
import { activeVersion, type PlanStatus, pendingVersion, planStatus } from './plan-rules';

/**
 * A whole case file as plain data: what the counsellor's pages, the person's page and
 * both JSON exports are made from. Reading it decides nothing; callers checked access.
 */
export interface FilePlan extends PlanContent {
  id: number;
  version: number;
  status: PlanStatus;
  textLanguage: string;
  createdAt: string;
  proposedAt: string | null;
  agreedAt: string | null;
  agreedHow: 'own_link' | 'in_meeting' | 'paper' | null;
  activatedAt: string | null;
}

export type CaseFile = Awaited<ReturnType<typeof loadFile>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toMeasure(m: p.MeasureRow): PlanMeasure {
  return {
    key: m.measure_key,
    goal: m.goal,
    startsOn: m.starts_on,
    durationWeeks: m.duration_weeks,
    personDoes: m.person_does,
    counsellorDoes: m.counsellor_does,
    providerDoes: m.provider_does,
    serviceDoes: m.service_does,
    offer: m.offer_snapshot
      ? {
          offerId: m.offer_id,
          runId: m.run_id,
          title: m.offer_snapshot.title,
          provider: m.offer_snapshot.provider,
        }
      : null,
    resource: m.resource,
    reviewOn: m.review_on,
  };
}

function toCommitment(c: p.CommitmentRow): PlanCommitment {
  return { key: c.item_key, party: c.party, body: c.body, dueOn: c.due_on, binding: c.binding };
}

export async function loadFile(db: Db, row: q.CaseRow) {
  const id = row.id;
  const [consents, steps, assessments, planRows, progress, reviews, comments, entries, notes, handovers] =
    await Promise.all([
      q.consentsOf(db, id),
      q.stepsOf(db, id),
      p.assessmentsOf(db, id),
      p.plansOf(db, id),
      p.progressOf(db, id),
      p.reviewsOf(db, id),
      p.commentsOf(db, id),
      q.entriesOf(db, id),
      q.notesOf(db, id),
      q.handoversOf(db, id),
    ]);
  const planIds = planRows.map((x) => x.id);
  const [measures, commitments] = await Promise.all([
    p.measuresOf(db, planIds),
    p.commitmentsOf(db, planIds),
  ]);
  const facts = planRows.map((x) => ({
    version: x.version,
    proposedAt: x.proposed_at,
    agreedAt: x.agreed_at,
    activatedAt: x.activated_at,
    reviewOn: x.review_on,
    measures: measures.filter((m) => m.plan_id === x.id).length,
  }));
  const plans: FilePlan[] = planRows.map((x, i) => ({
    id: x.id,
    version: x.version,
    status: planStatus(facts[i]!, facts),
    baseline: x.baseline,
    reviewOn: x.review_on,
    textLanguage: x.text_language,
    createdAt: x.created_at.toISOString(),
    proposedAt: iso(x.proposed_at),
    agreedAt: iso(x.agreed_at),
    agreedHow: x.agreed_how,
    activatedAt: iso(x.activated_at),
    measures: measures.filter((m) => m.plan_id === x.id).map(toMeasure),
    commitments: commitments.filter((c) => c.plan_id === x.id).map(toCommitment),
  }));
  const active = activeVersion(plans);
  const pending = pendingVersion(plans);
  const openedOn = todayInBerlin(row.opened_at);
  const due = dueDates(
    openedOn,
    steps.map((s) => ({
      id: s.id,
      afterStepId: s.after_step_id,
      offsetDays: s.offset_days,
      doneOn: s.done_at ? todayInBerlin(s.done_at) : null,
    })),
  );
  const next = nextReview(
    active ? { reviewOn: active.reviewOn, activatedAt: new Date(active.activatedAt!) } : null,
    reviews.map((r) => ({
      planIsActive: r.plan_id === active?.id,
      heldOn: r.held_on,
      nextReviewOn: r.next_review_on,
    })),
  );
  return {
    id,
    caseType: row.case_type,
    phase: phaseOf({
      closed: row.closed_at !== null,
      hasAssessment: assessments.length > 0,
      hasActivePlan: Boolean(active),
    }),
    person: {
      name: row.person_name,
      email: row.person_email,
      phone: row.person_phone,
      locale: row.person_locale,
      hasAccount: row.person_user_id !== null,
    },
    textLanguage: row.text_language,
    origin: row.origin,
    openedAt: row.opened_at.toISOString(),
    lastActivityAt: row.last_activity_at.toISOString(),
    closedAt: iso(row.closed_at),
    closeReason: row.close_reason,
    restricted: row.restricted_at
      ? { at: row.restricted_at.toISOString(), reason: row.restriction_reason }
      : null,
    feedbackGiven: row.feedback_given_at !== null,
    consents: consents.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      recipientKind: c.recipient_kind,
      recipient: c.recipient_name ?? c.recipient_text,
      dataCategories: c.data_categories,
      textVersion: c.text_version,
      textLanguage: c.text_language,
      givenHow: c.given_how,
      givenAt: c.given_at.toISOString(),
      validUntil: c.valid_until,
      withdrawnAt: iso(c.withdrawn_at),
      withdrawnHow: c.withdrawn_how,
    })),
    steps: steps.map((s) => ({
      id: s.id,
      key: s.step_key,
      title: s.title,
      afterStepId: s.after_step_id,
      offsetDays: s.offset_days,
      dueOn: due.get(s.id)!,
      doneAt: iso(s.done_at),
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      revision: a.revision,
      content: a.content,
      barriers: a.barriers,
      healthNote: a.health_note,
      selfAssessment: a.self_assessment,
      createdAt: a.created_at.toISOString(),
    })),
    plans,
    activeVersion: active?.version ?? null,
    pendingVersion: pending?.version ?? null,
    nextReview: next,
    progress: Object.fromEntries(
      progress.map((x) => [x.item_key, { doneAt: x.done_at.toISOString(), by: x.done_by }]),
    ) as Record<string, { doneAt: string; by: 'person' | 'counsellor' }>,
    reviews: reviews.map((r) => ({
      id: r.id,
      planVersion: plans.find((pl) => pl.id === r.plan_id)?.version ?? null,
      dueOn: r.due_on,
      heldOn: r.held_on,
      summary: r.summary,
      measureStatus: r.measure_status,
      nextReviewOn: r.next_review_on,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      planVersion: plans.find((pl) => pl.id === c.plan_id)?.version ?? null,
      author: c.author,
      body: c.body,
      createdAt: c.created_at.toISOString(),
    })),
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      body: e.body,
      createdAt: e.created_at.toISOString(),
    })),
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      createdAt: n.created_at.toISOString(),
      deleteAfter: n.delete_after.toISOString(),
    })),
    handovers: handovers.map((h) => ({ kind: h.kind, reason: h.reason, at: h.at.toISOString() })),
  };
}

/** The standing consent of a purpose (documentation, health), if any. */
export function standingConsent(file: Pick<CaseFile, 'consents'>, purpose: string) {
  return file.consents.find((c) => c.purpose === purpose && !c.withdrawnAt);
}

/** Everything stored about the case, for the person's download (Art. 15/20) and the counsellor's export. */
export async function exportFile(db: Db, row: q.CaseRow) {
  const file = await loadFile(db, row);
  const reads = await q.readsOf(db, row.id);
  return {
    ...file,
    accessList: reads.map((r) => ({
      at: r.at.toISOString(),
      part: r.part,
      role: r.role,
      office: r.office_name,
      name: r.reader_name,
    })),
  };
}
