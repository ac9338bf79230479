// The shift's sales, newest first, for when a customer comes back for their receipt: choose a sale, see its
// receipt as recorded, and print a copy (marked COPY by the core). Nothing here changes a sale; returns and
// voids stay in their own tools, which check their own permissions.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shift } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { useGetSaleQuery, useListSalesQuery } from '../../app/api.js';
import { formatDateTime } from '../../format/dates.js';
import { formatMoney } from '../../format/money.js';
import { Kbd } from '../../ui/field.js';
import { ReceiptPrintBar } from '../printing/receipt-print-bar.js';
import { ToolPanel } from '../shifts/shift-tools.js';
import { SaleReceipt } from './receipt-view.js';

const PAGE = 25;

/** Up and down move between the rows of the list, whichever page they are on. */
function moveFocus(e: KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const rows = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="history-row"]')];
  const at = rows.indexOf(document.activeElement as HTMLButtonElement);
  const next = rows[Math.min(rows.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

function HistoryPage({ shiftId, cursor, onOpen, onMore, isLast }: {
  shiftId: string;
  cursor: number | undefined;
  onOpen: (saleId: string) => void;
  onMore: (cursor: number) => void;
  isLast: boolean;
}) {
  const { t, i18n } = useTranslation();
  const page = useListSalesQuery(cursor === undefined ? { shiftId, limit: PAGE } : { shiftId, limit: PAGE, cursor });
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (cursor === undefined && page.data) first.current?.focus();
  }, [cursor, page.data]);
  if (page.error) return <p className="banner banner-error" role="alert">{errorWords(t, page.error)}</p>;
  if (!page.data) return <p className="muted">…</p>;
  if (cursor === undefined && page.data.sales.length === 0) return <p data-testid="history-empty">{t('history.empty')}</p>;
  return (
    <>
      {page.data.sales.map((s, i) => (
        <tr key={s.id}>
          <td>
            <button type="button" ref={i === 0 ? first : undefined} data-testid="history-row" data-receipt={s.receiptNo}
              onClick={() => onOpen(s.id)} onKeyDown={moveFocus}>
              {s.receiptNo}
            </button>
          </td>
          <td>{formatDateTime(s.at, i18n.language)}</td>
          <td>{s.cashierName}</td>
          <td className="num">{s.lineCount}</td>
          <td className="num">{formatMoney(s.grossMinor, s.currency, i18n.language)}</td>
          <td data-testid="history-status">{t(`history.statuses.${s.status}`)}</td>
        </tr>
      ))}
      {isLast && page.data.nextCursor !== null ? (
        <tr>
          <td colSpan={6}>
            <button type="button" data-testid="history-more" onClick={() => onMore(page.data?.nextCursor ?? 0)}>
              {t('history.more')}
            </button>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ChosenSale({ saleId, onBack }: { saleId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const sale = useGetSaleQuery({ id: saleId });
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  return (
    <div data-testid="history-sale">
      <button type="button" ref={back} data-testid="history-back" onClick={onBack}>
        {t('history.backToList')}
      </button>
      {sale.error ? <p className="banner banner-error" role="alert">{errorWords(t, sale.error)}</p> : null}
      {sale.data ? (
        <>
          <SaleReceipt sale={sale.data} />
          <ReceiptPrintBar saleId={sale.data.id} />
        </>
      ) : null}
    </div>
  );
}

export function SalesHistoryPanel({ shift }: { shift: Shift }) {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <ToolPanel title={t('shift.tools.history')} testId="sales-history-panel">
      {chosen ? (
        <ChosenSale saleId={chosen} onBack={() => setChosen(null)} />
      ) : (
        <>
          <p className="muted">
            {t('history.lead')} <Kbd>↑</Kbd> <Kbd>↓</Kbd> <Kbd>Enter</Kbd>
          </p>
          <table className="data-table" data-testid="history-list">
            <thead>
              <tr>
                <th scope="col">{t('history.receipt')}</th>
                <th scope="col">{t('history.time')}</th>
                <th scope="col">{t('history.cashier')}</th>
                <th scope="col" className="num">{t('history.lines')}</th>
                <th scope="col" className="num">{t('history.total')}</th>
                <th scope="col">{t('history.status')}</th>
              </tr>
            </thead>
            <tbody>
              {cursors.map((cursor, i) => (
                <HistoryPage key={cursor ?? 'first'} shiftId={shift.id} cursor={cursor} isLast={i === cursors.length - 1}
                  onOpen={setChosen} onMore={(next) => setCursors((c) => [...c, next])} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </ToolPanel>
  );
}
