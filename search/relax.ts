import type { Category } from '../app/modules/catalogue/schemas';
import type { EngineQuery, Relaxation } from './types';
import { categoriesOf, type Understanding, type UnderstoodFilters, type WordGroup } from './understand';
import { concepts } from './vocabulary/index';

/**
 * What both engines do with an understood query: merge its filters into the query's, and
 * — when all words together find nothing — widen it step by step, the same way.
 */

/** The query with the understood filters added to the facets' (a facet's values are OR-ed). */
export function applyUnderstanding(
  query: EngineQuery,
  u: Pick<Understanding, 'groups' | 'filters'>,
): EngineQuery {
  const merge = <T extends string>(a: readonly T[], b: readonly string[]) =>
    [...new Set([...a, ...b])] as T[];
  const f: UnderstoodFilters = u.filters;
  return {
    ...query,
    words: u.groups,
    time: merge(query.time, f.time),
    format: merge(query.format, f.format),
    level: merge(query.level, f.level),
    funding: merge(query.funding, f.funding),
    district: merge(query.district, f.district),
    free: query.free || f.free,
    accessible: query.accessible || f.accessible,
  };
}

export interface RelaxStep {
  /** The groups that must match (all, or any of them). */
  groups: WordGroup[];
  any: boolean;
  /** Groups left out. */
  dropped: WordGroup[];
  /** Instead of words: offers of these categories (the topics' usual ones). */
  categories: Category[];
}

/**
 * The ladder after all words together found nothing, given how many offers each group
 * matches on its own: leave out words no offer has; then the least informative word;
 * then any of the words; then, for topics, their usual categories without words. "Least
 * informative": a word the vocabulary doesn't know, then one that says for whom or how
 * ("für Frauen", "für Anfänger"), then the commoner of two topics. Never a
 * step without any condition: that would list the whole catalogue as if nothing was typed.
 */
export function relaxationSteps(
  groups: WordGroup[],
  counts: number[],
  /** Categories chosen in the facets: the last step stays within them. */
  chosen: readonly string[] = [],
): RelaxStep[] {
  const steps: RelaxStep[] = [];
  const known = groups.filter((_, i) => counts[i]! > 0);
  const zero = groups.filter((_, i) => counts[i]! === 0);
  if (zero.length > 0 && known.length > 0)
    steps.push({ groups: known, any: false, dropped: zero, categories: [] });
  if (known.length >= 2) {
    const count = (g: WordGroup) => counts[groups.indexOf(g)]!;
    const weight = (g: WordGroup) => (g.concept === null ? 0 : g.modifier ? 1 : 2);
    const least = [...known].sort((a, b) => weight(a) - weight(b) || count(b) - count(a))[0]!;
    steps.push({
      groups: known.filter((g) => g !== least),
      any: false,
      dropped: [...zero, least],
      categories: [],
    });
    steps.push({ groups: known, any: true, dropped: zero, categories: [] });
  }
  const categories = categoriesOf(groups).filter((c) => chosen.length === 0 || chosen.includes(c));
  if (categories.length > 0) steps.push({ groups: [], any: false, dropped: groups, categories });
  return steps;
}

export function describeRelaxation(step: RelaxStep): Relaxation {
  return { dropped: step.dropped.map((g) => g.typed), any: step.any, categories: step.categories };
}

/** The German names of topics in the query that no offer has (the vocabulary knows them, the catalogue doesn't). */
export function missingTopics(groups: WordGroup[], counts: number[]): string[] {
  const names: string[] = [];
  groups.forEach((g, i) => {
    if (counts[i]! > 0 || !g.concept) return;
    const c = concepts.find((x) => x.id === g.concept);
    if (c?.means.kind === 'topic' && c.means.shown[0] && !names.includes(c.means.shown[0]))
      names.push(c.means.shown[0]);
  });
  return names;
}
