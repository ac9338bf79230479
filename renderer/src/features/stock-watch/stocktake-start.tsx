// Starting a count: full (every lot in stock), partial (the products chosen) or cycle (the products counted least
// recently, so the whole range is counted over time). The core freezes the expected quantities at this moment.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductHit } from '@mortar/main/contract';
import { errorWords, fieldIssues } from '../../app/api-error.js';
import { SelectField, TextField } from '../../ui/field.js';
import { setCurrentStocktake } from './current-stocktake.js';
import { whole } from './lot-actions.js';
import { ProductPicker } from './product-picker.js';
import { useSwStartStocktakeMutation } from './stock-watch-api.js';

type Scope = 'full' | 'partial' | 'cycle';

export function StocktakeStart() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<Scope>('cycle');
  const [products, setProducts] = useState<ProductHit[]>([]);
  const [cycleSize, setCycleSize] = useState('20');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [start, state] = useSwStartStocktakeMutation();
  const issues = fieldIssues(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (scope === 'partial' && products.length === 0) {
      setError({ code: 'stockWatch.noProducts', message: t('stockWatch.stocktake.chooseProducts') });
      return;
    }
    const result = await start({
      scope,
      ...(scope === 'partial' ? { productIds: products.map((p) => p.id) } : {}),
      ...(scope === 'cycle' ? { cycleSize: whole(cycleSize) } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if ('error' in result && result.error) {
      setError(result.error);
      return;
    }
    setError(null);
    setCurrentStocktake(result.data.id);
  };
  const general = error && Object.keys(issues).length === 0 ? errorWords(t, error) : null;

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="stocktake-start-title" data-testid="stocktake-start">
      <h3 id="stocktake-start-title">{t('stockWatch.stocktake.start')}</h3>
      <SelectField id="stocktake-scope" testId="stocktake-scope" label={t('stockWatch.stocktake.scope')} value={scope} onChange={(v) => setScope(v as Scope)}
        options={(['full', 'partial', 'cycle'] as const).map((s) => ({ value: s, label: t(`stockWatch.stocktake.scopes.${s}`) }))} />
      {scope === 'cycle' ? (
        <TextField id="stocktake-cycle" testId="stocktake-cycle-size" label={t('stockWatch.stocktake.cycleSize')} value={cycleSize} onChange={setCycleSize}
          inputMode="numeric" error={issues.cycleSize} />
      ) : null}
      {scope === 'partial' ? (
        <>
          <ProductPicker id="stocktake-product" testId="stocktake-product" label={t('stockWatch.stocktake.addProduct')}
            onPick={(hit) => setProducts((list) => (list.some((p) => p.id === hit.id) ? list : [...list, hit]))} />
          <ul aria-label={t('stockWatch.stocktake.chosen')} data-testid="stocktake-chosen">
            {products.map((p) => (
              <li key={p.id}>
                {p.name}{' '}
                <button type="button" className="ghost" aria-label={t('stockWatch.stocktake.removeProduct', { name: p.name })}
                  onClick={() => setProducts((list) => list.filter((x) => x.id !== p.id))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <TextField id="stocktake-note" testId="stocktake-note" label={t('stockWatch.stocktake.note')} value={note} onChange={setNote} error={issues.note} />
      {general ? (
        <p className="banner banner-error" role="alert" data-testid="stocktake-error">
          {general}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={state.isLoading} data-testid="stocktake-start-submit">
          {t('stockWatch.stocktake.startSubmit')}
        </button>
      </div>
    </form>
  );
}
