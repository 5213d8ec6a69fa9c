import { useLocation } from '@remix-run/react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';
import { RichText } from '~/components/rich-text';
import type { SearchResult } from '../../../../search/types';
import type { UnderstoodItem } from '../../../../search/understand';

/**
 * What the search made of the words typed (search/understand.ts): the filters understood,
 * as chips that remove them; the German words searched when the query was in another
 * language; how a query that found nothing with all its words was widened; topics the
 * catalogue has nothing for. Plain links and text: all of it works without JavaScript.
 */

/** Ids of the notes shown, for the result heading's description (read when it takes focus). */
export function understandingIds(result: SearchResult): string | undefined {
  const ids = [
    result.understood.length > 0 ? 'understood-label' : null,
    result.searched.translated && result.searched.words.length > 0 ? 'searched-words' : null,
    result.relaxed ? 'relaxed-note' : null,
    result.missing.length > 0 ? 'missing-note' : null,
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

const LEVEL_CONCEPTS: Record<string, string> = {
  'level.beginner': 'understood.levelBeginner',
  'level.intermediate': 'understood.levelIntermediate',
  'level.advanced': 'understood.levelAdvanced',
};

/** The chip's text in the reader's language; a place stays as the catalogue names it (German). */
export function chipLabel(item: UnderstoodItem, t: TFunction<'catalogue'>): string {
  switch (item.kind) {
    case 'time':
      return item.values.map((v) => t(`times.${v}`)).join(', ');
    case 'format':
      return item.values.map((v) => t(`formats.${v}`)).join(', ');
    case 'funding':
      return item.values.map((v) => t(`funding.${v}`)).join(', ');
    case 'price':
      return t('understood.free');
    case 'accessible':
      return t('understood.accessible');
    case 'level': {
      const range =
        item.values.length > 1
          ? `${item.values[0]}–${item.values[item.values.length - 1]}`
          : (item.values[0] ?? '');
      const key = item.concept ? LEVEL_CONCEPTS[item.concept] : undefined;
      return key ? t(key, { range }) : t('understood.level', { range });
    }
    case 'place':
      return item.values[0] ?? item.words;
  }
}

export function UnderstoodChips({ items }: { items: UnderstoodItem[] }) {
  const { t } = useTranslation('catalogue');
  const location = useLocation();
  if (items.length === 0) return null;
  // Removing a chip searches again without the words that said it.
  const without = (item: UnderstoodItem) => {
    const params = new URLSearchParams(location.search);
    if (item.query) params.set('q', item.query);
    else params.delete('q');
    params.delete('page');
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <div className="ww-understood">
      <p className="kern-body" id="understood-label">
        {t('understood.heading')}{' '}
        <span className="kern-sr-only">{items.map((item) => chipLabel(item, t)).join(', ')}</span>
      </p>
      <ul className="ww-chips" aria-labelledby="understood-label">
        {items.map((item) => {
          const label = chipLabel(item, t);
          return (
            <li key={`${item.kind}-${item.words}`}>
              <LocalizedLink className="kern-link ww-chip" to={without(item)}>
                <span className="kern-sr-only">{t('understood.remove')} </span>
                <span lang={item.kind === 'place' ? 'de' : undefined}>{label}</span>
                <span aria-hidden="true"> ×</span>
              </LocalizedLink>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** "Kurstitel sind auf Deutsch. Gesucht wurde: …", when words of another language were looked up in German. */
export function SearchedWords({ searched }: { searched: SearchResult['searched'] }) {
  if (!searched.translated || searched.words.length === 0) return null;
  return (
    <p className="kern-body" id="searched-words">
      <RichText ns="catalogue" k="understood.searched" values={{ words: searched.words.join(', ') }} />
    </p>
  );
}

/** How a query that found nothing with all its words was widened. */
export function RelaxedNote({ relaxed }: { relaxed: SearchResult['relaxed'] }) {
  const { t } = useTranslation('catalogue');
  if (!relaxed) return null;
  let text: string;
  if (relaxed.categories.length > 0)
    text = t('understood.relaxedCategories', {
      categories: relaxed.categories.map((c) => t(`categories.${c}`)).join(', '),
    });
  else if (relaxed.any) text = t('understood.relaxedAny');
  else text = t('understood.relaxedDropped', { words: relaxed.dropped.join(', ') });
  return (
    <p className="kern-body" id="relaxed-note">
      {text}
    </p>
  );
}

/** Topics the vocabulary knows but no offer has: say so, and where help is. */
export function MissingTopics({ missing }: { missing: string[] }) {
  const { t } = useTranslation('catalogue');
  if (missing.length === 0) return null;
  return (
    <p className="kern-body" id="missing-note">
      <RichText ns="catalogue" k="understood.missing" values={{ topics: missing.join(', ') }} />{' '}
      <LocalizedLink className="kern-link" to="/beratung">
        {t('search.emptyCounsellingLink')}
      </LocalizedLink>
    </p>
  );
}
