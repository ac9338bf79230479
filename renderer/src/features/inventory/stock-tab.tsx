// The stock list: find a product by name, code or barcode, see its on-hand, and open its stock card.
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchProductsQuery } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { useDebounced } from '../catalog/use-debounced.js';
import { StockCardView } from './stock-card-view.js';

export function StockTab() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [chosen, setChosen] = useState<string | null>(null);
  // Enter before the answer for what is in the box has come (a fast typist, a scanner) opens its top hit once it has.
  const [openWhenFresh, setOpenWhenFresh] = useState(false);
  const settled = useDebounced(query.trim(), 120);
  const search = useSearchProductsQuery({ query: settled, limit: 30 });
  const hits = search.data?.hits ?? [];
  const fresh = settled === query.trim() && !search.isFetching && search.currentData !== undefined;
  const open = chosen ?? (openWhenFresh && fresh ? (search.currentData?.hits[0]?.id ?? null) : null);
  const setOpen = (id: string | null) => {
    setOpenWhenFresh(false);
    setChosen(id);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((i) => Math.max(0, Math.min(hits.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[Math.min(selected, hits.length - 1)];
      if (!fresh) setOpenWhenFresh(true);
      else if (hit) setOpen(hit.id);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open) setOpen(null);
      else setQuery('');
    }
  };

  return (
    <section className={open ? 'catalog has-detail' : 'catalog'} aria-label={t('inventory.tabs.stock')} data-testid="stock-tab">
      <div className="catalog-list">
        <div className="search-box">
          <label htmlFor="stock-search" className="visually-hidden">
            {t('inventory.stock.search')}
          </label>
          <input id="stock-search" data-testid="stock-search" type="search" value={query} autoComplete="off" spellCheck={false}
            placeholder={t('inventory.stock.placeholder')} onKeyDown={onKey}
            onChange={(e) => {
              setOpenWhenFresh(false);
              setQuery(e.target.value);
              setSelected(0);
            }} />
        </div>
        {search.error ? (
          <p className="banner banner-error" role="alert">
            {errorWords(t, search.error)}
          </p>
        ) : null}
        <ul role="listbox" aria-label={t('inventory.stock.results')} className="results">
          {hits.map((hit, i) => (
            <li key={hit.id} role="option" aria-selected={i === selected} data-testid="stock-result"
              className={i === selected ? 'result selected' : 'result'}
              onClick={() => {
                setSelected(i);
                setOpen(hit.id);
              }}>
              <span className="result-name">{hit.name}</span>
              <span className={hit.onHand > 0 ? 'result-stock' : 'result-stock out'}>{t('catalog.onHand', { count: hit.onHand })}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="catalog-detail" style={{ minWidth: 0 }}>
        {open ? <StockCardView key={open} productId={open} onClose={() => setOpen(null)} /> : <p className="empty detail-empty">{t('inventory.stock.pickOne')}</p>}
      </div>
    </section>
  );
}
