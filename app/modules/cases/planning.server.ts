import { CATEGORIES, type Category, searchQuerySchema } from '../catalogue/schemas';
import { searchCatalogue } from '../catalogue/search.server';
import type { CaseActor } from './access.server';
import { planDiff } from './diff';
import type { CaseFile } from './file.server';

/**
 * What the plan page needs beyond the file: the version in force and the one being
 * worked on with what changed, the catalogue search for a measure (ranked by fit — the
 * search's relevance — never by provider), and the measure being edited.
 */
export async function planPage(actor: CaseActor, file: CaseFile, params: URLSearchParams) {
  const active = file.plans.find((p) => p.version === file.activeVersion) ?? null;
  const pending = file.plans.find((p) => p.version === file.pendingVersion) ?? null;
  const q = (params.get('such') ?? '').slice(0, 200);
  const category = params.get('kategorie');
  const searching = q !== '' || (category !== null && category !== '');
  let hits: {
    runId: number;
    offerId: number;
    title: string;
    provider: string;
    startsOn: string | null;
    format: string;
    place: string | null;
  }[] = [];
  if (searching && pending && !pending.proposedAt) {
    const query = searchQuerySchema.parse({
      q,
      category: (CATEGORIES as readonly string[]).includes(category ?? '')
        ? (category as Category)
        : undefined,
      sort: 'relevance',
      perPage: '10',
    });
    const result = await searchCatalogue(query, { log: false });
    hits = result.hits.map((h) => ({
      runId: h.run.id,
      offerId: h.id,
      title: h.title,
      provider: h.provider.name,
      startsOn: h.run.startsOn,
      format: h.run.format,
      place: h.run.venue
        ? [h.run.venue.name, h.run.venue.district ?? h.run.venue.city].filter(Boolean).join(', ')
        : null,
    }));
  }
  const editing = params.get('massnahme');
  return {
    active,
    pending,
    changes: active && pending ? planDiff(active, pending) : null,
    search: { q, category: category ?? '', searching, hits },
    editing: pending?.measures.find((m) => m.key === editing) ?? null,
    languages: [...new Set(['de', file.textLanguage, ...(pending ? [pending.textLanguage] : [])])],
    role: actor.role,
  };
}
