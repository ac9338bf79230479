// What can be done with stock that should not stay on sale: quarantine it, write it off, return it to its supplier
// or destroy it. Each action asks for a quantity and a reason (the core refuses without them) and is offered only
// to a role the core would let do it; the core checks the permission again.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission, SessionInfo } from '@mortar/main/contract';
import { errorWords, fieldIssues } from '../../app/api-error.js';
import { SelectField, TextField } from '../../ui/field.js';
import { useSwDisposeMutation, useSwQuarantineStockMutation, useSwReleaseMutation, useSwSuppliersQuery } from './stock-watch-api.js';

export type LotAction = 'quarantine' | 'writeOff' | 'supplierReturn' | 'destruction' | 'release';

const needs: Record<LotAction, Permission> = {
  quarantine: 'stock.quarantine',
  writeOff: 'stock.writeOff',
  supplierReturn: 'stock.writeOff',
  destruction: 'stock.writeOff',
  release: 'stock.releaseQuarantine',
};

export type ActionLot = { lotId: string; name: string; batch: string; onHand: number };

/** The actions of `offered` that this session may take. */
export function allowedActions(session: SessionInfo, offered: readonly LotAction[]): LotAction[] {
  return offered.filter((a) => session.permissions.includes(needs[a]));
}

/** A whole number as typed, or NaN so the core's schema names the field. */
export function whole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
}

type Props = { lot: ActionLot; action: LotAction; onDone: (message: string) => void; onCancel: () => void };

/** The form for one action on one lot, in place under its row. */
export function LotActionForm({ lot, action, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [quantity, setQuantity] = useState(String(lot.onHand));
  const [reason, setReason] = useState('');
  const [supplierId, setSupplierId] = useState('');
  const [reference, setReference] = useState('');
  const [witness, setWitness] = useState('');
  const [toLocation, setToLocation] = useState<'shelf' | 'dispensary' | 'controlled-cabinet'>('shelf');
  const [error, setError] = useState<unknown>(null);
  const suppliers = useSwSuppliersQuery(undefined, { skip: action !== 'supplierReturn' });
  const [quarantine, q] = useSwQuarantineStockMutation();
  const [dispose, d] = useSwDisposeMutation();
  const [release, r] = useSwReleaseMutation();
  const busy = q.isLoading || d.isLoading || r.isLoading;
  const issues = fieldIssues(error);
  const id = `lot-${action}-${lot.lotId}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (action === 'supplierReturn' && supplierId === '') {
      setError({ code: 'inventory.supplierReturnNeedsSupplier', message: t('stockWatch.actions.chooseSupplier') });
      return;
    }
    const common = { lotId: lot.lotId, quantity: whole(quantity), reason: reason.trim() };
    const result =
      action === 'quarantine'
        ? await quarantine(common)
        : action === 'release'
          ? await release({ ...common, toLocation })
          : await dispose({
              ...common,
              kind: action,
              ...(supplierId ? { supplierId } : {}),
              ...(reference.trim() ? { reference: reference.trim() } : {}),
              ...(witness.trim() ? { witness: witness.trim() } : {}),
            });
    if ('error' in result && result.error) {
      setError(result.error);
      return;
    }
    onDone(t(`stockWatch.actions.done.${action}`, { count: common.quantity, batch: lot.batch, name: lot.name }));
  };

  const general = error && Object.keys(issues).length === 0 ? errorWords(t, error) : null;
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={t(`stockWatch.actions.${action}`)} data-testid={`lot-form-${action}`}>
      <p>{t('stockWatch.actions.about', { batch: lot.batch, name: lot.name, count: lot.onHand })}</p>
      <TextField id={`${id}-qty`} testId="lot-form-quantity" label={t('stockWatch.actions.quantity')} value={quantity} onChange={setQuantity}
        inputMode="numeric" error={issues.quantity} />
      <TextField id={`${id}-reason`} testId="lot-form-reason" label={t('stockWatch.actions.reason')} value={reason} onChange={setReason}
        error={issues.reason} hint={t('stockWatch.actions.reasonHint')} />
      {action === 'release' ? (
        <SelectField id={`${id}-to`} testId="lot-form-location" label={t('stockWatch.actions.toLocation')} value={toLocation}
          onChange={(v) => setToLocation(v as typeof toLocation)}
          options={(['shelf', 'dispensary', 'controlled-cabinet'] as const).map((l) => ({ value: l, label: t(`stockWatch.locations.${l}`) }))} />
      ) : null}
      {action === 'supplierReturn' ? (
        <SelectField id={`${id}-supplier`} testId="lot-form-supplier" label={t('stockWatch.actions.supplier')} value={supplierId} onChange={setSupplierId}
          options={[{ value: '', label: t('stockWatch.actions.chooseSupplier') }, ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))]} />
      ) : null}
      {action === 'supplierReturn' || action === 'destruction' ? (
        <TextField id={`${id}-ref`} testId="lot-form-reference" label={t(`stockWatch.actions.reference.${action}`)} value={reference} onChange={setReference}
          error={issues.reference} />
      ) : null}
      {action === 'destruction' ? (
        <TextField id={`${id}-witness`} testId="lot-form-witness" label={t('stockWatch.actions.witness')} value={witness} onChange={setWitness}
          error={issues.witness} hint={t('stockWatch.actions.witnessHint')} />
      ) : null}
      {general ? (
        <p className="banner banner-error" role="alert" data-testid="lot-form-error">
          {general}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="lot-form-submit">
          {t(`stockWatch.actions.confirm.${action}`)}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
