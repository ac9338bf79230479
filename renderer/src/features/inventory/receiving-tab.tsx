// Receiving (stock.receive): scan each pack of a delivery, against a sent order or without one; packs are
// counted per batch, with cost, damaged packs and notes; an expired batch goes in only into quarantine.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf, SessionInfo } from '@mortar/main/contract';
import { useSearchProductsQuery } from '../../app/api.js';
import { errorWords } from '../../app/api-error.js';
import { formatCalendarDate, localIsoDate } from '../../format/dates.js';
import { minorToDecimalString } from '../../format/money.js';
import { readPackScan } from './gs1-scan.js';
import { useGetPurchaseOrderQuery, useListPurchaseOrdersQuery, useListSuppliersQuery, useReceiveDeliveryMutation } from './inventory-api.js';
import { addPack, deliveryLines, isLineExpired, lineProblems, type ReceivingLine, type SellableLocation } from './receiving-lines.js';
import { useBaseCurrency } from './use-base-currency.js';
import { useWedgeBox } from './use-wedge-box.js';

/** Wide tables scroll inside their panel instead of pushing the section off the screen. */
const scrollX = { overflowX: 'auto' } as const;

type Order = OutputOf<'inventory.getPurchaseOrder'>;
type Delivery = OutputOf<'inventory.receiveDelivery'>;
const receivable = new Set(['approved', 'sent', 'partlyReceived']);
const locations: SellableLocation[] = ['shelf', 'dispensary', 'controlled-cabinet'];

const gtin14 = (g: string | null) => (g ? g.padStart(14, '0') : null);

function ProductName({ gtin }: { gtin: string }) {
  const { t } = useTranslation();
  const found = useSearchProductsQuery({ query: gtin, limit: 1 });
  const hit = found.data?.hits[0];
  if (found.isLoading) return <>{t('common.loading')}</>;
  return hit && hit.matchedBy === 'gtin' ? <>{hit.name}</> : <span className="badge badge-danger">{t('inventory.receiving.unknownGtin')}</span>;
}

