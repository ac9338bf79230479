// A prescription as recorded: prescriber, date, items with their directions in plain words and refills, and
// its electronic signature (meaning, signer's name, time) whenever it has one (21 CFR 11.50).
import { useTranslation } from 'react-i18next';
import type { Prescription } from '@mortar/main/contract';

export function SignatureLine({ signature }: { signature: NonNullable<Prescription['signature']> }) {
  const { t, i18n } = useTranslation();
  const when = new Date(signature.signedAt).toLocaleString(i18n.language);
  return (
    <p className="banner banner-ok" data-testid="rx-signature">
      {t('prescriptions.signature.line', { meaning: t(`prescriptions.signature.meaning.${signature.meaning}`), name: signature.signerName, when })}
    </p>
  );
}

export function RxSummary({ prescription }: { prescription: Prescription }) {
  const { t } = useTranslation();
  const p = prescription;
  return (
    <div className="rx-summary" data-testid="rx-summary">
      <dl className="facts">
        <dt>{t('prescriptions.saved.status')}</dt>
        <dd data-testid="rx-status">{t(`prescriptions.saved.statuses.${p.status}`)}</dd>
        <dt>{t('prescriptions.review.prescriberName')}</dt>
        <dd>{p.prescriber.name}</dd>
        <dt>{t('prescriptions.review.writtenDate')}</dt>
        <dd>{p.writtenDate}</dd>
      </dl>
      <table className="table">
        <thead>
          <tr>
            <th>{t('prescriptions.review.ingredient')}</th>
            <th className="num">{t('prescriptions.review.quantity')}</th>
            <th>{t('prescriptions.review.sig')}</th>
            <th className="num">{t('prescriptions.saved.refillsLeft')}</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((i) => (
            <tr key={i.lineNo} data-testid="rx-summary-item">
              <td>
                {i.productName ?? [i.ingredient, i.strength, i.form].filter(Boolean).join(' ')}
              </td>
              <td className="num">{i.quantity}</td>
              <td>
                {i.directions}
                {i.dosage === null ? <span className="field-hint"> {t('prescriptions.sig.notUnderstood')}</span> : null}
              </td>
              <td className="num">{i.refillsLeft}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.signature ? <SignatureLine signature={p.signature} /> : null}
    </div>
  );
}
