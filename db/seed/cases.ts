import { generateToken, hashToken } from '../../app/auth/tokens.server';
import { CASE_TYPES, type CaseType } from '../../app/modules/cases/case-types';
import { CONSENTS } from '../../app/modules/cases/codes';
import { now, todayInBerlin } from '../../app/utils/clock.server';
import { addDays, localToInstant } from '../../app/utils/zoned';
import type { Tx } from '../client.server';
import * as p from '../queries/case-plans.server';
import * as q from '../queries/cases.server';

/**
 * Demo case files: about twenty for beratung@ in every phase (one with plan version 2,
 * one closed with codes, one with an overdue review) and three for beratung3@. Two of
 * them have a documented personal link (like the demo TOTP keys: public, demo only).
 * Runs inside the demo accounts' transaction, once.
 */
export const DEMO_CASE_LINKS = {
  counsellor: 'demofallberatungaaaaaaaaaaaaaaaa',
  counsellor3: 'demofallberatungdreiaaaaaaaaaaaa',
} as const;

type Phase = 'intake' | 'planning' | 'proposed' | 'monitoring' | 'v2' | 'overdue' | 'closed';

interface Spec {
  name: string;
  type: CaseType;
  locale: string;
  phase: Phase;
  /** Days ago the case was opened. */
  age: number;
  email?: string;
  link?: string;
  deputy?: boolean;
}

const FOR_COUNSELLOR: Spec[] = [
  { name: 'Amira Haddad', type: 'deutsch', locale: 'ar', phase: 'intake', age: 2 },
  { name: 'Jonas Weber', type: 'weiterbildung', locale: 'de', phase: 'intake', age: 5 },
  { name: 'Oksana Koval', type: 'anerkennung', locale: 'uk', phase: 'intake', age: 1 },
  { name: 'Mehmet Yılmaz', type: 'weiterbildung', locale: 'tr', phase: 'planning', age: 12 },
  { name: 'Sara Lindqvist', type: 'orientierung', locale: 'en', phase: 'planning', age: 9 },
  { name: 'Dmitri Orlow', type: 'anerkennung', locale: 'ru', phase: 'proposed', age: 20 },
  { name: 'Fatma Demir', type: 'deutsch', locale: 'tr', phase: 'proposed', age: 18 },
  {
    name: 'Nour Al-Sayed',
    type: 'deutsch',
    locale: 'ar',
    phase: 'v2',
    age: 95,
    email: 'nour.demo@example.org',
    link: DEMO_CASE_LINKS.counsellor,
  },
  { name: 'Lena Hoffmann', type: 'weiterbildung', locale: 'de', phase: 'overdue', age: 120 },
  { name: 'Yusuf Kaya', type: 'weiterbildung', locale: 'de', phase: 'monitoring', age: 60 },
  { name: 'Maria Popescu', type: 'orientierung', locale: 'en', phase: 'monitoring', age: 45 },
  { name: 'Ahmad Rahimi', type: 'deutsch', locale: 'ls', phase: 'monitoring', age: 70 },
  { name: 'Olena Shevchenko', type: 'anerkennung', locale: 'uk', phase: 'monitoring', age: 150 },
  { name: 'Tobias Krüger', type: 'weiterbildung', locale: 'de', phase: 'monitoring', age: 33 },
  { name: 'Zeynep Arslan', type: 'orientierung', locale: 'tr', phase: 'monitoring', age: 52 },
  { name: 'Hamid Nazari', type: 'deutsch', locale: 'de', phase: 'monitoring', age: 40 },
  { name: 'Irina Volkova', type: 'anerkennung', locale: 'ru', phase: 'monitoring', age: 80 },
  { name: 'Samuel Okafor', type: 'weiterbildung', locale: 'en', phase: 'closed', age: 300 },
  { name: 'Anna Nowak', type: 'deutsch', locale: 'de', phase: 'closed', age: 240 },
  { name: 'Khaled Mansour', type: 'orientierung', locale: 'ar', phase: 'closed', age: 200 },
];

const FOR_COUNSELLOR3: Spec[] = [
  {
    name: 'Rania Saleh',
    type: 'deutsch',
    locale: 'ar',
    phase: 'monitoring',
    age: 50,
    link: DEMO_CASE_LINKS.counsellor3,
  },
  // beratung@ is the named deputy here: a deputy reads the file too, and nobody else does.
  { name: 'Peter Schmidt', type: 'weiterbildung', locale: 'de', phase: 'intake', age: 3, deputy: true },
  { name: 'Lucía Fernández', type: 'orientierung', locale: 'en', phase: 'closed', age: 220 },
];

