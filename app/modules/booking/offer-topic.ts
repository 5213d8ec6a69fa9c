/**
 * "Beratung zu diesem Angebot": which counselling topic fits an offer's category, so the
 * booking opens with it chosen. Topics are the admins' (slugs of the standard set); when
 * the one named here doesn't exist or isn't bookable, the person chooses as usual.
 */
const TOPIC_FOR_CATEGORY: Record<string, string> = {
  deutsch_integration: 'deutsch-integration',
  grundbildung_schulabschluesse: 'grundbildung',
  beratung: 'berufsorientierung',
  berufliche_weiterbildung: 'weiterbildung-umschulung',
  arbeit_beruf_digitales: 'weiterbildung-umschulung',
  sprachen: 'weiterbildung-umschulung',
  gesundheit: 'weiterbildung-umschulung',
  kultur_gestalten: 'weiterbildung-umschulung',
  politik_gesellschaft_umwelt: 'weiterbildung-umschulung',
};

export function topicForCategory(category: string): string | undefined {
  return TOPIC_FOR_CATEGORY[category];
}
