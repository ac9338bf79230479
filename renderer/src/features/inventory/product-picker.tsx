// Picks a product by name, code or barcode for an order line: type, move with the arrow keys, Enter adds.
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductHit } from '@mortar/main/contract';
import { useSearchProductsQuery } from '../../app/api.js';
import { useDebounced } from '../catalog/use-debounced.js';

export function ProductPicker({ id, onPick }: { id: string; onPick: (hit: ProductHit) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const settled = useDebounced(query.trim(), 120);
  const search = useSearchProductsQuery({ query: settled, limit: 8 }, { skip: settled === '' });
  const hits = settled === '' ? [] : (search.currentData?.hits ?? []);
  const pick = (hit: ProductHit | undefined) => {
    if (!hit) return;
    onPick(hit);
    setQuery('');
    setSelected(0);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((i) => Math.max(0, Math.min(hits.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(hits[Math.min(selected, hits.length - 1)]);
    }
  };
  return (
    <div className="search-box product-picker">
      <label htmlFor={id}>{t('inventory.orders.addProduct')}</label>
      <input id={id} data-testid={id} type="search" autoComplete="off" value={query} placeholder={t('inventory.stock.placeholder')}
        role="combobox" aria-expanded={hits.length > 0} aria-controls={`${id}-hits`} aria-autocomplete="list"
        onKeyDown={onKey} onChange={(e) => {
          setQuery(e.target.value);
          setSelected(0);
        }} />
      <ul id={`${id}-hits`} role="listbox" aria-label={t('inventory.stock.results')} className="results picker" hidden={hits.length === 0}>
        {hits.map((hit, i) => (
          <li key={hit.id} role="option" aria-selected={i === selected} data-testid={`${id}-hit`} className={i === selected ? 'result selected' : 'result'}
            onMouseDown={(e) => e.preventDefault()} onClick={() => pick(hit)}>
            <span className="result-name">{hit.name}</span>
            <span className="result-stock">{t('catalog.onHand', { count: hit.onHand })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
