// Payment: tenders are taken one by one (split tender), and after each the core says where the payment stands
// (still owed, or settled with change); the screen does no sum of its own. Completing sends one idempotency
// key per payment attempt, so a second press of Pay returns the same sale instead of selling twice.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CartTender, SaleTenderKind } from '@mortar/main/contract';
import { api, useListExchangeRatesQuery, usePriceCartQuery } from '../../app/api.js';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/hooks.js';
import { formatMoney, minorDigits, minorToDecimalString, parseMoneyInput } from '../../format/money.js';
import { Kbd, SelectField, TextField } from '../../ui/field.js';
import { pricingInput, useCartCommands } from './cart-commands.js';
import { cartInput, paymentAttempted, paymentCancelled, paymentRefused, saleCompleted, tenderAdded, tenderRemoved } from './cart-slice.js';
import { inDialog, isAlt, isPayKey } from './keys.js';
import { refusalWords } from './refusal-words.js';
import { outcomeOf } from './use-override.js';
import { looksLikeBarcode } from './wedge-detector.js';

/** In the order of their keys, Alt+1 … Alt+4: the everyday ones first. */
export const tenderKinds = ['cash', 'card', 'foreignCash', 'storeCredit'] as const satisfies readonly SaleTenderKind[];

export function PayView({ active }: { active: boolean }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const cart = useAppSelector((s) => s.cart);
  const commands = useCartCommands();
  const priced = usePriceCartQuery(pricingInput(cart));
  const current = priced.currentData;
  const payment = current?.payment ?? null;
  const rates = useListExchangeRatesQuery();
  const [kind, setKind] = useState<SaleTenderKind>('cash');
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [foreign, setForeign] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const completing = useRef(false);
  const amountField = useRef<HTMLInputElement>(null);
  const completeButton = useRef<HTMLButtonElement>(null);
  const currency = current?.currency ?? '';
  const exponent = current?.exponent ?? 2;
  const money = (minor: number, cur = currency) => (cur ? formatMoney(minor, cur, i18n.language) : '');
  const foreignRates = rates.data?.rates ?? [];
  const foreignCurrency = foreign || foreignRates[0]?.currency || '';
  const settled = payment?.status === 'settled';

  // What the core says is still owed, offered in the amount field: Enter alone takes exactly that.
  const suggestion =
    payment && !settled && kind !== 'foreignCash'
      ? minorToDecimalString(kind === 'cash' ? payment.remainingCashMinor : payment.remainingMinor, exponent)
      : '';

  const choose = (k: SaleTenderKind) => {
    setKind(k);
    setProblem(null);
    setNote(null);
    setReference('');
    amountField.current?.focus();
  };

  const complete = async () => {
    if (completing.current || !settled) return;
    completing.current = true;
    setBusy(true);
    setProblem(null);
    dispatch(paymentAttempted());
    const state = store.getState().cart;
    const idempotencyKey = state.paymentKey ?? crypto.randomUUID();
    const outcome = await outcomeOf(
      dispatch(api.endpoints.completeSale.initiate({ ...cartInput(state), tenders: state.tenders, idempotencyKey }, { track: false })),
    );
    completing.current = false;
    setBusy(false);
    if (outcome.ok) {
      dispatch(saleCompleted(outcome.value));
      return;
    }
    // Only a refusal from the core says nothing was sold; after a lost connection the same key must be retried.
    if (!outcome.error.code.startsWith('bridge.')) dispatch(paymentRefused());
    setProblem(refusalWords(t, outcome.error, i18n.language));
  };

  const addTender = async () => {
    setProblem(null);
    // Until the core has priced the basket there is nothing to pay against: say so rather than guess.
    if (!payment) return setProblem(t('checkout.pay.stillPricing'));
    const typed = amount.trim() === '' ? suggestion : amount;
    // A pack scanned while paying lands here: its barcode is no sum of money (as cash it would settle any sale).
    if (looksLikeBarcode(typed)) {
      setAmount('');
      return setProblem(t('checkout.pay.scanNotAmount'));
    }
    if (typed === '' && settled) return void complete();
    const cur = kind === 'foreignCash' ? foreignCurrency : currency;
    if (!cur) return setProblem(t('checkout.pay.noForeignCurrency'));
    const parsed = parseMoneyInput(typed, kind === 'foreignCash' ? minorDigits(cur) : exponent);
    if (!parsed.ok) return setProblem(t(`moneyInput.${parsed.problem}`));
    const tender: CartTender = {
      kind,
      amount: parsed.decimal,
      ...(kind === 'foreignCash' ? { currency: cur } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    };
    const outcome = await commands.change(tenderAdded(tender));
    if (!outcome.ok) return setProblem(refusalWords(t, outcome.error, i18n.language));
    setAmount('');
    setReference('');
    setNote(null);
  };

  const checkBalance = async () => {
    if (!reference.trim()) return;
    const outcome = await outcomeOf(dispatch(api.endpoints.getStoreCredit.initiate({ code: reference.trim() }, { track: false })));
    if (outcome.ok) setNote(t('checkout.pay.creditBalance', { code: outcome.value.code, balance: money(outcome.value.balanceMinor, outcome.value.currency) }));
    else setProblem(refusalWords(t, outcome.error, i18n.language));
  };

  // Once the tenders cover the sale, the next Enter completes it.
  useEffect(() => {
    if (settled) completeButton.current?.focus();
    else amountField.current?.focus();
  }, [settled, cart.tenders.length]);

  const latest = useRef({ complete, choose, tenders: cart.tenders.length });
  useEffect(() => {
    latest.current = { complete, choose, tenders: cart.tenders.length };
  });
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (inDialog(e.target)) return;
      const s = latest.current;
      const chosen = tenderKinds.find((_k, i) => isAlt(e, String(i + 1)));
      if (isPayKey(e)) void s.complete();
      else if (chosen) s.choose(chosen);
      else if (e.altKey && e.key === 'Backspace') {
        if (s.tenders > 0) void commands.change(tenderRemoved(s.tenders - 1));
      } else if (e.key === 'Escape' && !completing.current) dispatch(paymentCancelled());
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, dispatch, commands]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void addTender();
  };

  const amountLabel =
    kind === 'cash'
      ? t('checkout.pay.cashGiven')
      : kind === 'foreignCash'
        ? t('checkout.pay.foreignGiven', { currency: foreignCurrency })
        : t('checkout.pay.amount');
  return (
    <section className="pay-view panel" data-testid="pay-view" aria-labelledby="pay-title">
      <header className="panel-head">
        <h2 id="pay-title">{t('checkout.pay.title')}</h2>
        <div className="actions">
          <button type="button" onClick={() => dispatch(paymentCancelled())} disabled={busy}>
            {t('checkout.pay.back')} <Kbd>Esc</Kbd>
          </button>
        </div>
      </header>
      <div className="pay-grid">
        <form className="pay-entry" onSubmit={submit}>
          <fieldset className="choices" role="radiogroup" aria-label={t('checkout.pay.kind')}>
            {tenderKinds.map((k, i) => (
              <label key={k} className="choice">
                <input type="radio" name="tender-kind" value={k} checked={kind === k} data-testid={`tender-kind-${k}`}
                  onChange={() => choose(k)} />
                <span>
                  {t(`checkout.tenders.${k}`)} <Kbd>Alt+{i + 1}</Kbd>
                </span>
              </label>
            ))}
          </fieldset>
          {kind === 'foreignCash' ? (
            foreignRates.length > 0 ? (
              <SelectField id="tender-currency" testId="tender-currency" label={t('checkout.pay.currency')} value={foreignCurrency}
                onChange={setForeign}
                options={foreignRates.map((r) => ({ value: r.currency, label: t('checkout.pay.rate', { currency: r.currency, rate: r.rate, base: currency }) }))} />
            ) : (
              <p className="banner banner-info" data-testid="tender-no-rates">
                {t('checkout.pay.noRates')}
              </p>
            )
          ) : null}
          <TextField id="tender-amount" testId="tender-amount" label={amountLabel} value={amount} onChange={setAmount} inputRef={amountField}
            inputMode="text" hint={suggestion ? t('checkout.pay.enterForExact', { amount: suggestion }) : undefined} />
          {kind === 'card' || kind === 'storeCredit' ? (
            <TextField id="tender-reference" testId="tender-reference"
              label={kind === 'card' ? t('checkout.pay.cardReference') : t('checkout.pay.creditCode')} value={reference}
              onChange={setReference} />
          ) : null}
          <div className="actions">
            <button type="submit" data-testid="tender-add" disabled={busy}>
              {t('checkout.pay.add')} <Kbd>Enter</Kbd>
            </button>
            {kind === 'storeCredit' ? (
              <button type="button" onClick={() => void checkBalance()} data-testid="tender-check-credit">
                {t('checkout.pay.checkBalance')}
              </button>
            ) : null}
          </div>
          {note ? <p className="banner banner-info">{note}</p> : null}
          {problem ? (
            <p className="banner banner-error" role="alert" data-testid="pay-error">
              {problem}
            </p>
          ) : null}
        </form>
        <div className="pay-status" aria-live="polite">
          {payment ? (
            <>
              <dl className="facts">
                <dt>{t('checkout.pay.due')}</dt>
                <dd className="num" data-testid="pay-due">
                  {money(payment.amountToPayMinor)}
                </dd>
                {payment.cashRoundingMinor !== 0 ? (
                  <>
                    <dt>{t('checkout.pay.cashRounding')}</dt>
                    <dd className="num">{money(payment.cashRoundingMinor)}</dd>
                  </>
                ) : null}
                <dt>{t('checkout.pay.tendered')}</dt>
                <dd className="num" data-testid="pay-tendered">
                  {money(payment.tenderedMinor)}
                </dd>
                <dt>{settled ? t('checkout.pay.change') : t('checkout.pay.remaining')}</dt>
                <dd className={settled ? 'num change' : 'num owed'} data-testid={settled ? 'pay-change' : 'pay-remaining'}>
                  {money(settled ? payment.changeMinor : payment.remainingMinor)}
                </dd>
              </dl>
              <ol className="tenders" aria-label={t('checkout.pay.tenders')}>
                {payment.tenders.map((p, i) => (
                  <li key={i} data-testid="tender-row">
                    <span>{t(`checkout.tenders.${p.kind}`)}</span>
                    <span className="num">
                      {money(p.amountMinor, p.currency)}
                      {p.currency !== currency ? ` = ${money(p.baseAmountMinor)} (${p.rate ?? ''})` : ''}
                    </span>
                    {p.reference ? <span className="muted">{p.reference}</span> : null}
                    <button type="button" className="ghost" data-testid="tender-remove" onClick={() => void commands.change(tenderRemoved(i))}>
                      {t('checkout.pay.removeTender')}
                    </button>
                  </li>
                ))}
              </ol>
              {cart.tenders.length > 0 ? (
                <p className="key-help">
                  <Kbd>Alt+⌫</Kbd> {t('checkout.pay.removeLast')}
                </p>
              ) : null}
            </>
          ) : (
            <p className="muted">{t('common.loading')}</p>
          )}
          <button type="button" ref={completeButton} className="primary pay-button" data-testid="pay-complete" disabled={!settled || busy}
            onClick={() => void complete()}>
            {busy ? t('checkout.pay.completing') : t('checkout.pay.complete')} <Kbd>F12</Kbd>
          </button>
        </div>
      </div>
    </section>
  );
}
