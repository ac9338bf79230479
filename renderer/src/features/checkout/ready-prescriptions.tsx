// The till's list of dispensed prescriptions waiting to be sold: picking one puts it in the cart as dispensed
// (the only way a prescription-only medicine reaches the cart). Alt+P moves the focus to the list.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorWords } from '../../app/api-error.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { Kbd } from '../../ui/field.js';
import { useListReadyRxQuery } from '../prescriptions/prescriptions-api.js';
import { prescriptionAdded } from './cart-slice.js';
import { inDialog, isAlt } from './keys.js';

export function ReadyPrescriptions({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const ready = useListReadyRxQuery();
  // Derived outside the selector: a selector that builds a new array makes every store change redraw the list.
  const lines = useAppSelector((s) => s.cart.lines);
  const inCart = useMemo(() => lines.filter((l) => l.dispense !== null).map((l) => `${l.dispense?.dispenseId}#${l.dispense?.lineNo}`), [lines]);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isAlt(e, 'p') || inDialog(e.target)) return;
      e.preventDefault();
      list.current?.querySelector('button')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  const items = (ready.data?.ready ?? []).filter((r) => !inCart.includes(`${r.dispenseId}#${r.lineNo}`));
  return (
    <section className="ready-prescriptions" aria-labelledby="ready-rx-title" data-testid="ready-prescriptions">
      <h3 id="ready-rx-title">
        {t('prescriptions.till.title')} <Kbd>Alt+P</Kbd>
      </h3>
      {ready.error ? <p className="banner banner-error" role="alert">{errorWords(t, ready.error)}</p> : null}
      {ready.data && items.length === 0 ? <p className="muted" data-testid="ready-rx-none">{t('prescriptions.till.none')}</p> : null}
      <ul ref={list} className="results">
        {items.map((r) => (
          <li key={`${r.dispenseId}#${r.lineNo}`} className="result">
            <button type="button" data-testid="ready-rx-pick" onClick={() => dispatch(prescriptionAdded(r))}>
              <span className="result-name">{r.patientName}</span>
              <span className="result-sub">
                {t('prescriptions.till.item', { product: r.productName, quantity: r.quantity, rx: r.rxNumber })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
