// Beside a receipt on screen: whether it printed, or why it waits (printer offline, out of paper), and a Reprint
// button that prints a copy marked as such. Nothing here decides anything: the core's queue state is shown as is.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorWords } from '../../app/api-error.js';
import { usePrintingStatusQuery, useReprintReceiptMutation } from './printing-api.js';

export function ReceiptPrintBar({ saleId }: { saleId: string }) {
  const { t } = useTranslation();
  const status = usePrintingStatusQuery({ saleId });
  const [reprint, reprinting] = useReprintReceiptMutation();
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  // A core without printing (an older one) answers with an error: the receipt on screen is all there is then.
  if (!status.data) return null;
  const { sale, printers, workerRunning } = status.data;
  const printer = printers.find((p) => p.isReceiptPrinter);
  let notice: { text: string; warn: boolean };
  if (!printer) notice = { text: t('printing.receipt.noPrinter'), warn: true };
  else if (!sale) notice = { text: t('printing.receipt.notQueued'), warn: false };
  else if (sale.state === 'printed') notice = { text: t('printing.receipt.printed'), warn: false };
  else if (!workerRunning) notice = { text: t('printing.receipt.notRunning'), warn: true };
  else if (printer.paperOut) notice = { text: t('printing.receipt.paperOut'), warn: true };
  else if (printer.offline) notice = { text: t('printing.receipt.offline'), warn: true };
  else if (sale.state === 'failed' && sale.error) notice = { text: t('printing.receipt.failed', { reason: t(`printing.states.${printer.state}`) }), warn: true };
  else notice = { text: t(sale.state === 'printing' ? 'printing.receipt.printing' : 'printing.receipt.queued'), warn: false };

  const onReprint = async () => {
    const result = await reprint({ saleId });
    setSaid('error' in result ? { ok: false, text: errorWords(t, result.error) } : { ok: true, text: t('printing.receipt.reprinted') });
  };

  return (
    <div className="receipt-print" data-testid="receipt-print">
      <p className={notice.warn ? 'banner banner-warning' : 'key-help'} role="status" data-testid="receipt-print-state">
        {notice.text}
      </p>
      {printer ? (
        <button type="button" data-testid="receipt-reprint" disabled={reprinting.isLoading} onClick={() => void onReprint()}>
          {t('printing.receipt.reprint')}
        </button>
      ) : null}
      {said ? (
        <p className={said.ok ? 'banner banner-ok' : 'banner banner-error'} role={said.ok ? 'status' : 'alert'} data-testid="receipt-reprint-message">
          {said.text}
        </p>
      ) : null}
    </div>
  );
}
