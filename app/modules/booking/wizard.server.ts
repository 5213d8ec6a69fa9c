import { getSql } from '../../../db/client.server';
import * as q from '../../../db/queries/booking.server';
import { isValidDate } from '../../utils/zoned';
import {
  availabilityOf,
  type FirstFree,
  localizedTopic,
  offerForBooking,
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
 * Each step offers only the answers that lead to free time in the booking window, with
 * the first free slot of each, so nobody walks through empty weeks.
 */
export interface Wizard {
  step: WizardStep;
  topics: TopicChoice[];
  errors: string[];
  params: WizardParams;
  topic?: TopicChoice;
  /** The offer the person asks about, when the link named a published one. */
  offer?: { id: number; title: string };
  /** The channels with free time, and those without (said, not offered). */
  channels?: { channel: Channel; first: FirstFree }[];
  channelsWithout?: Channel[];
  offices?: (q.BookableOffice & { first: FirstFree })[];
  languages?: { language: string; first: FirstFree }[];
  /** Pre-selected on the language step: the reader's language if someone with free time speaks it, else German. */
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
  // An offer that isn't (or no longer is) published is left out, not an error: the booking works without it.
  const offer = params.angebot ? await offerForBooking(params.angebot) : null;
  const kept = { ...params, angebot: offer ? String(offer.id) : undefined };
  const wanted = params.thema ?? offer?.topic;
  const chosen = topics.find((t) => t.slug === wanted);
  if (params.thema && !chosen) errors.push('thema');
  const base = {
    topics: topics.map(({ row: _row, ...t }) => t),
    errors,
    params: { ...kept, thema: chosen?.slug ?? params.thema },
    offer: offer ? { id: offer.id, title: offer.title } : undefined,
  };
  if (!chosen) return { ...base, step: 'topic' as WizardStep };
  const { row: topicRow, ...topic } = chosen;

  const [offices, spoken, free] = await Promise.all([
    q.officesForTopic(sql, topicRow.id),
    q.languagesForTopic(sql, topicRow.id),
    availabilityOf(topicRow),
  ]);
  const channels = topicRow.channels.flatMap((c) => {
    const first = free.channels[c];
    return first ? [{ channel: c, first }] : [];
  });
  const withTopic = {
    ...base,
    topic,
    channels,
    channelsWithout: topicRow.channels.filter((c) => !free.channels[c]),
  };

  const channel = CHANNELS.find((c) => c === params.kanal && topicRow.channels.includes(c)) as
    | Channel
    | undefined;
  if (params.kanal && !channel) errors.push('kanal');
  if (!channel) return { ...withTopic, step: 'channel' as WizardStep };

  const openOffices = offices.flatMap((o) => {
    const first = free.offices.get(o.id);
    return first ? [{ ...o, first }] : [];
  });
  const office = channel === 'in_person' ? offices.find((o) => o.slug === params.stelle) : undefined;
  if (channel === 'in_person' && params.stelle && !office) errors.push('stelle');
  if (channel === 'in_person' && !office)
    return { ...withTopic, channel, offices: openOffices, step: 'office' as WizardStep };

  const byLanguage = free.languages(channel, office?.id);
  const languages = spoken.flatMap((l) => {
    const first = byLanguage.get(l);
    return first ? [{ language: l, first }] : [];
  });
  const language = params.sprache && /^[a-z]{2,3}$/.test(params.sprache) ? params.sprache : undefined;
  if (params.sprache && !language) errors.push('sprache');
  if (!language) {
    // Leichte Sprache is German. Nobody is offered a language no one with free time speaks.
    const reader = lng === 'ls' ? 'de' : lng;
    const offered = (l: string) => languages.some((x) => x.language === l);
    const suggestedLanguage = offered(reader) ? reader : offered('de') ? 'de' : undefined;
    return {
      ...withTopic,
      channel,
      office,
      languages,
      suggestedLanguage,
      step: 'language' as WizardStep,
    };
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