const GOALS: Record<CaseType, string[]> = {
  deutsch: ['Deutsch auf B1 für die Arbeit', 'Einen Integrationskurs abschließen'],
  weiterbildung: ['Einen anerkannten Berufsabschluss erreichen', 'Eine Stelle in der Pflege finden'],
  anerkennung: ['Den Abschluss als Ingenieurin anerkennen lassen', 'In der Fachrichtung arbeiten'],
  orientierung: ['Herausfinden, welcher Beruf passt', 'Den Realschulabschluss nachholen'],
};

const CATEGORY: Record<CaseType, string> = {
  deutsch: 'deutsch_integration',
  weiterbildung: 'berufliche_weiterbildung',
  anerkennung: 'berufliche_weiterbildung',
  orientierung: 'grundbildung_schulabschluesse',
};

function daysAgo(at: Date, days: number): Date {
  return new Date(at.getTime() - days * 86_400_000);
}

async function runOf(tx: Tx, category: string, n: number) {
  const [row] = await tx<{ id: number }[]>`
    select r.id from runs r join offers o on o.id = r.offer_id
    where o.status = 'published' and r.status = 'scheduled' and o.category = ${category}
    order by r.id offset ${n} limit 1`;
  return row ? await p.runForMeasure(tx, row.id) : undefined;
}

