// Find a product by name, ingredient, SKU or barcode and pick it: the catalog's own search, results as buttons so
// the keyboard reaches them with Tab and Enter.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductHit } from '@mortar/main/contract';
import { api, useSearchProductsQuery } from '../../app/api.js';
import { useDebounced } from '../catalog/use-debounced.js';

export const PICKER_DEBOUNCE_MS = 150;

type Props = { id: string; label: string; onPick: (hit: ProductHit) => void; testId: string };

export function ProductPicker({ id, label, onPick, testId }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query.trim(), PICKER_DEBOUNCE_MS);
  const search = useSearchProductsQuery({ query: settled, limit: 8 }, { skip: settled === '' });
  const hits = settled === '' ? [] : (search.currentData?.hits ?? []);
  const fresh = settled !== '' && settled === query.trim() && !search.isFetching && search.currentData !== undefined;
  const [searchNow] = api.endpoints.searchProducts.useLazyQuery();
  const pick = (hit: ProductHit) => {
    onPick(hit);
    setQuery('');
  };
  // Enter pressed before the results of what was typed are in asks for exactly that text and picks from its answer.
  const pickFirst = async (text: string) => {
    const answer = fresh ? search.currentData : (await searchNow({ query: text, limit: 8 }, true)).data;
    const first = answer?.hits[0];
    if (first) pick(first);
  };
  return (
    <div className="field product-picker" data-testid={testId}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" autoComplete="off" value={query} data-testid={`${testId}-input`} onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || query.trim() === '') return;
          e.preventDefault();
          void pickFirst(query.trim());
        }} />
      {settled !== '' && !search.isFetching && hits.length === 0 ? <p className="field-hint">{t('stockWatch.picker.none')}</p> : null}
      {hits.length > 0 ? (
        <ul className="results" aria-label={t('stockWatch.picker.results')}>
          {hits.map((h) => (
            <li key={h.id}>
              <button type="button" className="ghost" data-testid={`${testId}-hit-${h.sku}`}
                onClick={() => pick(h)}>
                {h.name} <span className="result-sub">{h.sku}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
