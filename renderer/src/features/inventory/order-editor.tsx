// Drafts a purchase order or edits a draft: the supplier, then products with whole packs and, when known, the
// expected cost per pack (left empty, the core takes the last cost paid).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { minorToDecimalString, parseMoneyInput } from '../../format/money.js';
import { useCreatePurchaseOrderMutation, useListSuppliersQuery, useUpdatePurchaseOrderMutation } from './inventory-api.js';
import { ProductPicker } from './product-picker.js';
import { useBaseCurrency } from './use-base-currency.js';

type Order = OutputOf<'inventory.getPurchaseOrder'>;
type EditLine = { productId: string; name: string; packs: string; cost: string; note: string };

export type OrderEditorProps = { order?: Order; onDone: (order: Order) => void; onCancel: () => void };

export function OrderEditor({ order, onDone, onCancel }: OrderEditorProps) {
  const { t } = useTranslation();
  const { digits } = useBaseCurrency();
  const suppliers = useListSuppliersQuery({ includeInactive: false });
  const [supplierId, setSupplierId] = useState(order?.supplierId ?? '');
  const [note, setNote] = useState(order?.note ?? '');
  const [lines, setLines] = useState<EditLine[]>(
    (order?.lines ?? []).map((l) => ({
      productId: l.productId,
      name: l.name,
      packs: String(l.packs),
      cost: l.costMinor === null ? '' : minorToDecimalString(l.costMinor, digits),
      note: l.note ?? '',
    })),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [create, creating] = useCreatePurchaseOrderMutation();
  const [update, updating] = useUpdatePurchaseOrderMutation();

  const change = (i: number, patch: Partial<EditLine>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!order && !supplierId) return setProblem(t('inventory.orders.problems.supplier'));
    if (lines.length === 0) return setProblem(t('inventory.orders.problems.noLines'));
    const bad = lines.find((l) => !/^\d{1,6}$/.test(l.packs.trim()) || Number(l.packs) < 1);
    if (bad) return setProblem(t('inventory.orders.problems.packs', { name: bad.name }));
    const badCost = lines.find((l) => l.cost.trim() !== '' && !parseMoneyInput(l.cost, digits).ok);
    if (badCost) return setProblem(t('inventory.orders.problems.cost', { name: badCost.name }));
    const payload = lines.map((l) => {
      const cost = parseMoneyInput(l.cost, digits);
      return {
        productId: l.productId,
        packs: Number(l.packs),
        ...(l.cost.trim() !== '' && cost.ok ? { cost: cost.decimal } : {}),
        ...(l.note.trim() ? { note: l.note.trim() } : {}),
      };
    });
    const result = order
      ? await update({ id: order.id, lines: payload, note: note.trim() === '' ? null : note.trim() })
      : await create({ supplierId, lines: payload, ...(note.trim() ? { note: note.trim() } : {}) });
    if ('error' in result) return setProblem(errorWords(t, result.error));
    setProblem(null);
    onDone(result.data);
  };

  return (
    <form className="panel order-editor" data-testid="order-editor" aria-labelledby="order-editor-title" onSubmit={(e) => void submit(e)} noValidate>
      <header className="panel-head">
        <h3 id="order-editor-title">{order ? t('inventory.orders.editTitle', { number: order.number }) : t('inventory.orders.newTitle')}</h3>
      </header>
      {order ? (
        <p>{t('inventory.orders.supplierIs', { name: order.supplierName })}</p>
      ) : (
        <div className="field">
          <label htmlFor="order-supplier">{t('inventory.receiving.supplier')}</label>
          <select id="order-supplier" data-testid="order-supplier" value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
            <option value="">{t('inventory.receiving.chooseSupplierOption')}</option>
            {(suppliers.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {t('inventory.orders.supplierTerms', { name: s.name, min: s.minOrderPacks, multiple: s.packMultiple })}
              </option>
            ))}
          </select>
        </div>
      )}
      <ProductPicker id="order-add-product"
        onPick={(hit) => {
          if (lines.some((l) => l.productId === hit.id)) return setProblem(t('inventory.orders.problems.duplicate', { name: hit.name }));
          setProblem(null);
          setLines((ls) => [...ls, { productId: hit.id, name: hit.name, packs: '1', cost: '', note: '' }]);
        }} />
      <table className="table" aria-label={t('inventory.orders.linesLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('inventory.receiving.product')}</th>
            <th scope="col">{t('inventory.orders.packs')}</th>
            <th scope="col">{t('inventory.receiving.cost')}</th>
            <th scope="col">{t('inventory.receiving.note')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('inventory.receiving.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.productId} data-testid="order-edit-line">
              <td>{l.name}</td>
              <td>
                <input aria-label={t('inventory.orders.packsOf', { name: l.name })} data-testid="order-edit-packs" inputMode="numeric" size={5} value={l.packs}
                  onChange={(e) => change(i, { packs: e.target.value })} />
              </td>
              <td>
                <input aria-label={t('inventory.orders.costOf', { name: l.name })} data-testid="order-edit-cost" inputMode="decimal" size={8} value={l.cost}
                  placeholder={t('inventory.orders.lastCost')} onChange={(e) => change(i, { cost: e.target.value })} />
              </td>
              <td>
                <input aria-label={t('inventory.orders.noteOf', { name: l.name })} maxLength={500} value={l.note} onChange={(e) => change(i, { note: e.target.value })} />
              </td>
              <td>
                <button type="button" className="ghost" aria-label={t('inventory.orders.removeOf', { name: l.name })}
                  onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="field">
        <label htmlFor="order-note">{t('inventory.orders.note')}</label>
        <textarea id="order-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {problem ? (
        <p className="banner banner-error" role="alert" data-testid="order-editor-error">
          {problem}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="order-save" disabled={creating.isLoading || updating.isLoading}>
          {order ? t('inventory.orders.saveDraft') : t('inventory.orders.createDraft')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