async function seedCase(tx: Tx, spec: Spec, counsellor: number, deputy: number | null, i: number) {
  const at = now();
  const today = todayInBerlin(at);
  const opened = daysAgo(at, spec.age);
  const officeId = await q.officeOfUser(tx, counsellor);
  // Only the documented demo links are known; every other case gets a random one.
  const token = spec.link ?? generateToken();
  const id = await q.insertCase(tx, {
    caseType: spec.type,
    responsibleUserId: counsellor,
    officeId,
    personName: spec.name,
    personEmail: spec.email ?? null,
    personPhone: null,
    personLocale: spec.locale,
    textLanguage: 'de',
    tokenHash: hashToken(token),
    origin: i % 3 === 0 ? 'walk_in' : 'appointment',
    appointmentId: null,
    at: opened,
  });
  if (spec.deputy && deputy) await q.setDeputy(tx, id, deputy);
  await q.insertConsent(tx, {
    caseId: id,
    purpose: CONSENTS.documentation.purpose,
    recipientKind: 'office',
    recipientOfficeId: officeId,
    dataCategories: CONSENTS.documentation.categories,
    textVersion: CONSENTS.documentation.version,
    textLanguage: spec.locale,
    givenHow: i % 2 ? 'paper' : 'in_meeting',
    givenAt: opened,
    recordedBy: counsellor,
  });
  // The type's timeline, done as far as the case has come.
  const steps = new Map<string, number>();
  const progressed = { intake: 1, planning: 2, proposed: 2, monitoring: 3, v2: 4, overdue: 3, closed: 99 }[
    spec.phase
  ];
  for (const [n, step] of CASE_TYPES[spec.type].entries()) {
    const doneAt = n < progressed ? daysAgo(at, Math.max(0, spec.age - n * 10)) : null;
    steps.set(
      step.key,
      await q.insertStep(tx, id, {
        key: step.key,
        title: null,
        afterStepId: step.after ? (steps.get(step.after) ?? null) : null,
        days: step.days,
        doneAt,
      }),
    );
  }
  await q.insertTrace(tx, `${todayInBerlin(opened).slice(0, 7)}-01`, spec.type, 'opened');
  if (spec.phase === 'intake') {
    await q.insertNote(
      tx,
      id,
      counsellor,
      'Bringt nächstes Mal Zeugnisse mit.',
      at,
      new Date(at.getTime() + 14 * 86_400_000),
    );
    return id;
  }
  const goals = GOALS[spec.type].map((text, n) => ({ id: `g${n + 1}`, text }));
  const assessed = daysAgo(at, spec.age - 7);
  const revision = await p.insertAssessment(tx, {
    caseId: id,
    content: {
      biography: 'Schulabschluss im Herkunftsland, mehrere Jahre Berufserfahrung.',
      reason: 'Möchte beruflich wieder Fuß fassen.',
      abilities: 'Zuverlässig, organisiert, arbeitet gern mit Menschen.',
      wishes: 'Eine Arbeit, die zur Ausbildung passt; Kurse am Vormittag.',
      goals,
    },
    barriers: spec.type === 'deutsch' ? ['language_level', 'childcare'] : ['times'],
    healthNote: null,
    selfAssessment: null,
    by: counsellor,
    at: assessed,
  });
  const assessment = (await p.assessmentsOf(tx, id)).find((a) => a.revision === revision);
  if (spec.phase === 'planning') return id;

  const versions = spec.phase === 'v2' ? 2 : 1;
  for (let v = 1; v <= versions; v++) {
    const created = daysAgo(at, spec.age - 10 - (v - 1) * 40);
    await p.insertPlan(tx, {
      caseId: id,
      assessmentId: assessment?.id ?? null,
      baseline: {
        situation:
          'Schulabschluss im Herkunftsland, mehrere Jahre Berufserfahrung. Möchte beruflich wieder Fuß fassen.',
        abilities: 'Zuverlässig, organisiert, arbeitet gern mit Menschen.',
        wishes:
          v === 1
            ? 'Eine Arbeit, die zur Ausbildung passt.'
            : 'Eine Arbeit, die zur Ausbildung passt; Kurse am Vormittag.',
        goals,
      },
      reviewOn: null,
      textLanguage: 'de',
      by: counsellor,
      at: created,
    });
    const plan = (await p.planByVersion(tx, id, v))!;
    const run = await runOf(tx, CATEGORY[spec.type], i + v);
    await p.insertMeasure(tx, plan.id, {
      key: 'm1',
      goal: goals[0]!.text,
      startsOn: run?.starts_on ?? addDays(today, 14),
      durationWeeks: 12,
      personDoes: 'Meldet sich zum Kurs an und nimmt regelmäßig teil.',
      counsellorDoes: 'Klärt die Förderung.',
      providerDoes: 'Bietet den Kurs an.',
      serviceDoes: null,
      runId: run?.run_id ?? null,
      offerId: run?.offer_id ?? null,
      offerSnapshot: run
        ? {
            title: run.title,
            provider: run.provider,
            startsOn: run.starts_on,
            endsOn: run.ends_on,
            format: run.format,
            venue: run.venue,
          }
        : null,
      resource: null,
      reviewOn: null,
    });
    await p.insertMeasure(tx, plan.id, {
      key: 'm2',
      goal:
        v === 1
          ? 'Kinderbetreuung am Vormittag sichern'
          : 'Kinderbetreuung am Vormittag und in den Ferien sichern',
      startsOn: null,
      durationWeeks: null,
      personDoes: 'Fragt die Nachbarin, ob sie zweimal pro Woche hilft.',
      counsellorDoes: null,
      providerDoes: null,
      serviceDoes: null,
      runId: null,
      offerId: null,
      offerSnapshot: null,
      resource: 'Nachbarin, Familienzentrum im Stadtteil',
      reviewOn: null,
    });
    await p.insertCommitment(tx, plan.id, {
      key: 'c1',
      party: 'person',
      body: 'Anmeldung zum Kurs abgeben',
      dueOn: addDays(todayInBerlin(created), 14),
      binding: false,
    });
    await p.insertCommitment(tx, plan.id, {
      key: 'c2',
      party: 'counsellor',
      body: 'Bildungsgutschein mit dem Jobcenter klären',
      dueOn: addDays(todayInBerlin(created), 21),
      binding: false,
    });
    const review =
      spec.phase === 'overdue'
        ? addDays(today, -9)
        : spec.phase === 'proposed'
          ? addDays(today, 30)
          : addDays(today, 5 + ((i * 7) % 40));
    await p.updateDraftFacts(tx, plan.id, review, 'de');
    await p.setProposed(tx, plan.id, daysAgo(created, -1));
    if (spec.phase === 'proposed') continue;
    await p.setAgreed(tx, plan.id, {
      at: daysAgo(created, -2),
      how: v === 2 ? 'own_link' : 'in_meeting',
      by: null,
    });
    await p.setActivated(tx, plan.id, daysAgo(created, -2));
    await q.insertTrace(tx, `${todayInBerlin(created).slice(0, 7)}-01`, spec.type, 'plan_activated');
  }
  if (spec.phase === 'proposed') return id;

  const plans = await p.plansOf(tx, id);
  const active = plans.at(-1)!;
  await p.setProgress(tx, id, 'c1', { at: daysAgo(at, 3), by: 'person' });
  await q.insertEntry(tx, id, {
    kind: 'contact',
    body: 'Telefonat: Anmeldung ist abgegeben.',
    by: counsellor,
    at: daysAgo(at, 3),
  });
  await p.insertComment(tx, {
    caseId: id,
    planId: active.id,
    author: 'person',
    body: 'Kann der Kurs auch online sein?',
    at: daysAgo(at, 4),
  });
  if (spec.phase === 'v2' || spec.phase === 'closed') {
    await p.insertReview(tx, {
      caseId: id,
      planId: active.id,
      dueOn: active.review_on,
      heldOn: addDays(today, -20),
      summary: 'Kurs läuft, Betreuung ist geklärt.',
      measureStatus: { m1: 'on_track', m2: 'done' },
      nextReviewOn: spec.phase === 'v2' ? addDays(today, 25) : null,
      by: counsellor,
      at: daysAgo(at, 20),
    });
  }
  if (spec.phase === 'closed') {
    const closed = daysAgo(at, Math.max(1, spec.age - 150));
    await q.markClosed(tx, id, closed, 'goals_achieved');
    await q.insertClosure(tx, {
      month: `${todayInBerlin(closed).slice(0, 7)}-01`,
      caseType: spec.type,
      reason: 'goals_achieved',
      durationDays: 150,
      measures: 2,
      planVersions: 1,
      reviews: 1,
      reviewsOnTime: 1,
      goalCodes: ['achieved', 'partly'],
      measureCodes: ['achieved', 'achieved'],
    });
    await q.insertTrace(tx, `${todayInBerlin(closed).slice(0, 7)}-01`, spec.type, 'closed');
  }
  return id;
}

