import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchProductsQuery } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { formatMoney } from '../../format/money.js';
import { Kbd } from '../../ui/field.js';
import { productClosed, productOpened, queryTyped, resultPointed, selectionMoved } from './catalog-slice.js';
import { ProductDetail } from './product-detail.js';
import { useDebounced } from './use-debounced.js';

export const SEARCH_DEBOUNCE_MS = 120;
const RESULT_LIMIT = 50;

export function CatalogBrowser() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { query, selected, openProductId } = useAppSelector((s) => s.catalog);
  const focusRequest = useAppSelector((s) => s.navigation.focusRequest);
  const settled = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS);
  const search = useSearchProductsQuery({ query: settled, limit: RESULT_LIMIT });
  const hits = search.data?.hits ?? [];
  const corrections = search.data?.corrections ?? [];
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // Results belong to what is in the box only once the pause has passed and the answer is in.
  const fresh = settled === query.trim() && !search.isFetching && search.currentData !== undefined;
  // Enter pressed before that (a fast typist, a scanner) opens the top result of the right answer, not a stale one.
  const openWhenFresh = useRef(false);
  const answer = search.currentData;
  useEffect(() => {
    if (!openWhenFresh.current || !fresh || !answer) return;
    openWhenFresh.current = false;
    const hit = answer.hits[Math.min(selected, answer.hits.length - 1)];
    if (hit) dispatch(productOpened(hit.id));
  }, [fresh, answer, selected, dispatch]);

  useEffect(() => {
    if (!openProductId) searchRef.current?.focus();
    // Arrival, or F3 / "/" pressed again: the next keystroke is a search.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, hits.length]);

  const backToSearch = () => {
    dispatch(productClosed());
    searchRef.current?.focus();
    searchRef.current?.select();
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const page = 10;
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    const by = moves[e.key];
    if (by !== undefined) {
      e.preventDefault();
      dispatch(selectionMoved({ by, count: hits.length }));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[Math.min(selected, hits.length - 1)];
      if (!fresh) openWhenFresh.current = true;
      else if (hit) dispatch(productOpened(hit.id));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (openProductId) dispatch(productClosed());
      else dispatch(queryTyped(''));
    }
  };

  const activeId = hits[selected] ? `catalog-hit-${hits[selected].id}` : undefined;
  const pending = search.isFetching && query.trim() !== '';

  return (
    <section className={openProductId ? 'catalog has-detail' : 'catalog'} aria-labelledby="catalog-title">
      <div className="catalog-list">
        <h2 id="catalog-title" className="visually-hidden">
          {t('nav.inventory')}
        </h2>
        <div className="search-box">
          <label htmlFor="catalog-search" className="visually-hidden">
            {t('catalog.search')}
          </label>
          <input id="catalog-search" data-testid="catalog-search" ref={searchRef} type="search" role="combobox"
            aria-expanded={hits.length > 0} aria-controls="catalog-results" aria-activedescendant={activeId}
            aria-autocomplete="list" placeholder={t('catalog.placeholder')} value={query} autoComplete="off"
            spellCheck={false} onKeyDown={onSearchKey}
            onChange={(e) => {
              openWhenFresh.current = false;
              dispatch(queryTyped(e.target.value));
            }} />
          <Kbd>/</Kbd>
        </div>
        <p className="catalog-meta" aria-live="polite">
          {corrections.length > 0 ? (
            <span data-testid="catalog-corrections" className="corrections">
              {t('catalog.showingResultsFor', { words: corrections.join(', ') })}
            </span>
          ) : null}
          {pending ? <span className="muted"> {t('common.searching')}</span> : null}
        </p>
        {search.error && !search.data ? (
          <p className="banner banner-error" role="alert">
            {errorWords(t, search.error)}
          </p>
        ) : null}
        {search.data && hits.length === 0 ? <p className="empty">{t('catalog.noResults', { query: settled })}</p> : null}
        <ul id="catalog-results" ref={listRef} role="listbox" aria-label={t('catalog.results')} className="results">
          {hits.map((hit, i) => (
            <li key={hit.id} id={`catalog-hit-${hit.id}`} role="option" data-testid="catalog-result" aria-selected={i === selected}
              className={`${i === selected ? 'result selected' : 'result'}${hit.id === openProductId ? ' open' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                dispatch(resultPointed(i));
                dispatch(productOpened(hit.id));
              }}>
              <span className="result-name">{hit.name}</span>
              <span className="result-price">{formatMoney(hit.priceMinor, hit.currency, i18n.language)}</span>
              <span className="result-sub">
                <span className={`badge legal-${hit.legalCategory}`}>{t(`legalCategories.${hit.legalCategory}`)}</span>
                {[hit.strength, hit.form, t('catalog.pack', { count: hit.packSize }), hit.brand].filter(Boolean).join(' · ')}
              </span>
              <span className={hit.onHand > 0 ? 'result-stock' : 'result-stock out'}>
                {t('catalog.onHand', { count: hit.onHand })}
              </span>
            </li>
          ))}
        </ul>
        <p className="key-help">
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('catalog.keys.move')} · <Kbd>Enter</Kbd> {t('catalog.keys.open')} · <Kbd>Esc</Kbd>{' '}
          {t('catalog.keys.back')}
        </p>
      </div>
      <div className="catalog-detail">
        {openProductId ? (
          <ProductDetail id={openProductId} onClose={backToSearch} />
        ) : (
          <p className="empty detail-empty">{t('catalog.pickOne')}</p>
        )}
      </div>
    </section>
  );
}
