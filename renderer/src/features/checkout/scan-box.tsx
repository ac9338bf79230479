// The one box at the till: a scanner's burst in it is a scan, anything typed is a search with a picker, and
// with the box empty the keys act on the cart (+ − * Delete ↑ ↓). Nothing typed is ever held back.
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductHit } from '@mortar/main/contract';
import { useSearchProductsQuery } from '../../app/api.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { formatMoney } from '../../format/money.js';
import { useDebounced } from '../catalog/use-debounced.js';
import { ScannerIndicator } from '../scanning/scanner-indicator.js';
import { useDeviceScans } from '../scanning/use-scanning.js';
import type { CartCommands } from './cart-commands.js';
import { lineRemoved, pickerMoved, quantityChanged, queryTyped, refusalDismissed, refused, selectionMoved } from './cart-slice.js';
import { createWedgeDetector, GS, looksLikeBarcode, resolveEnter } from './wedge-detector.js';

export const PICKER_DEBOUNCE_MS = 150;
const PICKER_LIMIT = 8;

export type ScanBoxProps = {
  commands: CartCommands;
  /** False while a dialog (a manager's approval, a quantity) or a tool has the counter's attention. */
  accepting?: boolean;
  now?: () => number;
};

const performanceNow = () => performance.now();

export function ScanBox({ commands, accepting = true, now = performanceNow }: ScanBoxProps) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { query, pickerIndex, lines, selected, focusRequest } = useAppSelector((s) => s.cart);
  const navFocus = useAppSelector((s) => s.navigation.focusRequest);
  const gsSubstitute = useAppSelector((s) => s.preferences.gsSubstitute) ?? null;
  const input = useRef<HTMLInputElement>(null);
  const detector = useMemo(() => createWedgeDetector({ gsSubstitute }), [gsSubstitute]);

  const settled = useDebounced(query.trim(), PICKER_DEBOUNCE_MS);
  const searching = settled !== '' && !looksLikeBarcode(settled);
  const search = useSearchProductsQuery({ query: settled, limit: PICKER_LIMIT }, { skip: !searching });
  const hits = useMemo(() => (searching && query.trim() !== '' ? (search.currentData?.hits ?? []) : []), [searching, query, search.currentData]);
  const fresh = settled === query.trim() && !search.isFetching && search.currentData !== undefined;
  // Enter pressed before the results of what was typed are in picks from the right answer, not a stale one.
  const pickWhenFresh = useRef(false);

  useEffect(() => input.current?.focus(), [focusRequest, navFocus]);

  // A serial or HID scanner's scan takes the wedge's path: same lookup, same refusals, the typed text left alone.
  // While a dialog is open the scan is not taken: a pack scanned during a manager's approval must not slip into
  // the cart unseen behind the dialog. The cashier scans it again once the dialog is closed.
  useDeviceScans((text) => {
    if (accepting) void commands.scan(text);
  });

  // A key event carries the time the scanner sent the key; the input event only the time this renderer got round
  // to it, which a long render pushes apart until a burst looks like typing. So a character is timed by its key,
  // and one with no key (a GS inserted as text) by the key just before it, else on arrival. An injected clock
  // (tests) times everything itself.
  const pressed = useRef<number | null>(null);
  const keyTime = (e: Event) => (now === performanceNow ? e.timeStamp : now());

  // Characters are read from the input events, where a GS sent as character 29 arrives too (it has no key).
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const onInput = (e: Event) => {
      const data = (e as InputEvent).data;
      if (typeof data === 'string' && data !== '') detector.char(data, pressed.current ?? now());
      else detector.reset();
    };
    el.addEventListener('input', onInput);
    return () => el.removeEventListener('input', onInput);
  }, [detector, now]);

  const pick = (hit: ProductHit) => {
    pickWhenFresh.current = false;
    dispatch(queryTyped(''));
    void commands.pick(hit.id);
  };

  const answer = search.currentData;
  useEffect(() => {
    if (!pickWhenFresh.current || !fresh || !answer) return;
    pickWhenFresh.current = false;
    const hit = answer.hits[Math.min(pickerIndex, answer.hits.length - 1)];
    if (hit) pick(hit);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fresh, answer]);

  const changeQuantity = async (index: number, quantity: number) => {
    if (quantity < 1) return;
    const outcome = await commands.change(quantityChanged({ index, quantity }));
    if (!outcome.ok) dispatch(refused(outcome.error));
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    const at = keyTime(e.nativeEvent);
    pressed.current = e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey ? at : null;
    if (e.ctrlKey && !e.altKey && e.key === ']') {
      // Some scanners send GS as Ctrl+]: it becomes the character a GS1 element string needs.
      e.preventDefault();
      detector.char(GS, at);
      dispatch(queryTyped(value + GS));
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      const scan = resolveEnter(value, detector.enter(at), gsSubstitute);
      if (scan) {
        dispatch(queryTyped(scan.remaining));
        void commands.scan(scan.scan);
      } else if (value.trim() !== '') {
        const hit = hits[Math.min(pickerIndex, hits.length - 1)];
        if (!fresh) pickWhenFresh.current = true;
        else if (hit) pick(hit);
      }
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const line = lines[selected];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const by = e.key === 'ArrowDown' ? 1 : -1;
      if (value.trim() !== '' && hits.length > 0) dispatch(pickerMoved({ by, count: hits.length }));
      else dispatch(selectionMoved(by));
    } else if (value === '' && (e.key === '+' || e.key === '-')) {
      if (line) void changeQuantity(selected, line.quantity + (e.key === '+' ? 1 : -1));
    } else if (e.key === '*' && /^\d{1,6}$/.test(value.trim())) {
      dispatch(queryTyped(''));
      if (line) void changeQuantity(selected, Number(value.trim()));
    } else if (value === '' && e.key === 'Delete') {
      if (line) void commands.change(lineRemoved(selected));
    } else if (e.key === 'Escape' && value !== '') {
      dispatch(queryTyped(''));
      detector.reset();
    } else if (e.key === 'Escape') {
      dispatch(refusalDismissed());
    } else return;
    e.preventDefault();
  };

  const corrections = searching ? (search.currentData?.corrections ?? []) : [];
  const activeId = hits[pickerIndex] ? `checkout-hit-${hits[pickerIndex].id}` : undefined;
  return (
    <div className="scan-box">
      <ScannerIndicator />
      <label htmlFor="checkout-scan" className="visually-hidden">
        {t('checkout.scanLabel')}
      </label>
      <input id="checkout-scan" data-testid="checkout-scan" ref={input} type="text" role="combobox" autoComplete="off"
        spellCheck={false} aria-expanded={hits.length > 0} aria-controls="checkout-picker" aria-activedescendant={activeId}
        aria-autocomplete="list" placeholder={t('checkout.scanPlaceholder')} value={query} onKeyDown={onKey}
        onChange={(e) => {
          pickWhenFresh.current = false;
          dispatch(queryTyped(e.target.value));
        }} />
      {corrections.length > 0 && hits.length > 0 ? (
        <p className="corrections" data-testid="checkout-corrections">
          {t('catalog.showingResultsFor', { words: corrections.join(', ') })}
        </p>
      ) : null}
      {searching && fresh && hits.length === 0 ? <p className="empty">{t('catalog.noResults', { query: settled })}</p> : null}
      <ul id="checkout-picker" role="listbox" aria-label={t('checkout.pickerLabel')} className="results picker" data-testid="checkout-picker"
        hidden={hits.length === 0}>
        {hits.map((hit, i) => (
          <li key={hit.id} id={`checkout-hit-${hit.id}`} role="option" aria-selected={i === pickerIndex} data-testid="checkout-pick"
            className={i === pickerIndex ? 'result selected' : 'result'} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(hit)}>
            <span className="result-name">{hit.name}</span>
            <span className="result-price">{formatMoney(hit.priceMinor, hit.currency, i18n.language)}</span>
            <span className="result-sub">
              <span className={`badge legal-${hit.legalCategory}`}>{t(`legalCategories.${hit.legalCategory}`)}</span>
              {[hit.strength, hit.form, t('catalog.pack', { count: hit.packSize })].filter(Boolean).join(' · ')}
            </span>
            <span className={hit.onHand > 0 ? 'result-stock' : 'result-stock out'}>{t('catalog.onHand', { count: hit.onHand })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
