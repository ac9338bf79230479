// Purchase orders by status, newest first; Enter or a click opens one, "New order" drafts one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrderStatus, SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { formatDateTime } from '../../format/dates.js';
import { formatMoney } from '../../format/money.js';
import { useListPurchaseOrdersQuery } from './inventory-api.js';
import { OrderDetail } from './order-detail.js';
import { OrderEditor } from './order-editor.js';

const statuses: PurchaseOrderStatus[] = ['draft', 'approved', 'sent', 'partlyReceived', 'received', 'closed', 'cancelled'];

export function OrdersTab({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<PurchaseOrderStatus | ''>('');
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useListPurchaseOrdersQuery({ limit: 200, ...(status ? { status } : {}) });
  const canOrder = session.permissions.includes('purchasing.order');

  if (creating) {
    return (
      <OrderEditor
        onDone={(order) => {
          setCreating(false);
          setOpen(order.id);
        }}
        onCancel={() => setCreating(false)} />
    );
  }
  if (open) return <OrderDetail key={open} orderId={open} session={session} onClose={() => setOpen(null)} />;

  return (
    <section className="panel orders" aria-labelledby="orders-title" data-testid="orders">
      <header className="panel-head">
        <h3 id="orders-title">{t('inventory.tabs.orders')}</h3>
        <div className="actions">
          {canOrder ? (
            <button type="button" className="primary" data-testid="order-new" onClick={() => setCreating(true)}>
              {t('inventory.orders.new')}
            </button>
          ) : null}
        </div>
      </header>
      <div className="field">
        <label htmlFor="orders-status">{t('inventory.orders.statusFilter')}</label>
        <select id="orders-status" data-testid="orders-status" value={status} onChange={(e) => setStatus(e.target.value as PurchaseOrderStatus | '')}>
          <option value="">{t('inventory.orders.allStatuses')}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`inventory.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {list.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, list.error)}
        </p>
      ) : null}
      <table className="table" aria-label={t('inventory.tabs.orders')} data-testid="orders-list">
        <thead>
          <tr>
            <th scope="col">{t('inventory.orders.number')}</th>
            <th scope="col">{t('inventory.receiving.supplier')}</th>
            <th scope="col">{t('inventory.orders.statusFilter')}</th>
            <th scope="col" className="num">{t('inventory.orders.lineCount')}</th>
            <th scope="col" className="num">{t('inventory.orders.total')}</th>
            <th scope="col">{t('inventory.orders.created')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data && list.data.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                {t('inventory.orders.none')}
              </td>
            </tr>
          ) : null}
          {(list.data ?? []).map((o) => (
            <tr key={o.id} data-testid="orders-row">
              <td>
                <button type="button" className="ghost" data-testid="orders-open" onClick={() => setOpen(o.id)}>
                  {o.number}
                </button>
              </td>
              <td>{o.supplierName}</td>
              <td>
                {t(`inventory.status.${o.status}`)}
                {o.origin === 'suggested' ? <span className="badge">{t('inventory.orders.origin.suggested')}</span> : null}
              </td>
              <td className="num">{o.lineCount}</td>
              <td className="num">{formatMoney(o.totalMinor, o.currency, i18n.language)}</td>
              <td>{formatDateTime(o.createdAt, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
