// Returns and voids start from the receipt: scan its barcode (or type its number), choose what comes back, and
// the core refunds it to the tenders that paid and puts the medicines into quarantine. Both may need a manager's
// credential; the core says so and the screen asks for it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sale, SaleReturn } from '@mortar/main/contract';
import { api, useGetSaleQuery } from '../../app/api.js';
import { useAppDispatch } from '../../app/hooks.js';
import { formatCalendarDate, formatDateTime } from '../../format/dates.js';
import { formatMoney } from '../../format/money.js';
import { Kbd, TextField } from '../../ui/field.js';
import { returnsClosed } from './cart-slice.js';
import { inDialog, isAlt, isPayKey } from './keys.js';
import { refusalWords } from './refusal-words.js';
import { outcomeOf, type OverrideControl } from './use-override.js';

type Done = { kind: 'return'; value: SaleReturn } | { kind: 'void'; value: Sale };

export function ReturnsView({ active, overrides }: { active: boolean; overrides: OverrideControl }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [receipt, setReceipt] = useState('');
  const [saleId, setSaleId] = useState<string | null>(null);
  const sale = useGetSaleQuery({ id: saleId ?? '' }, { skip: saleId === null }).currentData;
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [refundAs, setRefundAs] = useState<'original' | 'storeCredit'>('original');
  const [cardReference, setCardReference] = useState('');
  const [voiding, setVoiding] = useState(false);
  const [voidReason, setVoidReason] = useState('');
  const [done, setDone] = useState<Done | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attemptKey = useRef<string | null>(null);
  const receiptField = useRef<HTMLInputElement>(null);
  const firstQuantity = useRef<HTMLInputElement>(null);
  const voidField = useRef<HTMLInputElement>(null);
  const money = (minor: number, currency = sale?.currency ?? '') => (currency ? formatMoney(minor, currency, i18n.language) : '');

  useEffect(() => receiptField.current?.focus(), []);
  useEffect(() => {
    if (voiding) voidField.current?.focus();
  }, [voiding]);

  const reset = () => {
    setSaleId(null);
    setQuantities({});
    setReason('');
    setCardReference('');
    setRefundAs('original');
    setVoiding(false);
    setVoidReason('');
    setDone(null);
    setProblem(null);
    attemptKey.current = null;
    setReceipt('');
    receiptField.current?.focus();
  };

  const find = async (e: FormEvent) => {
    e.preventDefault();
    if (!receipt.trim()) return;
    setProblem(null);
    setDone(null);
    const found = await outcomeOf(dispatch(api.endpoints.findByReceipt.initiate({ receipt: receipt.trim() }, { track: false })));
    if (!found.ok) return setProblem(refusalWords(t, found.error, i18n.language));
    dispatch(api.util.upsertQueryData('getSale', { id: found.value.id }, found.value));
    setSaleId(found.value.id);
    setQuantities({});
    attemptKey.current = null;
  };

  // The sale is on screen: the next keystroke is how many of its first line come back.
  const loadedId = sale?.id;
  useEffect(() => {
    if (loadedId) firstQuantity.current?.focus();
  }, [loadedId]);

  const returnable = (lineNo: number) => {
    const line = sale?.lines.find((l) => l.lineNo === lineNo);
    return line ? line.quantity - line.returnedQuantity : 0;
  };

  const submitReturn = async () => {
    if (!sale || busy || done) return;
    setProblem(null);
    const lines = Object.entries(quantities)
      .map(([lineNo, q]) => ({ lineNo: Number(lineNo), quantity: Number(q.trim()) }))
      .filter((l) => l.quantity !== 0 || Number.isNaN(l.quantity));
    if (lines.length === 0) return setProblem(t('returns.nothingChosen'));
    if (lines.some((l) => !Number.isSafeInteger(l.quantity) || l.quantity < 0)) return setProblem(t('returns.badQuantity'));
    if (reason.trim().length < 3) return setProblem(t('returns.needReason'));
    attemptKey.current ??= crypto.randomUUID();
    const input = {
      saleId: sale.id,
      lines,
      reason: reason.trim(),
      refundAs,
      ...(cardReference.trim() ? { cardReference: cardReference.trim() } : {}),
      idempotencyKey: attemptKey.current,
    };
    setBusy(true);
    const outcome = await overrides.run(
      (override) => outcomeOf(dispatch(api.endpoints.returnItems.initiate({ input, override }, { track: false }))),
      reason.trim(),
    );
    setBusy(false);
    if (outcome.ok) {
      attemptKey.current = null;
      // What was asked for has come back: the boxes empty, so nothing on screen looks like a return still to do.
      setQuantities({});
      setDone({ kind: 'return', value: outcome.value });
    } else {
      if (!outcome.error.code.startsWith('bridge.')) attemptKey.current = null;
      if (!outcome.cancelled) setProblem(refusalWords(t, outcome.error, i18n.language));
    }
  };

  const submitVoid = async (e: FormEvent) => {
    e.preventDefault();
    if (!sale || busy) return;
    if (voidReason.trim().length < 3) return setProblem(t('returns.needReason'));
    setBusy(true);
    const input = { saleId: sale.id, reason: voidReason.trim() };
    const outcome = await overrides.run(
      (override) => outcomeOf(dispatch(api.endpoints.voidSale.initiate({ input, override }, { track: false }))),
      voidReason.trim(),
    );
    setBusy(false);
    if (outcome.ok) {
      setVoiding(false);
      setDone({ kind: 'void', value: outcome.value });
    } else if (!outcome.cancelled) setProblem(refusalWords(t, outcome.error, i18n.language));
  };

  const latest = useRef({ submitReturn, reset, voiding, done, sale });
  useEffect(() => {
    latest.current = { submitReturn, reset, voiding, done, sale };
  });
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (inDialog(e.target)) return;
      const s = latest.current;
      if (isPayKey(e)) void s.submitReturn();
      else if (isAlt(e, 'v')) {
        if (s.sale && !s.sale.voided && !s.done) setVoiding(true);
      } else if (isAlt(e, 'a')) {
        if (s.sale) setQuantities(Object.fromEntries(s.sale.lines.map((l) => [l.lineNo, String(l.quantity - l.returnedQuantity)])));
      } else if (isAlt(e, 'n')) s.reset();
      else if (e.key === 'Escape') {
        if (s.voiding) setVoiding(false);
        else dispatch(returnsClosed());
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, dispatch]);

  const paidByCard = sale?.payments.some((p) => p.kind === 'card') ?? false;
  return (
    <section className="returns-view panel" data-testid="returns-view" aria-labelledby="returns-title">
      <header className="panel-head">
        <h2 id="returns-title">{t('returns.title')}</h2>
        <div className="actions">
          <button type="button" onClick={() => dispatch(returnsClosed())}>
            {t('returns.back')} <Kbd>Esc</Kbd>
          </button>
        </div>
      </header>
      <form className="inline-form" onSubmit={(e) => void find(e)}>
        <TextField id="returns-receipt" testId="returns-receipt" label={t('returns.receipt')} value={receipt} onChange={setReceipt}
          inputRef={receiptField} hint={t('returns.receiptHint')} />
        <button type="submit" data-testid="returns-find">
          {t('returns.find')} <Kbd>Enter</Kbd>
        </button>
      </form>
      {problem ? (
        <p className="banner banner-error" role="alert" data-testid="returns-error">
          {problem}
        </p>
      ) : null}
      {sale ? (
        <div className="returns-sale" data-testid="returns-sale">
          <p className="lead">
            {t('returns.saleOf', { number: sale.receiptNo, when: formatDateTime(sale.at, i18n.language), name: sale.cashier.displayName })}{' '}
            <strong>{money(sale.totals.grossMinor)}</strong>
          </p>
          {sale.voided ? <p className="banner banner-warning">{t('receipt.voided', { reason: sale.voided.reason })}</p> : null}
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('checkout.line.product')}</th>
                <th scope="col">{t('checkout.line.batch')}</th>
                <th scope="col" className="num">
                  {t('returns.sold')}
                </th>
                <th scope="col" className="num">
                  {t('returns.alreadyReturned')}
                </th>
                <th scope="col" className="num">
                  {t('checkout.line.amount')}
                </th>
                <th scope="col">{t('returns.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {sale.lines.map((l, i) => (
                <tr key={l.lineNo} data-testid="returns-line">
                  <td>{l.name}</td>
                  <td>
                    {l.batch} · {formatCalendarDate(l.expiry, i18n.language)}
                  </td>
                  <td className="num">{l.quantity}</td>
                  <td className="num">{l.returnedQuantity}</td>
                  <td className="num">{money(l.grossMinor)}</td>
                  <td>
                    <input className="qty" aria-label={t('returns.quantityOf', { name: l.name })} data-testid="returns-line-quantity"
                      inputMode="numeric" value={quantities[l.lineNo] ?? ''} placeholder="0" ref={i === 0 ? firstQuantity : undefined}
                      disabled={returnable(l.lineNo) <= 0 || sale.voided !== null || done !== null}
                      onChange={(e) => setQuantities((q) => ({ ...q, [l.lineNo]: e.target.value }))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!done && !sale.voided ? (
            <div className="returns-form">
              <TextField id="returns-reason" testId="returns-reason" label={t('returns.reason')} value={reason} onChange={setReason}
                maxLength={500} />
              <fieldset className="choices" aria-label={t('returns.refundAs')}>
                {(['original', 'storeCredit'] as const).map((r) => (
                  <label key={r} className="choice">
                    <input type="radio" name="refund-as" checked={refundAs === r} data-testid={`returns-refund-${r}`}
                      onChange={() => setRefundAs(r)} />
                    <span>{t(`returns.refund.${r}`)}</span>
                  </label>
                ))}
              </fieldset>
              {paidByCard && refundAs === 'original' ? (
                <TextField id="returns-card-reference" testId="returns-card-reference" label={t('returns.cardReference')}
                  value={cardReference} onChange={setCardReference} />
              ) : null}
              <div className="actions">
                <button type="button" className="primary" data-testid="returns-submit" disabled={busy} onClick={() => void submitReturn()}>
                  {t('returns.submit')} <Kbd>F12</Kbd>
                </button>
                <button type="button" data-testid="void-sale" disabled={busy} onClick={() => setVoiding(true)}>
                  {t('returns.void')} <Kbd>Alt+V</Kbd>
                </button>
              </div>
              <p className="key-help">
                <Kbd>Alt+A</Kbd> {t('returns.keys.all')} · <Kbd>Alt+N</Kbd> {t('returns.keys.another')}
              </p>
            </div>
          ) : null}
          {voiding ? (
            <form className="inline-form void-form" onSubmit={(e) => void submitVoid(e)}>
              <TextField id="void-reason" testId="void-reason" label={t('returns.voidReason')} value={voidReason} onChange={setVoidReason}
                inputRef={voidField} maxLength={500} />
              <button type="submit" className="danger" data-testid="void-submit" disabled={busy}>
                {t('returns.voidConfirm')} <Kbd>Enter</Kbd>
              </button>
            </form>
          ) : null}
        </div>
      ) : null}
      {done?.kind === 'return' ? <RefundSummary result={done.value} /> : null}
      {done?.kind === 'void' ? (
        <p className="banner banner-ok" data-testid="void-summary">
          {t('returns.voided', { number: done.value.receiptNo, total: money(done.value.totals.grossMinor, done.value.currency) })}
        </p>
      ) : null}
    </section>
  );
}

function RefundSummary({ result }: { result: SaleReturn }) {
  const { t, i18n } = useTranslation();
  const money = (minor: number) => formatMoney(minor, result.currency, i18n.language);
  return (
    <div className="banner banner-ok refund-summary" data-testid="returns-summary" role="status">
      <p>
        <strong>{t('returns.done', { number: result.receiptNo })}</strong>{' '}
        <span data-testid="returns-refund-total">{t('returns.refundTotal', { amount: money(result.refundMinor) })}</span>
      </p>
      <ul>
        {result.refunds.map((r, i) => (
          <li key={i}>
            {t(`returns.refundKind.${r.kind}`)}: {money(r.amountMinor)}
            {r.reference ? ` (${r.reference})` : ''}
          </li>
        ))}
        {result.lines.map((l) => (
          <li key={l.lineNo}>{t('returns.quarantined', { count: l.quantity, name: l.name })}</li>
        ))}
      </ul>
      {result.storeCreditCode ? (
        <p data-testid="returns-store-credit">{t('returns.storeCreditIssued', { code: result.storeCreditCode })}</p>
      ) : null}
    </div>
  );
}
