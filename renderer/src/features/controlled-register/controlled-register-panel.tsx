// The controlled-drug register for a pharmacist: one scheduled product at a time, every entry in order with
// the balance after it (as the core derives it from the stock ledger), who a supply was for, who collected it
// with which identity document, early refills with when they were due and why, and witnessed destructions.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterEntry } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { formatDateTime } from '../../format/dates.js';
import { useControlledRegisterQuery, useListControlledProductsQuery } from './controlled-register-api.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Range = { from?: string; to?: string };

/** The typed period, or null when a date is malformed or the first comes after the last. */
export function rangeOf(from: string, to: string): Range | null {
  const f = from.trim();
  const t = to.trim();
  if ((f !== '' && !ISO_DATE.test(f)) || (t !== '' && !ISO_DATE.test(t))) return null;
  if (f !== '' && t !== '' && f > t) return null;
  return { ...(f !== '' ? { from: f } : {}), ...(t !== '' ? { to: t } : {}) };
}

function Details({ e }: { e: RegisterEntry }) {
  const { t, i18n } = useTranslation();
  const parts: string[] = [];
  const d = e.dispense;
  if (d) {
    parts.push(t('controlledRegister.patient', { name: d.patientName }));
    parts.push(t('controlledRegister.prescription', { rx: d.rxNumber, fill: d.fillNo, prescriber: d.prescriberName }));
    if (d.prescriberDea) parts.push(t('controlledRegister.dea', { dea: d.prescriberDea }));
    parts.push(
      d.collector
        ? t('controlledRegister.collector', { name: d.collector.name, idType: t(`controlledRegister.idTypes.${d.collector.idType}`), idNumber: d.collector.idNumber })
        : t('controlledRegister.noCollector'),
    );
  }
  if (e.witness) parts.push(t('controlledRegister.witness', { witness: e.witness }));
  if (e.reason) parts.push(t('controlledRegister.reason', { reason: e.reason }));
  const early = d?.earlyRefill ?? null;
  return (
    <td>
      {parts.join(' · ')}
      {early ? (
        <strong className="warning" data-testid="register-early-refill">
          {' · '}
          {t('controlledRegister.earlyRefill', { due: formatDateTime(early.dueAt, i18n.language) })}
          {early.reason ? ` (${t('controlledRegister.earlyReason', { reason: early.reason })})` : ''}
        </strong>
      ) : null}
    </td>
  );
}

function Register({ productId, range }: { productId: string; range: Range }) {
  const { t, i18n } = useTranslation();
  const register = useControlledRegisterQuery({ productId, ...range });
  const data = register.currentData;
  if (register.error) {
    return (
      <p className="banner banner-error" role="alert" data-testid="register-error">
        {errorWords(t, register.error)}
      </p>
    );
  }
  if (!data) return <p className="muted">{t('patients.loading')}</p>;
  return (
    <>
      <p data-testid="register-opening">{t('controlledRegister.opening', { count: data.opening })}</p>
      {data.entries.length === 0 ? (
        <p className="muted">{t('controlledRegister.empty')}</p>
      ) : (
        <table className="table" data-testid="register-table">
          <thead>
            <tr>
              <th scope="col">{t('controlledRegister.columns.at')}</th>
              <th scope="col">{t('controlledRegister.columns.kind')}</th>
              <th scope="col">{t('controlledRegister.columns.in')}</th>
              <th scope="col">{t('controlledRegister.columns.out')}</th>
              <th scope="col">{t('controlledRegister.columns.balance')}</th>
              <th scope="col">{t('controlledRegister.columns.batch')}</th>
              <th scope="col">{t('controlledRegister.columns.details')}</th>
              <th scope="col">{t('controlledRegister.columns.by')}</th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((e) => (
              <tr key={e.id} data-testid="register-row">
                <td>{formatDateTime(e.at, i18n.language)}</td>
                <td>{t(`controlledRegister.kinds.${e.kind}`)}</td>
                <td>{e.quantity > 0 ? e.quantity : ''}</td>
                <td>{e.quantity < 0 ? -e.quantity : ''}</td>
                <td data-testid="register-balance">{e.balance}</td>
                <td>{e.batches.join(', ')}</td>
                <Details e={e} />
                <td>{e.actorName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p data-testid="register-closing">
        <strong>{t('controlledRegister.closing', { count: data.closing })}</strong>
      </p>
    </>
  );
}

export function ControlledRegisterPanel() {
  const { t } = useTranslation();
  const products = useListControlledProductsQuery();
  const [productId, setProductId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [range, setRange] = useState<Range>({});
  const [badRange, setBadRange] = useState(false);
  const list = products.currentData?.products ?? [];
  const product = list.find((p) => p.productId === productId);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const r = rangeOf(from, to);
    setBadRange(r === null);
    if (r !== null) setRange(r);
  };

  return (
    <section className="panel controlled-register" aria-labelledby="register-title" data-testid="controlled-register">
      <h3 id="register-title">{t('controlledRegister.title')}</h3>
      {products.error ? <p className="banner banner-error" role="alert">{errorWords(t, products.error)}</p> : null}
      {products.currentData && list.length === 0 ? <p className="muted" data-testid="register-no-products">{t('controlledRegister.noProducts')}</p> : null}
      {list.length > 0 ? (
        <form className="row" onSubmit={apply} noValidate>
          <label className="field">
            <span>{t('controlledRegister.product')}</span>
            <select value={productId} data-testid="register-product" autoFocus onChange={(e) => setProductId(e.target.value)}>
              <option value="">{t('controlledRegister.chooseProduct')}</option>
              {list.map((p) => (
                <option key={p.productId} value={p.productId}>
                  {p.schedule ? `${p.name} · ${t('controlledRegister.schedule', { schedule: p.schedule })}` : p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('controlledRegister.from')}</span>
            <input value={from} placeholder="YYYY-MM-DD" data-testid="register-from" aria-invalid={badRange || undefined} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('controlledRegister.to')}</span>
            <input value={to} placeholder="YYYY-MM-DD" data-testid="register-to" aria-invalid={badRange || undefined} onChange={(e) => setTo(e.target.value)} />
          </label>
          <button type="submit" data-testid="register-apply">{t('controlledRegister.show')}</button>
        </form>
      ) : null}
      {badRange ? (
        <p className="banner banner-error" role="alert" data-testid="register-bad-range">
          {t('controlledRegister.badRange')}
        </p>
      ) : null}
      {product ? <p className="muted" data-testid="register-held">{t('controlledRegister.held', { count: product.balance, unit: product.unit })}</p> : null}
      {product ? <Register productId={product.productId} range={range} /> : null}
    </section>
  );
}
