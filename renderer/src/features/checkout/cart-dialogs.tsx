// The cart's small dialogs: a discount on a line or on the basket, the reason for a discount approval, and the
// confirmation before the whole cart is cleared. Enter confirms, Esc goes back to the scan box.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CartDiscount, PricedCart } from '@mortar/main/contract';
import { api } from '../../app/api.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { parseMoneyInput } from '../../format/money.js';
import { Kbd, TextField } from '../../ui/field.js';
import type { CartCommands } from './cart-commands.js';
import { basketDiscountSet, cartCleared, cartInput, dialogClosed, discountApproved, lineDiscountSet } from './cart-slice.js';
import { refusalWords } from './refusal-words.js';
import { outcomeOf, type OverrideControl } from './use-override.js';

function Dialog({ title, testId, onSubmit, children }: { title: string; testId: string; onSubmit: () => void; children: ReactNode }) {
  const dispatch = useAppDispatch();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      dispatch(dialogClosed());
    }
  };
  return (
    <div className="modal-backdrop">
      <form className="modal card" role="dialog" aria-modal="true" aria-label={title} data-testid={testId} onSubmit={submit} onKeyDown={onKey}>
        <h2>{title}</h2>
        {children}
      </form>
    </div>
  );
}

function Buttons({ submit, testId }: { submit: string; testId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  return (
    <div className="actions">
      <button type="submit" className="primary" data-testid={testId}>
        {submit} <Kbd>Enter</Kbd>
      </button>
      <button type="button" onClick={() => dispatch(dialogClosed())}>
        {t('common.cancel')} <Kbd>Esc</Kbd>
      </button>
    </div>
  );
}

/** "10%" is a percentage, "2.50" an amount of money; an empty field takes the discount off. */
export function readDiscount(text: string, exponent: number): { ok: true; discount: CartDiscount | null } | { ok: false } {
  const value = text.trim();
  if (value === '') return { ok: true, discount: null };
  const percent = /^(\d+(?:[.,]\d+)?)\s*%$/.exec(value);
  if (percent?.[1]) return { ok: true, discount: { percent: percent[1].replace(',', '.') } };
  const amount = parseMoneyInput(value, exponent);
  return amount.ok ? { ok: true, discount: { amount: amount.decimal } } : { ok: false };
}

export function DiscountDialog({ target, commands, priced }: { target: 'line' | 'basket'; commands: CartCommands; priced: PricedCart | undefined }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { lines, selected, basketDiscount } = useAppSelector((s) => s.cart);
  const line = lines[selected];
  const current = target === 'line' ? line?.discount : basketDiscount;
  const [text, setText] = useState(current ? ('percent' in current ? `${current.percent}%` : current.amount) : '');
  const [problem, setProblem] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const apply = async () => {
    const read = readDiscount(text, priced?.exponent ?? 2);
    if (!read.ok) return setProblem(t('checkout.discount.unreadable'));
    const action = target === 'line' ? lineDiscountSet({ index: selected, discount: read.discount }) : basketDiscountSet(read.discount);
    const outcome = await commands.change(action);
    if (outcome.ok) dispatch(dialogClosed());
    else setProblem(refusalWords(t, outcome.error, i18n.language));
  };

  const title = target === 'line' ? t('checkout.discount.lineTitle', { name: line?.name ?? '' }) : t('checkout.discount.basketTitle');
  return (
    <Dialog title={title} testId="discount-dialog" onSubmit={() => void apply()}>
      <TextField id="discount-value" testId="discount-value" label={t('checkout.discount.value')} value={text} onChange={setText}
        inputRef={field} hint={t('checkout.discount.hint')} error={problem ?? undefined} />
      <Buttons submit={t('checkout.discount.apply')} testId="discount-apply" />
    </Dialog>
  );
}

/** A discount beyond the cashier's limit: the reason, then (when the core asks) a manager's credential. */
export function ApprovalDialog({ overrides }: { overrides: OverrideControl }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const cart = useAppSelector((s) => s.cart);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  const approve = async () => {
    if (reason.trim().length < 3) return setProblem(t('override.needReason'));
    const input = { ...cartInput({ ...cart, discountApprovalId: null }), reason: reason.trim() };
    const outcome = await overrides.run(
      (override) => outcomeOf(dispatch(api.endpoints.authorizeDiscount.initiate({ input, override }, { track: false }))),
      reason.trim(),
    );
    if (outcome.ok) dispatch(discountApproved(outcome.value.approvalId));
    else if (outcome.cancelled) field.current?.focus();
    else setProblem(refusalWords(t, outcome.error, i18n.language));
  };

  return (
    <Dialog title={t('checkout.approval.title')} testId="approval-dialog" onSubmit={() => void approve()}>
      <p>{t('checkout.approval.lead')}</p>
      <TextField id="approval-reason" testId="approval-reason" label={t('checkout.approval.reason')} value={reason} onChange={setReason}
        inputRef={field} error={problem ?? undefined} maxLength={500} />
      <Buttons submit={t('checkout.approval.submit')} testId="approval-submit" />
    </Dialog>
  );
}

export function ClearDialog() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const count = useAppSelector((s) => s.cart.lines.length);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <Dialog title={t('checkout.clear.title')} testId="clear-dialog" onSubmit={() => dispatch(cartCleared())}>
      <p>{t('checkout.clear.lead', { count })}</p>
      <div className="actions">
        <button type="submit" className="danger" ref={yes} data-testid="clear-confirm">
          {t('checkout.clear.confirm')} <Kbd>Enter</Kbd>
        </button>
        <button type="button" onClick={() => dispatch(dialogClosed())}>
          {t('common.cancel')} <Kbd>Esc</Kbd>
        </button>
      </div>
    </Dialog>
  );
}
