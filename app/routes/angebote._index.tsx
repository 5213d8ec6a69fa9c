import type { LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useLoaderData, useLocation } from '@remix-run/react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalizedLink } from '~/components/localized-link';
import { RichText } from '~/components/rich-text';
import { i18nServer, pageTitle } from '~/i18next.server';
import { HitCard } from '~/modules/catalogue/components/hit-card';
import {
  MissingTopics,
  RelaxedNote,
  SearchedWords,
  UnderstoodChips,
  understandingIds,
} from '~/modules/catalogue/components/understood';
import { queryFieldErrors } from '~/modules/catalogue/query-errors';
import { parseSearchParams, searchCatalogue } from '~/modules/catalogue/search.server';
import {
  CATEGORIES,
  type Facet,
  FORMATS,
  FUNDING,
  LEVELS,
  SORTS,
  TIMES,
} from '~/modules/catalogue/vocabularies';
import { countSearchAppearances } from '~/modules/planning/counters.server';
import { AppError } from '~/utils/errors';
import { formatNumber, languageName } from '~/utils/format';
import { titleMeta } from '~/utils/meta';
import type { FacetValue, SearchResult } from '../../search/types';

export const meta = titleMeta;
export const handle = { i18n: ['catalogue'] };

const RADII = [2, 5, 10, 25, 50];
/** The filters inside the filter panel, counted for its "Filter (n active)" control. */
const PANEL_FIELDS = ['category', 'format', 'time', 'funding', 'level', 'language', 'district', 'accessible'];
const PANEL_SINGLE_FIELDS = ['free', 'maxPrice', 'from', 'to', 'past'];

const pageCount = (result: Pick<SearchResult, 'total' | 'perPage'>) =>
  Math.max(1, Math.ceil(result.total / result.perPage));
/** Query fields with no element of their own on the page: their errors point to the search box. */
const UNLINKED_FIELDS = new Set(['page', 'perPage', 'exact']);

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const title = await pageTitle(request, 'catalogue:search.title');
  // The raw values go back into the form, so nothing typed is lost on an error.
  const values = Object.fromEntries(
    [...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k)]),
  );
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.success) {
    return data({ title, values, errors: queryFieldErrors(parsed.error), result: null }, { status: 400 });
  }
  try {
    // The reader's language: offers taught in it rank higher when the catalogue has any.
    const result = await searchCatalogue(parsed.data, { language: await i18nServer.getLocale(request) });
    countSearchAppearances(request, result);
    // A page past the last (an old link, a changed catalogue) is not an empty page of
    // results: 404, and the page says where the results are (as the API does).
    const status = result.total > 0 && result.page > pageCount(result) ? 404 : 200;
    return data({ title, values, errors: {} as Record<string, string>, result }, { status });
  } catch (error) {
    if (error instanceof AppError && error.code === 'location_not_found') {
      const errors: Record<string, string> = { near: 'errors.location_not_found' };
      return data({ title, values, errors, result: null }, { status: 400 });
    }
    throw error;
  }
}

type Values = Record<string, string[]>;
const first = (values: Values, key: string) => values[key]?.[0] ?? '';
const has = (values: Values, key: string, value: string) =>
  (values[key] ?? []).flatMap((v) => v.split(',')).includes(value);

