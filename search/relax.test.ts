import { describe, expect, it } from 'vitest';
import { describeRelaxation, missingTopics, relaxationSteps } from './relax';
import { understand } from './understand';

const groups = (q: string) => understand(q).groups;

describe('relaxationSteps', () => {
  it('leaves out words no offer has first, then the least informative, then any word, then the topics’ categories', () => {
    // "Yoga" 20 offers, "Töpfe" none, "Abendessen" 300 (an unknown word, commoner).
    const g = groups('Yoga Töpfe Abendessen');
    const steps = relaxationSteps(g, [20, 0, 300]).map(describeRelaxation);
    expect(steps).toEqual([
      { dropped: ['Töpfe'], any: false, categories: [] },
      { dropped: ['Töpfe', 'Abendessen'], any: false, categories: [] },
      { dropped: ['Töpfe'], any: true, categories: [] },
      { dropped: ['Yoga', 'Töpfe', 'Abendessen'], any: false, categories: ['gesundheit'] },
    ]);
  });

  it('drops a word the vocabulary doesn’t know before a topic, and the commoner of two topics', () => {
    expect(
      relaxationSteps(groups('Integrationskurs Frauen'), [140, 30])[0]!.dropped.map((d) => d.typed),
    ).toEqual(['Frauen']);
    expect(relaxationSteps(groups('Integrationskurs Frauen'), [140, 30])[0]!.dropped).toHaveLength(1);
    expect(relaxationSteps(groups('Yoga Mietrecht'), [20, 6])[0]!.dropped.map((d) => d.typed)).toEqual([
      'Yoga',
    ]);
    expect(relaxationSteps(groups('Kochen Tischdecken'), [19, 80])[0]!.dropped.map((d) => d.typed)).toEqual([
      'Tischdecken',
    ]);
  });

  it('never ends without a condition: nothing known and no topic means no step (not the whole catalogue)', () => {
    expect(relaxationSteps(groups('Töpfe'), [0])).toEqual([]);
    expect(relaxationSteps(groups('كلمة غريبة'), [0, 0])).toEqual([]);
  });

  it('offers the category of a topic the catalogue lacks', () => {
    const g = groups('Schwimmkurs');
    expect(relaxationSteps(g, [0]).map(describeRelaxation)).toEqual([
      { dropped: ['Schwimmkurs'], any: false, categories: ['gesundheit'] },
    ]);
    expect(missingTopics(g, [0])).toEqual(['Schwimmen']);
    // Within the categories chosen in the facets only.
    expect(relaxationSteps(g, [0], ['berufliche_weiterbildung'])).toEqual([]);
    expect(relaxationSteps(groups('Tanzen'), [0], ['kultur_gestalten'])[0]?.categories).toEqual([
      'kultur_gestalten',
    ]);
    expect(missingTopics(g, [3])).toEqual([]);
    // Words the vocabulary doesn't know are not "topics the catalogue lacks".
    expect(missingTopics(groups('Töpfe'), [0])).toEqual([]);
  });
});
