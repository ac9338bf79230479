// One purchase order: its lines with what was received, its deliveries and EDI documents, and what may be
// done with it in its state (edit, approve, send, close, cancel, export, import the supplier's 855 and 810).
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf, SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { formatDateTime } from '../../format/dates.js';
import { formatMoney } from '../../format/money.js';
import { downloadDocument, readFileText } from './download.js';
import {
  useApprovePurchaseOrderMutation,
  useCancelPurchaseOrderMutation,
  useClosePurchaseOrderMutation,
  useExportPurchaseOrderMutation,
  useGetPurchaseOrderQuery,
  useImportAcknowledgementMutation,
  useImportInvoiceMutation,
  useSendPurchaseOrderMutation,
} from './inventory-api.js';
import { OrderEditor } from './order-editor.js';

type Order = OutputOf<'inventory.getPurchaseOrder'>;
type MatchReport = OutputOf<'inventory.importAcknowledgement'>;
type Outcome = { data: unknown } | { error: unknown };

const exportable850 = new Set(['approved', 'sent', 'partlyReceived']);
const closable = new Set(['sent', 'partlyReceived', 'received']);
const cancellable = new Set(['draft', 'approved', 'sent']);

export function OrderDetail({ orderId, session, onClose }: { orderId: string; session: SessionInfo; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const found = useGetPurchaseOrderQuery({ id: orderId });
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [reason, setReason] = useState('');
  const [report, setReport] = useState<MatchReport | null>(null);
  const [approve] = useApprovePurchaseOrderMutation();
  const [send] = useSendPurchaseOrderMutation();
  const [close] = useClosePurchaseOrderMutation();
  const [cancel] = useCancelPurchaseOrderMutation();
  const [exportOrder] = useExportPurchaseOrderMutation();
  const [importAck] = useImportAcknowledgementMutation();
  const [importInvoice] = useImportInvoiceMutation();
  const can = (p: 'purchasing.order' | 'purchasing.approve') => session.permissions.includes(p);
  const order: Order | undefined = found.currentData;

  const outcome = (result: Outcome, done: string) => {
    if ('error' in result) setMessage({ kind: 'error', text: errorWords(t, result.error) });
    else setMessage({ kind: 'ok', text: done });
  };

  if (found.error && !order) {
    return (
      <p className="banner banner-error" role="alert">
        {errorWords(t, found.error)}
      </p>
    );
  }
  if (!order) return <p className="muted">{t('common.loading')}</p>;
  if (editing) return <OrderEditor order={order} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />;

  const doExport = async (format: '850' | 'csv' | 'pdf') => {
    const result = await exportOrder({ id: order.id, format });
    if ('error' in result) return setMessage({ kind: 'error', text: errorWords(t, result.error) });
    downloadDocument(result.data);
    setMessage({ kind: 'ok', text: t('inventory.orders.exported', { filename: result.data.filename, bytes: result.data.bytes }) });
  };

  const doImport = async (kind: '855' | '810', e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await readFileText(file);
    } catch {
      return setMessage({ kind: 'error', text: t('inventory.orders.unreadable', { name: file.name }) });
    }
    if (text.trim() === '') return setMessage({ kind: 'error', text: t('inventory.orders.emptyFile', { name: file.name }) });
    const run = kind === '855' ? importAck : importInvoice;
    const result = await run({ text, purchaseOrderId: order.id });
    if ('error' in result) {
      setReport(null);
      return setMessage({ kind: 'error', text: errorWords(t, result.error) });
    }
    setReport(result.data);
    setMessage(null);
  };

  const status = order.status;
  const reasonOk = reason.trim().length >= 3;
  return (
    <section className="panel order-detail" aria-labelledby="order-title" data-testid="order-detail">
      <header className="panel-head">
        <h3 id="order-title">
          {t('inventory.orders.title', { number: order.number, supplier: order.supplierName })}{' '}
          <span className="badge" data-testid="order-status">{t(`inventory.status.${status}`)}</span>
        </h3>
        <div className="actions">
          <button type="button" className="ghost" onClick={onClose}>
            {t('inventory.card.close')}
          </button>
        </div>
      </header>
      <p className="muted">
        {t(`inventory.orders.origin.${order.origin}`)} · {formatDateTime(order.createdAt, i18n.language)} · {formatMoney(order.totalMinor, order.currency, i18n.language)}
      </p>
      {order.note ? <p>{order.note}</p> : null}
      <table className="table" aria-label={t('inventory.orders.linesLabel')} data-testid="order-lines">
        <thead>
          <tr>
            <th scope="col">{t('inventory.receiving.product')}</th>
            <th scope="col" className="num">{t('inventory.orders.packs')}</th>
            <th scope="col" className="num">{t('inventory.orders.suggested')}</th>
            <th scope="col" className="num">{t('inventory.receiving.cost')}</th>
            <th scope="col" className="num">{t('inventory.orders.received')}</th>
            <th scope="col" className="num">{t('inventory.receiving.damaged')}</th>
            <th scope="col" className="num">{t('inventory.receiving.outstanding')}</th>
            <th scope="col">{t('inventory.receiving.state')}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.lineNo} data-testid="order-line">
              <td>{l.name}</td>
              <td className="num">{l.packs}</td>
              <td className="num">{l.suggestedPacks ?? ''}</td>
              <td className="num">{l.costMinor === null ? '—' : formatMoney(l.costMinor, order.currency, i18n.language)}</td>
              <td className="num">{l.receivedPacks}</td>
              <td className="num">{l.damagedPacks}</td>
              <td className="num">{l.outstandingPacks}</td>
              <td>{l.discrepancy ? t(`inventory.receiving.${l.discrepancy}`) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar" role="group" aria-label={t('inventory.orders.actions')}>
        {status === 'draft' && can('purchasing.order') ? (
          <button type="button" data-testid="order-edit" onClick={() => setEditing(true)}>
            {t('inventory.orders.edit')}
          </button>
        ) : null}
        {status === 'draft' && can('purchasing.approve') ? (
          <button type="button" className="primary" data-testid="order-approve" onClick={async () => outcome(await approve({ id: order.id }), t('inventory.orders.approved'))}>
            {t('inventory.orders.approve')}
          </button>
        ) : null}
        {status === 'approved' && can('purchasing.order') ? (
          <button type="button" className="primary" data-testid="order-send" onClick={async () => outcome(await send({ id: order.id }), t('inventory.orders.sent'))}>
            {t('inventory.orders.send')}
          </button>
        ) : null}
        {can('purchasing.order') && exportable850.has(status) ? (
          <button type="button" data-testid="order-export-850" onClick={() => void doExport('850')}>
            {t('inventory.orders.export850')}
          </button>
        ) : null}
        {can('purchasing.order') ? (
          <>
            <button type="button" data-testid="order-export-csv" onClick={() => void doExport('csv')}>
              {t('inventory.orders.exportCsv')}
            </button>
            <button type="button" data-testid="order-export-pdf" onClick={() => void doExport('pdf')}>
              {t('inventory.orders.exportPdf')}
            </button>
          </>
        ) : null}
      </div>
      {can('purchasing.order') && status !== 'draft' && status !== 'cancelled' ? (
        <div className="inline-form">
          <div className="field">
            <label htmlFor="order-import-855">{t('inventory.orders.import855')}</label>
            <input id="order-import-855" data-testid="order-import-855" type="file" accept=".edi,.x12,.txt,text/plain" onChange={(e) => void doImport('855', e)} />
          </div>
          <div className="field">
            <label htmlFor="order-import-810">{t('inventory.orders.import810')}</label>
            <input id="order-import-810" data-testid="order-import-810" type="file" accept=".edi,.x12,.txt,text/plain" onChange={(e) => void doImport('810', e)} />
          </div>
        </div>
      ) : null}
      {can('purchasing.approve') && (closable.has(status) || cancellable.has(status)) ? (
        <div className="inline-form">
          <div className="field">
            <label htmlFor="order-reason">{t('inventory.orders.reason')}</label>
            <input id="order-reason" data-testid="order-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </div>
          {closable.has(status) ? (
            <button type="button" data-testid="order-close"
              onClick={async () => outcome(await close({ id: order.id, ...(reasonOk ? { reason: reason.trim() } : {}) }), t('inventory.orders.closed'))}>
              {t('inventory.orders.close')}
            </button>
          ) : null}
          {cancellable.has(status) ? (
            <button type="button" className="danger" data-testid="order-cancel"
              onClick={async () => {
                if (!reasonOk) return setMessage({ kind: 'error', text: t('inventory.orders.problems.reason') });
                outcome(await cancel({ id: order.id, reason: reason.trim() }), t('inventory.orders.cancelled'));
              }}>
              {t('inventory.orders.cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      {message ? (
        <p className={message.kind === 'error' ? 'banner banner-error' : 'banner banner-ok'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="order-message">
          {message.text}
        </p>
      ) : null}
      {report ? <MatchReportView report={report} /> : null}
      {order.deliveries.length > 0 ? (
        <>
          <h4>{t('inventory.orders.deliveries')}</h4>
          <ul data-testid="order-deliveries">
            {order.deliveries.map((d) => (
              <li key={d.id}>
                {formatDateTime(d.receivedAt, i18n.language)} {d.reference ?? ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {order.documents.length > 0 ? (
        <>
          <h4>{t('inventory.orders.documents')}</h4>
          <ul data-testid="order-documents">
            {order.documents.map((d) => (
              <li key={d.id}>
                {t(`inventory.orders.direction.${d.direction}`, { set: d.transactionSet })} {d.documentNumber ?? ''} ·{' '}
                {d.matches === null ? '' : d.matches ? t('inventory.orders.matches') : t('inventory.orders.differs')} · {formatDateTime(d.at, i18n.language)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function MatchReportView({ report }: { report: MatchReport }) {
  const { t } = useTranslation();
  return (
    <section className={report.matches ? 'banner banner-ok' : 'banner banner-warning'} aria-labelledby="match-title" data-testid="match-report">
      <h4 id="match-title">
        {t('inventory.orders.matchTitle', { set: report.transactionSet, number: report.documentNumber ?? '—', po: report.poNumber })}
      </h4>
      <p data-testid="match-verdict">{report.matches ? t('inventory.orders.matchesAll') : t('inventory.orders.discrepancies', { count: report.discrepancies.length })}</p>
      {report.discrepancies.length > 0 ? (
        <table className="table" aria-label={t('inventory.orders.discrepancyLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('inventory.orders.line')}</th>
              <th scope="col">{t('inventory.orders.kind')}</th>
              <th scope="col">{t('inventory.orders.expected')}</th>
              <th scope="col">{t('inventory.orders.actual')}</th>
              <th scope="col">{t('inventory.orders.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {report.discrepancies.map((d, i) => (
              <tr key={i} data-testid="match-discrepancy">
                <td>{d.orderLineNo ?? d.documentLineNo ?? '—'}</td>
                <td>{t(`inventory.ediKinds.${d.kind}`, { defaultValue: d.kind })}</td>
                <td>{d.expected ?? '—'}</td>
                <td>{d.actual ?? '—'}</td>
                <td>{d.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
