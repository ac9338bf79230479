// Each kind of sync exception in plain words, with the facts a manager needs to act on it. The details are read
// through the contract's schemas: a detail this version cannot read is shown as it came, never guessed at.
// A prescription's exception names the prescription and its item, never the patient.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  applyFailedDetailSchema,
  refillsExceededDetailSchema,
  stockBelowZeroDetailSchema,
  type SyncException,
} from '@mortar/main/contract';
import { formatDateTime } from '../../format/dates.js';

const kindKeys: Record<SyncException['kind'], string> = {
  'stock.belowZero': 'stockBelowZero',
  'sync.applyFailed': 'syncApplyFailed',
  'rx.refillsExceeded': 'rxRefillsExceeded',
};

/** The exception's kind as a title, in the user's language. */
export function kindTitle(t: TFunction, kind: string): string {
  const key = (kindKeys as Record<string, string | undefined>)[kind];
  return key ? t(`syncExceptions.kind.${key}`) : t('syncExceptions.kind.unknown', { kind });
}

export function ExceptionFacts({ exception: e }: { exception: SyncException }) {
  const { t, i18n } = useTranslation();
  const when = (at: number) => formatDateTime(at, i18n.language);
  const branch = e.branchName ?? e.branchId;
  switch (e.kind) {
    case 'stock.belowZero': {
      const d = stockBelowZeroDetailSchema.safeParse(e.detail);
      if (!d.success) break;
      return <p className="result-sub">{t('syncExceptions.stockBelowZero', { branch, onHand: d.data.onHand, asOf: when(d.data.asOf), device: d.data.deviceId })}</p>;
    }
    case 'sync.applyFailed': {
      const d = applyFailedDetailSchema.safeParse(e.detail);
      if (!d.success) break;
      return <p className="result-sub">{t('syncExceptions.applyFailed', { type: d.data.type, version: d.data.schemaVersion, message: d.data.message })}</p>;
    }
    case 'rx.refillsExceeded': {
      const d = refillsExceededDetailSchema.safeParse(e.detail);
      if (!d.success) break;
      const x = d.data;
      return (
        <div className="result-sub" data-testid={`sync-exception-refills-${e.id}`}>
          <p>
            {t('syncExceptions.refills.summary', { prescription: x.prescriptionId, line: x.lineNo, ingredient: x.ingredient, fills: x.fills.length, allowed: x.allowedFills })}{' '}
            {t('syncExceptions.refills.refills', { count: x.refills })}
          </p>
          <table className="table">
            <caption>{t('syncExceptions.refills.fillsLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('syncExceptions.refills.at')}</th>
                <th scope="col">{t('syncExceptions.refills.till')}</th>
                <th scope="col">{t('syncExceptions.refills.pharmacist')}</th>
                <th scope="col">{t('syncExceptions.refills.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {x.fills.map((f) => (
                <tr key={f.dispenseId}>
                  <td>{when(f.at)}</td>
                  <td>{f.deviceId}</td>
                  <td>{f.actorName}</td>
                  <td>{f.quantity}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(x.alsoLines ?? []).map((o) => (
            <p key={o.lineNo}>{t('syncExceptions.refills.alsoLine', { line: o.lineNo, ingredient: o.ingredient, fills: o.fills, allowed: o.allowedFills })}</p>
          ))}
          <p>{t('syncExceptions.refills.hint')}</p>
        </div>
      );
    }
  }
  return <p className="result-sub">{t('syncExceptions.unknownDetail', { detail: JSON.stringify(e.detail) })}</p>;
}
