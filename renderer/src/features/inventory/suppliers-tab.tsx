// Suppliers (suppliers.manage to change them): lead time, minimum order and pack multiple, which purchase
// orders are checked against, and the EDI ids the 850 is addressed with.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, Supplier } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { useCreateSupplierMutation, useListSuppliersQuery, useUpdateSupplierMutation } from './inventory-api.js';

type Form = { name: string; leadTimeDays: string; minOrderPacks: string; packMultiple: string; ediQualifier: string; ediId: string; gln: string; active: boolean };
type FieldProblem = keyof Form;

const empty: Form = { name: '', leadTimeDays: '1', minOrderPacks: '1', packMultiple: '1', ediQualifier: '', ediId: '', gln: '', active: true };

function formOf(s: Supplier): Form {
  return {
    name: s.name,
    leadTimeDays: String(s.leadTimeDays),
    minOrderPacks: String(s.minOrderPacks),
    packMultiple: String(s.packMultiple),
    ediQualifier: s.ediQualifier ?? '',
    ediId: s.ediId ?? '',
    gln: s.gln ?? '',
    active: s.active,
  };
}

function whole(text: string, min: number, max: number): number | null {
  return /^\d{1,6}$/.test(text.trim()) && Number(text) >= min && Number(text) <= max ? Number(text) : null;
}

export function supplierProblems(f: Form): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (f.name.trim().length < 2 || f.name.trim().length > 120) p.push('name');
  if (whole(f.leadTimeDays, 0, 365) === null) p.push('leadTimeDays');
  if (whole(f.minOrderPacks, 1, 100_000) === null) p.push('minOrderPacks');
  if (whole(f.packMultiple, 1, 10_000) === null) p.push('packMultiple');
  if (f.ediQualifier.trim() !== '' && !/^[A-Z0-9]{2}$/.test(f.ediQualifier.trim())) p.push('ediQualifier');
  if (f.ediId.trim().length > 15 || (f.ediId.trim() === '') !== (f.ediQualifier.trim() === '')) p.push('ediId');
  if (f.gln.trim() !== '' && !/^\d{13}$/.test(f.gln.trim())) p.push('gln');
  return p;
}

export function SuppliersTab({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const list = useListSuppliersQuery({ includeInactive: true });
  const canManage = session.permissions.includes('suppliers.manage');
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  return (
    <section className="panel suppliers" aria-labelledby="suppliers-title" data-testid="suppliers">
      <header className="panel-head">
        <h3 id="suppliers-title">{t('inventory.tabs.suppliers')}</h3>
        <div className="actions">
          {canManage && editing === null ? (
            <button type="button" className="primary" data-testid="supplier-new" onClick={() => setEditing('new')}>
              {t('inventory.suppliers.new')}
            </button>
          ) : null}
        </div>
      </header>
      {editing !== null ? <SupplierForm key={editing === 'new' ? 'new' : editing.id} supplier={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
      {list.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, list.error)}
        </p>
      ) : null}
      <table className="table" aria-label={t('inventory.tabs.suppliers')} data-testid="suppliers-list">
        <thead>
          <tr>
            <th scope="col">{t('inventory.suppliers.name')}</th>
            <th scope="col" className="num">{t('inventory.suppliers.leadTimeDays')}</th>
            <th scope="col" className="num">{t('inventory.suppliers.minOrderPacks')}</th>
            <th scope="col" className="num">{t('inventory.suppliers.packMultiple')}</th>
            <th scope="col">{t('inventory.suppliers.edi')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('inventory.orders.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((s) => (
            <tr key={s.id} data-testid="supplier-row" className={s.active ? undefined : 'inactive'}>
              <td>
                {s.name} {s.active ? null : <span className="badge">{t('inventory.suppliers.retired')}</span>}
              </td>
              <td className="num">{s.leadTimeDays}</td>
              <td className="num">{s.minOrderPacks}</td>
              <td className="num">{s.packMultiple}</td>
              <td>{s.ediQualifier && s.ediId ? `${s.ediQualifier}:${s.ediId}` : '—'}</td>
              <td>
                {canManage ? (
                  <button type="button" className="ghost" aria-label={t('inventory.suppliers.editOf', { name: s.name })} onClick={() => setEditing(s)}>
                    {t('inventory.orders.edit')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SupplierForm({ supplier, onDone }: { supplier: Supplier | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(supplier ? formOf(supplier) : empty);
  const [shown, setShown] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [create, creating] = useCreateSupplierMutation();
  const [update, updating] = useUpdateSupplierMutation();
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = supplierProblems(form);
    setShown(problems);
    if (problems.length > 0) return setError(t('inventory.suppliers.fix'));
    const edi = form.ediQualifier.trim() ? { ediQualifier: form.ediQualifier.trim(), ediId: form.ediId.trim() } : null;
    const fields = {
      name: form.name.trim(),
      leadTimeDays: Number(form.leadTimeDays),
      minOrderPacks: Number(form.minOrderPacks),
      packMultiple: Number(form.packMultiple),
    };
    const result = supplier
      ? await update({
          id: supplier.id,
          ...fields,
          ediQualifier: edi?.ediQualifier ?? null,
          ediId: edi?.ediId ?? null,
          gln: form.gln.trim() || null,
          active: form.active,
        })
      : await create({ ...fields, ...(edi ?? {}), ...(form.gln.trim() ? { gln: form.gln.trim() } : {}) });
    if ('error' in result) return setError(errorWords(t, result.error));
    onDone();
  };

  const field = (key: Exclude<FieldProblem, 'active'>, inputMode: 'text' | 'numeric' = 'text') => (
    <div className={shown.includes(key) ? 'field field-invalid' : 'field'}>
      <label htmlFor={`supplier-${key}`}>{t(`inventory.suppliers.${key}`)}</label>
      <input id={`supplier-${key}`} data-testid={`supplier-${key}`} inputMode={inputMode} value={form[key]} aria-invalid={shown.includes(key) || undefined}
        aria-describedby={shown.includes(key) ? `supplier-${key}-error` : undefined} onChange={(e) => set({ [key]: e.target.value })} />
      {shown.includes(key) ? (
        <p className="field-error" id={`supplier-${key}-error`}>
          {t(`inventory.suppliers.problems.${key}`)}
        </p>
      ) : null}
    </div>
  );

  return (
    <form className="inline-form supplier-form" data-testid="supplier-form" onSubmit={(e) => void submit(e)} noValidate
      aria-label={supplier ? t('inventory.suppliers.editOf', { name: supplier.name }) : t('inventory.suppliers.new')}>
      {field('name')}
      {field('leadTimeDays', 'numeric')}
      {field('minOrderPacks', 'numeric')}
      {field('packMultiple', 'numeric')}
      {field('ediQualifier')}
      {field('ediId')}
      {field('gln', 'numeric')}
      {supplier ? (
        <label className="check">
          <input type="checkbox" data-testid="supplier-active" checked={form.active} onChange={(e) => set({ active: e.target.checked })} />
          {t('inventory.suppliers.active')}
        </label>
      ) : null}
      {error ? (
        <p className="banner banner-error" role="alert" data-testid="supplier-error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="supplier-save" disabled={creating.isLoading || updating.isLoading}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
