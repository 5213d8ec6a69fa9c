import { getSql, inTransaction } from '../../../db/client.server';
import * as r from '../../../db/queries/referrals.server';
import { now, todayInBerlin } from '../../utils/clock.server';
import { audit } from '../audit/audit.server';
import type { CaseActor } from '../cases/access.server';
import { BARRIERS, type Barrier } from '../cases/codes';
import { loadFile } from '../cases/file.server';
import { lockedCase, referralsOfCase } from './referrals.server';
import type { ConferenceInput } from './schemas';

/**
 * The case conference (Fallkonferenz): a pseudonymised summary to discuss with colleagues.
 * Everything taken from the file is a code (case type, phase, coded barriers, referral
 * states) or catalogue data (provider, offer title) — never the person's name, contact,
 * birth date or address, never a free text of the file. Free text enters only as the
 * counsellor typed or reviewed it in the form and confirmed it identifies no one. Health
 * stays out (Art. 9: it has its own consent and is not for colleagues). The person sees
 * on their link that their case was discussed, and when.
 */

export interface ConferenceSummary {
  caseType: string;
  phase: string;
  ageBand: string | null;
  barriers: Barrier[];
  situation: string | null;
  measures: string[];
  referrals: { provider: string; offerTitle: string | null; state: string; reason: string | null }[];
}

export interface Conference {
  id: number;
  heldOn: string;
  summary: ConferenceSummary;
}

/** The coded facts of the file as the summary shows them. */
async function codedFacts(actor: CaseActor) {
  const sql = getSql();
  const [file, referrals] = await Promise.all([loadFile(sql, actor.row), referralsOfCase(sql, actor.row.id)]);
  const latest = file.assessments.at(-1);
  return {
    file,
    facts: {
      caseType: file.caseType,
      phase: file.phase,
      barriers: (latest?.barriers ?? []).filter(
        (b): b is Barrier => (BARRIERS as readonly string[]).includes(b) && b !== 'health',
      ),
      referrals: referrals
        .filter((x) => x.state !== 'draft')
        .map((x) => ({
          provider: x.provider,
          offerTitle: x.offerTitle,
          // A withdrawn consent is the state colleagues need; the provider's answer is history.
          state: x.withdrawn ? 'withdrawn' : x.state,
          reason: x.withdrawn ? null : x.reason,
        })),
    },
  };
}

function toConference(row: r.ConferenceRow): Conference {
  return { id: row.id, heldOn: row.held_on, summary: row.summary as ConferenceSummary };
}

/** The page: the coded facts, the plan's measures for the counsellor to review, earlier conferences. */
export async function conferencePage(actor: CaseActor) {
  const { file, facts } = await codedFacts(actor);
  const active = file.plans.find((p) => p.version === file.activeVersion);
  return {
    facts,
    today: todayInBerlin(),
    // Offered for review only: they reach the summary only as sent back from the form.
    measureGoals: (active?.measures ?? []).map((m) => m.goal),
    conferences: (await r.conferencesOf(getSql(), actor.row.id)).map(toConference),
  };
}

/** Records the reviewed summary; audited without its text. Refused on a closed or restricted case. */
export async function holdConference(actor: CaseActor, v: ConferenceInput): Promise<number> {
  const { facts } = await codedFacts(actor);
  const summary: ConferenceSummary = {
    caseType: facts.caseType,
    phase: facts.phase,
    ageBand: v.ageBand ?? null,
    barriers: facts.barriers,
    situation: v.situation ?? null,
    measures: v.measures,
    referrals: facts.referrals,
  };
  return inTransaction(getSql(), async (tx) => {
    await lockedCase(tx, actor);
    const at = now();
    const id = await r.insertConference(tx, {
      caseId: actor.row.id,
      heldOn: v.heldOn,
      summary,
      createdBy: actor.user.id,
      at,
    });
    await audit(tx, {
      action: 'case.conference_held',
      actorUserId: actor.user.id,
      ip: actor.ip,
      targetType: 'case',
      targetId: actor.row.id,
      detail: { conference: id, heldOn: v.heldOn, role: actor.role },
    });
    return id;
  });
}

/** The days the person's case was discussed, for their link (nothing of the summary). */
export async function conferenceDays(caseId: number): Promise<string[]> {
  return (await r.conferencesOf(getSql(), caseId)).map((c) => c.held_on);
}
