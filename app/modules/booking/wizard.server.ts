import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/booking.server';
import { isValidDate } from '../../utils/zoned';
import {
  localizedTopic,
  type PublicSlot,
  type SlotWeek,
  type TopicChoice,
  weekOfSlots,
} from './public.server';
import { CHANNELS, type Channel } from './slots';
import type { WizardParams, WizardStep } from './wizard';

/**
 * The citizen's way to a slot, one question per step, all state in the URL (a GET form
 * per step, so it works without JavaScript and every step can be bookmarked or shared):
 * topic → channel → office (in person only) → language → free slots, a week at a time.
 */
export interface Wizard {
  step: WizardStep;
  topics: TopicChoice[];
  errors: string[];
  params: WizardParams;
  topic?: TopicChoice;
  offices?: q.BookableOffice[];
  languages?: string[];
  /** Pre-selected on the language step: the reader's language if spoken, else German. */
  suggestedLanguage?: string;
  channel?: Channel;
  office?: q.BookableOffice;
  language?: string;
  week?: SlotWeek & { firstFree: PublicSlot | null };
}

export async function loadWizard(params: WizardParams, lng: string): Promise<Wizard> {
  const sql = getSql();
  const topics = (await q.listTopics(sql, { activeOnly: true })).map((t) => ({
    row: t,
    ...localizedTopic(t, lng),
  }));
  const errors: string[] = [];
  const chosen = topics.find((t) => t.slug === params.thema);
  if (params.thema && !chosen) errors.push('thema');
  const base = { topics: topics.map(({ row: _row, ...t }) => t), errors, params };
  if (!chosen) return { ...base, step: 'topic' as WizardStep };
  const { row: topicRow, ...topic } = chosen;

  const channel = CHANNELS.find((c) => c === params.kanal && topicRow.channels.includes(c)) as
    | Channel
    | undefined;
  if (params.kanal && !channel) errors.push('kanal');
  const [offices, languages] = await Promise.all([
    q.officesForTopic(sql, topicRow.id),
    q.languagesForTopic(sql, topicRow.id),
  ]);
  const withTopic = { ...base, topic, offices, languages };
  if (!channel) return { ...withTopic, step: 'channel' as WizardStep };

  const office = channel === 'in_person' ? offices.find((o) => o.slug === params.stelle) : undefined;
  if (channel === 'in_person' && params.stelle && !office) errors.push('stelle');
  if (channel === 'in_person' && !office) return { ...withTopic, channel, step: 'office' as WizardStep };

  const language = params.sprache && /^[a-z]{2,3}$/.test(params.sprache) ? params.sprache : undefined;
  if (params.sprache && !language) errors.push('sprache');
  if (!language) {
    // Leichte Sprache is German.
    const reader = lng === 'ls' ? 'de' : lng;
    const suggestedLanguage = languages.includes(reader) ? reader : 'de';
    return { ...withTopic, channel, office, suggestedLanguage, step: 'language' as WizardStep };
  }

  if (params.ab && !isValidDate(params.ab)) errors.push('ab');
  const { firstFree, ...week } = await weekOfSlots(
    { topic: topicRow, channel, officeSlug: office?.slug, language },
    params.ab,
  );
  return {
    ...withTopic,
    channel,
    office,
    language,
    step: 'slots' as WizardStep,
    // The first free slot overall, whichever week is shown.
    week: { ...week, firstFree: await firstFree() },
  };
}