export function ReceivingTab({ session, now = () => new Date() }: { session: SessionInfo; now?: () => Date }) {
  const { t, i18n } = useTranslation();
  const { digits } = useBaseCurrency();
  const orders = useListPurchaseOrdersQuery({ limit: 200 });
  const suppliers = useListSuppliersQuery({ includeInactive: false });
  const [orderId, setOrderId] = useState('');
  const [supplierId, setSupplierId] = useState('');
  const order = useGetPurchaseOrderQuery({ id: orderId }, { skip: orderId === '' });
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<ReceivingLine[]>([]);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [received, setReceived] = useState<Delivery | null>(null);
  const [receive, receiving] = useReceiveDeliveryMutation();
  const today = localIsoDate(now());
  const canReceive = session.permissions.includes('stock.receive');
  const currentOrder: Order | undefined = orderId ? order.currentData : undefined;

  const orderCost = (gtin: string): string => {
    const line = currentOrder?.lines.find((l) => gtin14(l.gtin) === gtin);
    return line && line.costMinor !== null ? minorToDecimalString(line.costMinor, digits) : '';
  };

  const scanRef = useRef<HTMLInputElement>(null);
  const { value: boxValue, setValue: setBoxValue, onKeyDown: onBoxKey, gsSubstitute } = useWedgeBox((text) => {
    setReceived(null);
    const pack = readPackScan(text, now());
    if (!pack) {
      setMessage({ kind: 'error', text: t('inventory.receiving.notGs1') });
      return;
    }
    setLines((current) => {
      const outcome = addPack(current, pack, text.startsWith('(') ? null : text, orderCost(pack.gtin));
      if (outcome.added === 'noBatch') setMessage({ kind: 'error', text: t('inventory.receiving.noBatch') });
      else if (outcome.added === 'duplicateSerial') setMessage({ kind: 'error', text: t('inventory.receiving.duplicateSerial', { serial: pack.serial }) });
      else setMessage({ kind: 'info', text: t('inventory.receiving.scanned', { batch: pack.batch, expiry: pack.expiry }) });
      return outcome.lines;
    });
  });

  const ordered = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of currentOrder?.lines ?? []) {
      const g = gtin14(l.gtin);
      if (g) m.set(g, (m.get(g) ?? 0) + l.outstandingPacks);
    }
    return m;
  }, [currentOrder]);

  const scannedPerGtin = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l.gtin, (m.get(l.gtin) ?? 0) + (Number(l.count) || 0) + (Number(l.damaged) || 0));
    return m;
  }, [lines]);

  const change = (key: string, patch: Partial<ReceivingLine>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setShowProblems(true);
    const supplier = currentOrder?.supplierId ?? supplierId;
    if (!supplier) return setMessage({ kind: 'error', text: t('inventory.receiving.chooseSupplier') });
    if (lines.length === 0) return setMessage({ kind: 'error', text: t('inventory.receiving.noLines') });
    if (lines.some((l) => lineProblems(l, today, digits).length > 0)) return setMessage({ kind: 'error', text: t('inventory.receiving.fixLines') });
    const result = await receive({
      supplierId: supplier,
      ...(currentOrder ? { purchaseOrderId: currentOrder.id } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      lines: deliveryLines(lines, digits, ordered, gsSubstitute),
    });
    if ('error' in result) return setMessage({ kind: 'error', text: errorWords(t, result.error) });
    setReceived(result.data);
    setLines([]);
    setReference('');
    setNote('');
    setShowProblems(false);
    setMessage(null);
    scanRef.current?.focus();
  };

  if (!canReceive) {
    return <p className="banner banner-info" data-testid="receiving-read-only">{t('inventory.receiving.notAllowed')}</p>;
  }

  const openOrders = (orders.data ?? []).filter((o) => receivable.has(o.status));
  return (
    <form className="panel receiving" aria-labelledby="receiving-title" data-testid="receiving" onSubmit={(e) => void submit(e)} noValidate>
      <header className="panel-head">
        <h3 id="receiving-title">{t('inventory.receiving.title')}</h3>
      </header>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="receiving-order">{t('inventory.receiving.order')}</label>
          <select id="receiving-order" data-testid="receiving-order" value={orderId} onChange={(e) => setOrderId(e.target.value)}>
            <option value="">{t('inventory.receiving.noOrder')}</option>
            {openOrders.map((o) => (
              <option key={o.id} value={o.id}>
                {`${o.number} · ${o.supplierName} · ${t(`inventory.status.${o.status}`)}`}
              </option>
            ))}
          </select>
        </div>
        {orderId === '' ? (
          <div className="field">
            <label htmlFor="receiving-supplier">{t('inventory.receiving.supplier')}</label>
            <select id="receiving-supplier" data-testid="receiving-supplier" value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
              <option value="">{t('inventory.receiving.chooseSupplierOption')}</option>
              {(suppliers.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="receiving-reference">{t('inventory.receiving.reference')}</label>
          <input id="receiving-reference" data-testid="receiving-reference" value={reference} maxLength={80} onChange={(e) => setReference(e.target.value)} />
        </div>
      </div>
      <div className="scan-box">
        <label htmlFor="receiving-scan">{t('inventory.receiving.scanLabel')}</label>
        <input id="receiving-scan" data-testid="receiving-scan" ref={scanRef} type="text" autoComplete="off" spellCheck={false}
          placeholder={t('inventory.receiving.scanPlaceholder')} value={boxValue} onKeyDown={onBoxKey}
          onChange={(e) => setBoxValue(e.target.value)} />
      </div>
      {message ? (
        <p className={message.kind === 'error' ? 'banner banner-error' : 'banner banner-info'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="receiving-message">
          {message.text}
        </p>
      ) : null}
      {received ? (
        <div className="banner banner-ok" role="status" data-testid="receiving-done">
          <p>{t('inventory.receiving.done', { count: received.lines.length })}</p>
          <ul>
            {received.lines
              .filter((l) => l.discrepancy !== null || l.damagedPacks > 0)
              .map((l) => (
                <li key={l.lineNo}>
                  {t('inventory.receiving.discrepancy', {
                    batch: l.batch,
                    kind: l.discrepancy ? t(`inventory.receiving.${l.discrepancy}`) : '',
                    packs: l.packs,
                    ordered: l.orderedPacks ?? '—',
                    damaged: l.damagedPacks,
                  })}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      <div className="table-scroll" style={scrollX}>
        <table className="table receiving-lines" aria-label={t('inventory.receiving.linesLabel')} data-testid="receiving-lines">
          <thead>
            <tr>
              <th scope="col">{t('inventory.receiving.product')}</th>
              <th scope="col">{t('inventory.card.batch')}</th>
              <th scope="col">{t('inventory.card.expiry')}</th>
              <th scope="col">{t('inventory.receiving.count')}</th>
              <th scope="col">{t('inventory.receiving.damaged')}</th>
              <th scope="col">{t('inventory.receiving.cost')}</th>
              <th scope="col">{t('inventory.card.location')}</th>
              <th scope="col">{t('inventory.receiving.quarantine')}</th>
              <th scope="col">{t('inventory.receiving.note')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('inventory.receiving.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 ? (
              <tr>
                <td colSpan={10} className="empty">
                  {t('inventory.receiving.empty')}
                </td>
              </tr>
            ) : null}
            {lines.map((l) => {
              const problems = showProblems ? lineProblems(l, today, digits) : [];
              const expired = isLineExpired(l, today);
              const label = `${l.batch}`;
              return (
                <tr key={l.key} data-testid="receiving-line" data-batch={l.batch} className={problems.length > 0 ? 'invalid' : undefined}>
                  <td>
                    <ProductName gtin={l.gtin} />
                    <div className="muted">{l.gtin}</div>
                  </td>
                  <td>{l.batch}</td>
                  <td>
                    {formatCalendarDate(l.expiry, i18n.language)}{' '}
                    {expired ? <span className="badge badge-danger">{t('inventory.card.expired')}</span> : null}
                  </td>
                  <td>
                    <input aria-label={t('inventory.receiving.countOf', { batch: label })} data-testid="receiving-count" inputMode="numeric" size={5}
                      value={l.count} aria-invalid={problems.includes('count') || problems.includes('nothing') || undefined}
                      onChange={(e) => change(l.key, { count: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={t('inventory.receiving.damagedOf', { batch: label })} data-testid="receiving-damaged" inputMode="numeric" size={4}
                      value={l.damaged} aria-invalid={problems.includes('damaged') || undefined} onChange={(e) => change(l.key, { damaged: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={t('inventory.receiving.costOf', { batch: label })} data-testid="receiving-cost" inputMode="decimal" size={8}
                      value={l.cost} aria-invalid={problems.includes('cost') || undefined} onChange={(e) => change(l.key, { cost: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={t('inventory.receiving.locationOf', { batch: label })} value={l.location}
                      onChange={(e) => change(l.key, { location: e.target.value as SellableLocation })}>
                      {locations.map((loc) => (
                        <option key={loc} value={loc}>
                          {t(`locations.${loc}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input type="checkbox" aria-label={t('inventory.receiving.quarantineOf', { batch: label })} data-testid="receiving-quarantine"
                      checked={l.quarantine} onChange={(e) => change(l.key, { quarantine: e.target.checked })} />
                  </td>
                  <td>
                    <input aria-label={t('inventory.receiving.noteOf', { batch: label })} data-testid="receiving-note" maxLength={500} value={l.note}
                      placeholder={t('inventory.receiving.notePlaceholder')} onChange={(e) => change(l.key, { note: e.target.value })} />
                    {problems.map((p) => (
                      <p key={p} className="field-error" role="alert">
                        {t(`inventory.receiving.problems.${p}`)}
                      </p>
                    ))}
                  </td>
                  <td>
                    <button type="button" className="ghost" aria-label={t('inventory.receiving.removeOf', { batch: label })}
                      onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {currentOrder ? (
        <table className="table" aria-label={t('inventory.receiving.againstOrder', { number: currentOrder.number })} data-testid="receiving-order-lines">
          <thead>
            <tr>
              <th scope="col">{t('inventory.receiving.product')}</th>
              <th scope="col" className="num">{t('inventory.receiving.outstanding')}</th>
              <th scope="col" className="num">{t('inventory.receiving.scannedNow')}</th>
              <th scope="col">{t('inventory.receiving.state')}</th>
            </tr>
          </thead>
          <tbody>
            {currentOrder.lines.map((ol) => {
              const now = scannedPerGtin.get(gtin14(ol.gtin) ?? '') ?? 0;
              const state = now === ol.outstandingPacks ? 'complete' : now < ol.outstandingPacks ? 'short' : 'over';
              return (
                <tr key={ol.lineNo} data-testid="receiving-order-line">
                  <td>{ol.name}</td>
                  <td className="num">{ol.outstandingPacks}</td>
                  <td className="num">{now}</td>
                  <td>{t(`inventory.receiving.${state}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="field">
        <label htmlFor="receiving-delivery-note">{t('inventory.receiving.deliveryNote')}</label>
        <textarea id="receiving-delivery-note" rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" data-testid="receiving-submit" disabled={receiving.isLoading}>
          {t('inventory.receiving.submit')}
        </button>
      </div>
    </form>
  );
}