/** Reads of the file by its counsellor, so the person's access list has something to show. */
async function seedReads(tx: Tx, caseId: number, userId: number) {
  const office = await q.officeOfUser(tx, userId);
  for (const part of ['overview', 'plan', 'print']) {
    await tx`
      insert into audit_log (actor_user_id, action, target_type, target_id, detail)
      values (${userId}, 'case.read', 'case', ${String(caseId)}, ${tx.json({ part, role: 'responsible', office })})`;
  }
}

/**
 * Two of beratung@'s appointments in the recent past, not yet followed up: one still
 * "booked" (mark it held, then choose short counselling or a case), one already held.
 */
export const DEMO_PAST_APPOINTMENTS = ['Emre Beispiel', 'Selin Beispiel'] as const;

async function seedPastAppointments(tx: Tx, counsellorUserId: number) {
  const [c] = await tx<{ id: number }[]>`select id from counsellors where user_id = ${counsellorUserId}`;
  const [topic] = await tx<{ id: number }[]>`
    select id from counselling_topics order by slug = 'deutsch-integration' desc, id limit 1`;
  if (!c || !topic) return;
  for (const [n, name] of DEMO_PAST_APPOINTMENTS.entries()) {
    // 10:00 Berlin time on the day n + 1 days before Berlin's today: "yesterday" on the
    // agenda at any hour (an offset from now fell on the day before between 0 and 3 a.m.).
    const day = addDays(todayInBerlin(), -(n + 1));
    const starts = new Date(localToInstant(day, 10 * 60) ?? now().getTime() - (n + 1) * 86_400_000);
    const ends = new Date(starts.getTime() + 45 * 60_000);
    await tx`
      insert into appointments (counsellor_id, topic_id, channel, period, blocked, status, language, locale, name, email,
        manage_token_hash)
      values (${c.id}, ${topic.id}, 'phone', tstzrange(${starts}, ${ends}), tstzrange(${starts}, ${new Date(ends.getTime() + 15 * 60_000)}),
        ${n === 0 ? 'booked' : 'held'}, 'ar', 'ar', ${name}, ${`${name.split(' ')[0]!.toLowerCase()}.demo@example.org`},
        ${hashToken(generateToken())})`;
  }
}

export async function seedDemoCases(tx: Tx, ids: { counsellor: number; counsellor3: number }) {
  const [profiles] = await tx<{ n: number }[]>`
    select count(*)::int as n from counsellors where user_id in (${ids.counsellor}, ${ids.counsellor3})`;
  if (profiles!.n < 2) return { cases: 0 };
  await seedPastAppointments(tx, ids.counsellor);
  let i = 0;
  for (const spec of FOR_COUNSELLOR) {
    const id = await seedCase(tx, spec, ids.counsellor, null, i++);
    if (spec.link) await seedReads(tx, id, ids.counsellor);
  }
  for (const spec of FOR_COUNSELLOR3) {
    const id = await seedCase(tx, spec, ids.counsellor3, ids.counsellor, i++);
    if (spec.link) await seedReads(tx, id, ids.counsellor3);
  }
  return { cases: i };
}
