import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePriceCartQuery } from '../../app/api.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { Kbd } from '../../ui/field.js';
import { queryTyped as catalogQueryTyped } from '../catalog/catalog-slice.js';
import { sectionChosen } from '../shell/navigation-slice.js';
import { useCartCommands } from './cart-commands.js';
import { ApprovalDialog, ClearDialog, DiscountDialog } from './cart-dialogs.js';
import { CartLines, Totals } from './cart-lines.js';
import { cartInput, dialogOpened, paymentStarted, refusalDismissed, refused, scanBoxFocused, type Refusal } from './cart-slice.js';
import { inDialog, isAlt, isEditable, isPayKey, isPrintable } from './keys.js';
import { QuickKeys } from './quick-keys.js';
import { ReadyPrescriptions } from './ready-prescriptions.js';
import { refusalWords } from './refusal-words.js';
import { ScanBox } from './scan-box.js';
import type { OverrideControl } from './use-override.js';

export type CartViewProps = { active: boolean; overrides: OverrideControl; now?: () => number; canEditQuickKeys?: boolean };

function gtinOf(refusal: Refusal): string | null {
  const d = refusal.details as { gtin?: unknown } | undefined;
  return refusal.code === 'sales.unknownGtin' && typeof d?.gtin === 'string' ? d.gtin : null;
}

export function CartView({ active, overrides, now, canEditQuickKeys = false }: CartViewProps) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const cart = useAppSelector((s) => s.cart);
  const { lines, selected, dialog, refusal, pending } = cart;
  const commands = useCartCommands();
  const priced = usePriceCartQuery(cartInput(cart), { skip: lines.length === 0 });
  const current = lines.length > 0 ? priced.currentData : undefined;
  const needsApproval = current?.discount.needsApproval === true;
  const root = useRef<HTMLDivElement>(null);

  const lookUp = (gtin: string) => {
    dispatch(catalogQueryTyped(gtin));
    dispatch(sectionChosen('inventory'));
  };

  const pay = () => {
    if (lines.length === 0) dispatch(refused({ code: 'sales.emptyCart', message: '' }));
    else if (needsApproval) dispatch(dialogOpened('approval'));
    else if (current && pending === 0) dispatch(paymentStarted());
  };

  const latest = useRef({ pay, lookUp, refusal, lines, selected, needsApproval, dialog });
  useEffect(() => {
    latest.current = { pay, lookUp, refusal, lines, selected, needsApproval, dialog };
  });

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const s = latest.current;
      if (s.dialog !== null || inDialog(e.target)) return;
      if (isPayKey(e)) s.pay();
      else if (e.ctrlKey && !e.altKey && e.key === 'Delete') {
        if (s.lines.length > 0) dispatch(dialogOpened('clear'));
      } else if (isAlt(e, 'd')) {
        if (s.lines[s.selected]) dispatch(dialogOpened('lineDiscount'));
      } else if (isAlt(e, 'b')) {
        if (s.lines.length > 0) dispatch(dialogOpened('basketDiscount'));
      } else if (isAlt(e, 'a')) {
        if (s.needsApproval) dispatch(dialogOpened('approval'));
      } else if (isAlt(e, 'l')) {
        const gtin = s.refusal ? gtinOf(s.refusal) : null;
        if (gtin) s.lookUp(gtin);
      } else if (isPrintable(e) && !isEditable(e.target)) {
        // Typing with the focus on nothing that takes it (after a click): it belongs in the scan box.
        dispatch(scanBoxFocused());
        return;
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, dispatch]);

  const pricingError = lines.length > 0 && priced.error && !current ? priced.error : null;
  const unknownGtin = refusal ? gtinOf(refusal) : null;
  return (
    <div className="cart-view" ref={root}>
      <div className="cart-main">
        <ScanBox commands={commands} accepting={active && dialog === null} {...(now ? { now } : {})} />
        <div aria-live="polite" className="cart-messages">
          {refusal ? (
            <div className={refusal.warning ? 'banner banner-warning' : 'banner banner-error'} role="alert" data-testid="checkout-refusal"
              data-code={refusal.code}>
              <span>{refusalWords(t, refusal, i18n.language)}</span>
              {unknownGtin ? (
                <button type="button" data-testid="checkout-lookup-gtin" onClick={() => lookUp(unknownGtin)}>
                  {t('checkout.lookUpInCatalog')} <Kbd>Alt+L</Kbd>
                </button>
              ) : null}
              <button type="button" className="ghost" onClick={() => dispatch(refusalDismissed())}>
                {t('checkout.dismiss')} <Kbd>Esc</Kbd>
              </button>
            </div>
          ) : null}
          {pricingError ? (
            <p className="banner banner-error" role="alert" data-testid="checkout-pricing-error">
              {refusalWords(t, pricingError, i18n.language)}
            </p>
          ) : null}
          {needsApproval && current ? (
            <p className="banner banner-warning" data-testid="checkout-needs-approval">
              {t('checkout.approval.needed', { percent: current.discount.maxLinePercent, limit: current.discount.limitPercent })}{' '}
              <Kbd>Alt+A</Kbd>
            </p>
          ) : null}
          {cart.discountApprovalId ? <p className="banner banner-ok">{t('checkout.approval.granted')}</p> : null}
        </div>
        <CartLines lines={lines} selected={selected} priced={current} />
      </div>
      <aside className="cart-side" aria-label={t('checkout.totals.label')}>
        {pending > 0 ? (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('checkout.working')}
          </p>
        ) : null}
        <Totals priced={current} />
        <QuickKeys active={active} commands={commands} canEdit={canEditQuickKeys} line={lines[selected]} blocked={dialog !== null} />
        <ReadyPrescriptions active={active && dialog === null} />
        <button type="button" className="primary pay-button" data-testid="checkout-pay" disabled={lines.length === 0 || !current}
          onClick={pay}>
          {t('checkout.payButton')} <Kbd>F12</Kbd>
        </button>
        <ul className="key-help key-list">
          <li>
            <Kbd>+</Kbd> <Kbd>−</Kbd> {t('checkout.keys.quantity')} · <Kbd>3 *</Kbd> {t('checkout.keys.typedQuantity')}
          </li>
          <li>
            <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('checkout.keys.select')} · <Kbd>Del</Kbd> {t('checkout.keys.remove')}
          </li>
          <li>
            <Kbd>Alt+D</Kbd> {t('checkout.keys.lineDiscount')} · <Kbd>Alt+B</Kbd> {t('checkout.keys.basketDiscount')}
          </li>
          <li>
            <Kbd>Ctrl+Del</Kbd> {t('checkout.keys.clear')}
          </li>
        </ul>
      </aside>
      {dialog === 'lineDiscount' ? <DiscountDialog target="line" commands={commands} priced={current} /> : null}
      {dialog === 'basketDiscount' ? <DiscountDialog target="basket" commands={commands} priced={current} /> : null}
      {dialog === 'approval' ? <ApprovalDialog overrides={overrides} /> : null}
      {dialog === 'clear' ? <ClearDialog /> : null}
    </div>
  );
}
