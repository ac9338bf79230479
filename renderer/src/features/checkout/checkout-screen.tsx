// The cashier's checkout (F1): inside an open shift, the cart, payment, receipt and returns, with the drawer's
// tools beside them. Keys act only while the terminal is unlocked and nothing else has the keyboard.
import { useEffect, useRef } from 'react';
import type { SessionInfo, Shift } from '@mortar/main/contract';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { panelClosed, panelOpened, type ShiftPanel } from '../shifts/shift-slice.js';
import { ShiftGate } from '../shifts/shift-gate.js';
import { CashMovementPanel, CloseShiftPanel, ShiftBar, shiftToolKeys, XReportPanel } from '../shifts/shift-tools.js';
import { CartView } from './cart-view.js';
import { returnsOpened } from './cart-slice.js';
import { ExchangeRatesPanel } from './exchange-rates-panel.js';
import { inDialog, isAlt } from './keys.js';
import { OverrideDialog } from './override-dialog.js';
import { PayView } from './pay-view.js';
import { ReceiptView } from './receipt-view.js';
import { ReturnsView } from './returns-view.js';
import { SalesHistoryPanel } from './sales-history-panel.js';
import { useOverride } from './use-override.js';

export type CheckoutScreenProps = { session: SessionInfo; now?: () => number };

export function CheckoutScreen({ session, now }: CheckoutScreenProps) {
  const active = !session.locked;
  return (
    <section className="checkout" aria-label="checkout" data-testid="checkout">
      <ShiftGate active={active}>
        {(shift) => (
          <Workspace shift={shift} active={active} canEditQuickKeys={session.permissions.includes('catalog.manage')} {...(now ? { now } : {})} />
        )}
      </ShiftGate>
    </section>
  );
}

function Workspace({ shift, active, now, canEditQuickKeys }: { shift: Shift; active: boolean; now?: () => number; canEditQuickKeys: boolean }) {
  const dispatch = useAppDispatch();
  const view = useAppSelector((s) => s.cart.view);
  const lastSale = useAppSelector((s) => s.cart.lastSale);
  const dialog = useAppSelector((s) => s.cart.dialog);
  const panel = useAppSelector((s) => s.shift.panel);
  const overrides = useOverride();
  const asking = overrides.request !== null;
  // The tools are at hand between sales, never in the middle of taking a payment.
  const toolsAvailable = view === 'cart' || view === 'receipt';
  const keysActive = active && !asking;

  const latest = useRef({ toolsAvailable, panel, dialog });
  useEffect(() => {
    latest.current = { toolsAvailable, panel, dialog };
  });
  useEffect(() => {
    if (!keysActive) return;
    const onKey = (e: KeyboardEvent) => {
      const s = latest.current;
      if (inDialog(e.target) || s.dialog !== null) return;
      if (s.panel !== null) {
        if (e.key === 'Escape') {
          e.preventDefault();
          dispatch(panelClosed());
        }
        return;
      }
      if (!s.toolsAvailable) return;
      const tool = (Object.keys(shiftToolKeys) as (keyof typeof shiftToolKeys)[]).find((k) => isAlt(e, shiftToolKeys[k]));
      if (!tool) return;
      e.preventDefault();
      if (tool === 'returns') dispatch(returnsOpened());
      else dispatch(panelOpened(tool as ShiftPanel));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keysActive, dispatch]);

  const viewActive = keysActive && panel === null;
  return (
    <>
      <ShiftBar shift={shift} onReturns={() => dispatch(returnsOpened())} />
      {panel === 'cashMovement' ? <CashMovementPanel shift={shift} overrides={overrides} /> : null}
      {panel === 'xReport' ? <XReportPanel overrides={overrides} /> : null}
      {panel === 'close' ? <CloseShiftPanel shift={shift} /> : null}
      {panel === 'rates' ? <ExchangeRatesPanel overrides={overrides} /> : null}
      {panel === 'history' ? <SalesHistoryPanel shift={shift} /> : null}
      {panel === null && view === 'cart' ? <CartView active={viewActive} overrides={overrides} canEditQuickKeys={canEditQuickKeys} {...(now ? { now } : {})} /> : null}
      {panel === null && view === 'pay' ? <PayView active={viewActive} /> : null}
      {panel === null && view === 'receipt' && lastSale ? <ReceiptView sale={lastSale} active={viewActive} /> : null}
      {panel === null && view === 'returns' ? <ReturnsView active={viewActive} overrides={overrides} /> : null}
      <OverrideDialog control={overrides} />
    </>
  );
}
