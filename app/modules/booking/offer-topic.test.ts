import { describe, expect, it } from 'vitest';
import { counsellingTopics } from '../../../db/seed/content';
import { CATEGORIES } from '../catalogue/schemas';
import { topicForCategory } from './offer-topic';

describe('the topic for "Beratung zu diesem Angebot"', () => {
  it('names a topic of the standard set for every category of the catalogue', () => {
    const slugs = counsellingTopics.map((t) => t.slug);
    for (const category of CATEGORIES) expect(slugs, category).toContain(topicForCategory(category));
    expect(topicForCategory('deutsch_integration')).toBe('deutsch-integration');
    expect(topicForCategory('gibt-es-nicht')).toBeUndefined();
  });
});