function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  const { t } = useTranslation('catalogue');
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div
      className="kern-alert kern-alert--danger"
      role="alert"
      aria-labelledby="error-summary-title"
      id="error-summary"
      tabIndex={-1}
    >
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 className="kern-title" id="error-summary-title">
          {t('errors.summaryTitle')}
        </h2>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {entries.map(([field, key]) => (
            <li key={field}>
              <a className="kern-link" href={`#f-${UNLINKED_FIELDS.has(field) ? 'q' : field}`}>
                {t(key)}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function FacetGroup({
  name,
  legend,
  options,
  values,
  counts,
}: {
  name: Facet;
  legend: ReactNode;
  options: { value: string; label: string }[];
  values: Values;
  /** null when there is no result (a 400): every option is shown, without counts. */
  counts: FacetValue[] | null;
}) {
  const { t, i18n } = useTranslation('catalogue');
  const countOf = (v: string) => counts?.find((c) => c.value === v)?.count ?? 0;
  // Values with no hit are left out unless selected (then the person can unselect them).
  const shown = counts ? options.filter((o) => countOf(o.value) > 0 || has(values, name, o.value)) : options;
  if (shown.length === 0) return null;
  return (
    <fieldset className="kern-fieldset ww-facet" id={`f-${name}`} tabIndex={-1}>
      <legend className="kern-label">{legend}</legend>
      <div className="kern-fieldset__body">
        {shown.map((o) => {
          const id = `f-${name}-${o.value.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
          return (
            <div className="kern-form-check" key={o.value}>
              <input
                className="kern-form-check__input"
                type="checkbox"
                id={id}
                name={name}
                value={o.value}
                defaultChecked={has(values, name, o.value)}
              />
              <label className="kern-label" htmlFor={id}>
                {o.label}
                {counts ? (
                  <>
                    {' '}
                    {/* The number is read once, with its word, by screen readers. */}
                    <span className="ww-count" aria-hidden="true">
                      ({formatNumber(countOf(o.value), i18n.language)})
                    </span>
                    <span className="kern-sr-only">, {t('filters.count', { count: countOf(o.value) })}</span>
                  </>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The search's URL with another page number. */
function usePageLink() {
  const location = useLocation();
  return (page: number) => {
    const params = new URLSearchParams(location.search);
    params.set('page', String(page));
    return `${location.pathname}?${params.toString()}`;
  };
}

function Pagination({ result }: { result: SearchResult }) {
  const { t } = useTranslation('catalogue');
  const link = usePageLink();
  const pages = pageCount(result);
  if (pages <= 1 || result.page > pages) return null;
  return (
    <nav aria-label={t('search.pagination')} className="ww-pagination">
      <ul>
        {result.page > 1 ? (
          <li>
            <LocalizedLink className="kern-link" to={link(result.page - 1)} rel="prev">
              {t('search.previous')}
            </LocalizedLink>
          </li>
        ) : null}
        <li aria-current="page">{t('search.pageOf', { page: result.page, pages })}</li>
        {result.page < pages ? (
          <li>
            <LocalizedLink className="kern-link" to={link(result.page + 1)} rel="next">
              {t('search.next')}
            </LocalizedLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export default function SearchPage() {
  const loaded = useLoaderData<typeof loader>();
  const location = useLocation();
  const firstRender = useRef(true);
  // After a search or filter change without a page load, tell keyboard and screen-reader
  // users: move focus to the error summary, or else to the result count (the root's
  // route focus then leaves it there, see app/components/route-focus.tsx).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new search only (not on #links)
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById(Object.keys(loaded.errors).length ? 'error-summary' : 'results-heading')?.focus();
  }, [location.search]);
  const { values, result } = loaded;
  const errors: Record<string, string> = loaded.errors;
  const { t, i18n } = useTranslation('catalogue');
  const lng = i18n.language;
  const q = first(values, 'q');
  const facets = result?.facets;
  const activeFilters =
    PANEL_FIELDS.reduce(
      (n, f) => n + (values[f] ?? []).flatMap((v) => v.split(',')).filter(Boolean).length,
      0,
    ) + PANEL_SINGLE_FIELDS.filter((f) => first(values, f) !== '').length;
  const filters = useWideFilters();
  const fieldError = (field: string) =>
    errors[field] ? (
      <p className="kern-error" id={`f-${field}-error`}>
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span>{t(errors[field]!)}</span>
      </p>
    ) : null;
  const described = (field: string, hint?: string) =>
    [hint, errors[field] ? `f-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  // The values offered: the fixed vocabularies; languages and districts as the catalogue
  // has them (on a 400 without counts: the ones that were selected).
  const present = (facet: 'language' | 'district') =>
    facets?.[facet].map((f) => f.value) ?? values[facet] ?? [];
  const vocabulary = (list: readonly string[], label: (v: string) => string) =>
    list.map((value) => ({ value, label: label(value) }));
  const facetGroups: { name: Facet; options: { value: string; label: string }[] }[] = [
    { name: 'category', options: vocabulary(CATEGORIES, (v) => t(`categories.${v}`)) },
    { name: 'format', options: vocabulary(FORMATS, (v) => t(`formats.${v}`)) },
    { name: 'time', options: vocabulary(TIMES, (v) => t(`times.${v}`)) },
    { name: 'funding', options: vocabulary(FUNDING, (v) => t(`funding.${v}`)) },
    { name: 'level', options: vocabulary(LEVELS, (v) => v) },
    { name: 'language', options: vocabulary(present('language'), (v) => languageName(v, lng)) },
    {
      name: 'district',
      options: vocabulary(
        [...present('district')].sort((a, b) => a.localeCompare(b, 'de')),
        (v) => v,
      ),
    },
    { name: 'accessible', options: [{ value: 'true', label: t('filters.accessibleOption') }] },
  ];
  const resetTo = `/angebote${q ? `?q=${encodeURIComponent(q)}` : ''}`;

  return (
    <div className="kern-stack">
      <h1 className="kern-heading-large">{t('search.title')}</h1>
      <ErrorSummary errors={errors} />
      <Form method="get" action="/angebote" className="ww-search" id="search-form">
        <input type="hidden" name="lng" value={lng} />
        <div className="ww-search__main">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="f-q">
              {t('search.queryLabel')}
            </label>
            <div className="kern-hint" id="f-q-hint">
              <RichText ns="catalogue" k="search.queryHint" />
            </div>
            {fieldError('q')}
            <input
              className="kern-form-input__input"
              type="search"
              id="f-q"
              name="q"
              defaultValue={q}
              maxLength={200}
              aria-describedby={described('q', 'f-q-hint')}
              aria-invalid={errors.q ? true : undefined}
            />
          </div>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="f-near">
              {t('search.nearLabel')}
            </label>
            <div className="kern-hint" id="f-near-hint">
              {t('search.nearHint')}
            </div>
            {fieldError('near')}
            <input
              className="kern-form-input__input"
              type="text"
              id="f-near"
              name="near"
              defaultValue={first(values, 'near')}
              autoComplete="postal-code"
              maxLength={80}
              aria-describedby={described('near', 'f-near-hint')}
              aria-invalid={errors.near ? true : undefined}
            />
          </div>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor="f-radius">
              {t('search.radiusLabel')}
            </label>
            {fieldError('radius')}
            <div className="kern-form-input__select-wrapper">
              <select
                className="kern-form-input__select"
                id="f-radius"
                aria-invalid={errors.radius ? true : undefined}
                aria-describedby={described('radius')}
                name="radius"
                defaultValue={first(values, 'radius') || '10'}
              >
                {RADII.map((km) => (
                  <option key={km} value={km}>
                    {t('common:units.km', { value: formatNumber(km, lng) })}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t('search.submit')}</span>
          </button>
        </div>

        <div className="ww-search__body">
          {/* On a phone the 40-odd filters would push the results thousands of pixels down:
              there they sit behind one disclosure (closed on every load, so the results come
              right after it). On wide screens CSS shows them beside the results, and the
              effect above opens the disclosure for browsers without ::details-content. */}
          <details className="ww-filters" ref={filters}>
            <summary className="ww-filters__toggle">
              {activeFilters > 0
                ? t('search.filtersToggleActive', { count: activeFilters })
                : t('search.filtersToggle')}
            </summary>
            <section className="ww-filters__panel" aria-labelledby="filters-heading">
              <h2 id="filters-heading" className="kern-heading-small">
                {t('search.filtersHeading')}
              </h2>
              {/* On a phone the filters come first: one step to jump past them. */}
              {result ? (
                <p>
                  <a className="kern-link" href="#results-heading">
                    {t('search.skipToResults')}
                  </a>
                </p>
              ) : null}
              {facetGroups.map((group) => (
                <FacetGroup
                  key={group.name}
                  name={group.name}
                  legend={<RichText ns="catalogue" k={`filters.${group.name}`} />}
                  options={group.options}
                  values={values}
                  counts={facets?.[group.name] ?? null}
                />
              ))}
              <fieldset className="kern-fieldset ww-facet">
                <legend className="kern-label">{t('filters.price')}</legend>
                <div className="kern-fieldset__body">
                  <div className="kern-form-check">
                    <input
                      className="kern-form-check__input"
                      type="checkbox"
                      id="f-free"
                      name="free"
                      value="1"
                      defaultChecked={['1', 'true', 'on'].includes(first(values, 'free'))}
                    />
                    <label className="kern-label" htmlFor="f-free">
                      {t('filters.freeOption')}
                      {facets
                        ? ` (${formatNumber(facets.price.find((f) => f.value === 'free')?.count ?? 0, lng)})`
                        : ''}
                    </label>
                  </div>
                  <div className="kern-form-input">
                    <label className="kern-label" htmlFor="f-maxPrice">
                      {t('filters.maxPrice')}
                    </label>
                    {fieldError('maxPrice')}
                    <input
                      className="kern-form-input__input"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      id="f-maxPrice"
                      name="maxPrice"
                      defaultValue={first(values, 'maxPrice')}
                      aria-describedby={described('maxPrice')}
                      aria-invalid={errors.maxPrice ? true : undefined}
                    />
                  </div>
                </div>
              </fieldset>
              <fieldset className="kern-fieldset ww-facet">
                <legend className="kern-label">{t('filters.dates')}</legend>
                <div className="kern-fieldset__body">
                  {(['from', 'to'] as const).map((field) => (
                    <div className="kern-form-input" key={field}>
                      <label className="kern-label" htmlFor={`f-${field}`}>
                        {t(`filters.${field}`)}
                      </label>
                      {fieldError(field)}
                      <input
                        className="kern-form-input__input"
                        type="date"
                        id={`f-${field}`}
                        name={field}
                        defaultValue={first(values, field)}
                        aria-describedby={described(field)}
                        aria-invalid={errors[field] ? true : undefined}
                      />
                    </div>
                  ))}
                  <div className="kern-form-check">
                    <input
                      className="kern-form-check__input"
                      type="checkbox"
                      id="f-past"
                      name="past"
                      value="1"
                      defaultChecked={['1', 'true', 'on'].includes(first(values, 'past'))}
                    />
                    <label className="kern-label" htmlFor="f-past">
                      {t('filters.pastOption')}
                    </label>
                  </div>
                </div>
              </fieldset>
              <div className="kern-form-input">
                <label className="kern-label" htmlFor="f-sort">
                  {t('search.sortLabel')}
                </label>
                {fieldError('sort')}
                <div className="kern-form-input__select-wrapper">
                  <select
                    className="kern-form-input__select"
                    id="f-sort"
                    aria-invalid={errors.sort ? true : undefined}
                    aria-describedby={described('sort')}
                    name="sort"
                    defaultValue={first(values, 'sort') || 'relevance'}
                  >
                    {SORTS.map((s) => (
                      <option key={s} value={s}>
                        {t(`search.sort.${s}`)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t('search.applyFilters')}</span>
              </button>
              <p>
                <LocalizedLink className="kern-link" to={resetTo}>
                  {t('search.resetFilters')}
                </LocalizedLink>
              </p>
            </section>
          </details>

          <section className="ww-results" aria-labelledby={result ? 'results-heading' : undefined}>
            {result ? <Results result={result} q={q} radius={first(values, 'radius') || '10'} /> : null}
          </section>
        </div>
      </Form>
    </div>
  );
}

function Results({ result, q, radius }: { result: SearchResult; q: string; radius: string }) {
  const { t, i18n } = useTranslation('catalogue');
  const location = useLocation();
  const exactParams = new URLSearchParams(location.search);
  exactParams.set('exact', '1');
  exactParams.delete('page');
  const exactSearch = `${location.pathname}?${exactParams.toString()}`;
  const lng = i18n.language;
  return (
    <div className="kern-stack">
      <h2
        id="results-heading"
        className="kern-heading-medium"
        tabIndex={-1}
        aria-describedby={understandingIds(result)}
      >
        {t('search.results', { count: result.total, formattedCount: formatNumber(result.total, lng) })}
        {q ? ` ${t('search.resultsFor', { query: q })}` : ''}
        {result.location
          ? ` ${t('search.near', {
              distance: t('common:units.km', { value: formatNumber(Number(radius), lng) }),
              place: result.location.label,
            })}`
          : ''}
      </h2>
      <UnderstoodChips items={result.understood} />
      <SearchedWords searched={result.searched} />
      <RelaxedNote relaxed={result.relaxed} />
      <MissingTopics missing={result.missing} />
      {result.didYouMean ? (
        <p className="kern-body">
          {t('search.corrected', { corrected: result.didYouMean, original: q })}{' '}
          <LocalizedLink className="kern-link" to={exactSearch}>
            {t('search.showOriginal', { original: q })}
          </LocalizedLink>
        </p>
      ) : null}
      {result.total > 0 && result.page > pageCount(result) ? (
        <BeyondLastPage result={result} />
      ) : result.total === 0 ? (
        <div className="kern-stack-sm">
          <h3 className="kern-heading-small">{t('search.emptyHeading')}</h3>
          <p className="kern-body">{t('search.emptyIntro')}</p>
          <ul className="kern-list kern-list--bullet">
            <li>
              <RichText ns="catalogue" k="search.emptyTipSpelling" />
            </li>
            <li>{t('search.emptyTipFewer')}</li>
            <li>{t('search.emptyTipPast')}</li>
          </ul>
          <p className="kern-body">
            <RichText ns="catalogue" k="search.emptyCounselling" />{' '}
            <LocalizedLink className="kern-link" to="/beratung">
              {t('search.emptyCounsellingLink')}
            </LocalizedLink>
          </p>
        </div>
      ) : (
        <ol className="ww-hits">
          {result.hits.map((hit) => (
            <li key={hit.id}>
              <HitCard hit={hit} />
            </li>
          ))}
        </ol>
      )}
      <Pagination result={result} />
    </div>
  );
}

/** Page 5 of a 2-page result: say so, and link to where the results are. */
function BeyondLastPage({ result }: { result: SearchResult }) {
  const { t } = useTranslation('catalogue');
  const link = usePageLink();
  const pages = pageCount(result);
  return (
    <div className="kern-stack-sm">
      <h3 className="kern-heading-small">{t('search.beyondHeading', { page: result.page })}</h3>
      <p className="kern-body">{t('search.beyondText', { pages })}</p>
      <ul className="kern-list">
        <li>
          <LocalizedLink className="kern-link" to={link(1)}>
            {t('search.firstPage')}
          </LocalizedLink>
        </li>
        {pages > 1 ? (
          <li>
            <LocalizedLink className="kern-link" to={link(pages)}>
              {t('search.lastPage', { page: pages })}
            </LocalizedLink>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/**
 * The filter disclosure is open wherever the filters have room beside the results (the
 * breakpoint of `.ww-search__body`), closed on narrow screens.
 */
function useWideFilters() {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const wide = window.matchMedia('(min-width: 60rem)');
    const apply = () => {
      if (wide.matches && ref.current) ref.current.open = true;
    };
    apply();
    wide.addEventListener('change', apply);
    return () => wide.removeEventListener('change', apply);
  }, []);
  return ref;
}
