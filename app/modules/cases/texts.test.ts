import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flatten } from '../../../locales/check';
import type { CasePart } from './access.server';
import { CASE_TYPE_IDS, CASE_TYPES } from './case-types';
import {
  AGE_BANDS,
  ATTAINMENT,
  BARRIERS,
  CLOSE_REASONS,
  CONSENTS,
  consentTextKey,
  DURATION_BANDS,
  GIVEN_HOW,
  MEASURE_STATUS,
  ORIGINS,
  PHASES,
  TALLY_CHANNELS,
  TALLY_OUTCOMES,
} from './codes';
import type { CaseErrorReason } from './errors';
import { URGENCY_ORDER } from './monitoring';

/**
 * The keys the case pages build from codes (`t(\`barrier.${b}\`)` and the like) are not
 * seen by the locale test's scan of literal keys: every code must have its German text
 * (the locale test then demands it in every language).
 */
const de = flatten(
  JSON.parse(
    readFileSync(
      path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../locales/de/cases.json'),
      'utf8',
    ),
  ),
);

const PARTS: CasePart[] = [
  'overview',
  'assessment',
  'plan',
  'plan_version',
  'review',
  'close',
  'handover',
  'print',
  'export',
];
const REASONS: CaseErrorReason[] = [
  'not_held',
  'already_recorded',
  'restricted',
  'closed',
  'plan_frozen',
  'draft_exists',
  'no_draft',
  'assessment_missing',
  'review_missing',
  'measures_missing',
  'agreement_missing',
  'not_latest',
  'no_active_plan',
  'health_consent_missing',
  'no_shared_assessment',
  'run_unavailable',
  'not_responsible',
  'not_a_colleague',
  'already_given',
  'not_closed',
];

describe('case texts', () => {
  it('every code has its German text', () => {
    const keys = [
      ...CASE_TYPE_IDS.flatMap((t) => [`types.${t}`, `typeHints.${t}`]),
      ...Object.values(CASE_TYPES).flatMap((steps) => steps.map((s) => `steps.${s.key}`)),
      ...PHASES.map((p) => `phase.${p}`),
      ...URGENCY_ORDER.map((u) => `urgency.${u}`),
      ...PARTS.map((p) => `part.${p}`),
      ...ORIGINS.map((o) => `origin.${o}`),
      ...TALLY_CHANNELS.map((c) => `channel.${c}`),
      ...DURATION_BANDS.map((d) => `duration.${d}`),
      ...TALLY_OUTCOMES.map((o) => `outcome.${o}`),
      ...AGE_BANDS.map((a) => `ageBand.${a}`),
      ...BARRIERS.map((b) => `barrier.${b}`),
      ...GIVEN_HOW.map((h) => `how.${h}`),
      ...MEASURE_STATUS.map((m) => `measureStatus.${m}`),
      ...ATTAINMENT.map((a) => `attainment.${a}`),
      ...[...CLOSE_REASONS, 'consent_withdrawn', 'inactive', 'account_deleted'].map(
        (r) => `closeReason.${r}`,
      ),
      ...REASONS.map((r) => `errors.${r}`),
      ...Object.values(CONSENTS).flatMap((c) => [
        `consent.purpose.${c.purpose}`,
        `${consentTextKey(c.version)}.title`,
        `${consentTextKey(c.version)}.body.0`,
        ...c.categories.map((x) => `consent.category.${x}`),
      ]),
      ...['draft', 'proposed', 'agreed', 'active', 'superseded', 'withdrawn'].map((s) => `plan.status.${s}`),
      ...['caseLink', 'caseHandedOver', 'reviewsOverdue'].flatMap((m) => [
        `mail.${m}.subject`,
        `mail.${m}.intro`,
      ]),
    ];
    expect(keys.filter((k) => !(k in de))).toEqual([]);
  });
});
