// The core's refusals in the cashier's words, with what it said about them (which batch, which date, which
// limit): "expired" alone does not tell the cashier which pack to take off the counter.
import type { TFunction } from 'i18next';
import { errorWords, type ErrorLike } from '../../app/api-error.js';
import { formatCalendarDate } from '../../format/dates.js';

function details(error: ErrorLike): Record<string, unknown> {
  return typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
}

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function refusalWords(t: TFunction, error: ErrorLike, locale: string): string {
  const d = details(error);
  const batch = text(d.batch);
  const line = typeof d.lineNo === 'number' ? t('refusals.onLine', { line: d.lineNo }) : '';
  const words = (() => {
    switch (error.code) {
      case 'stock.batchExpired': {
        const date = typeof d.expiry === 'string' ? formatCalendarDate(d.expiry, locale) : '';
        if (batch && date) return t('refusals.batchExpired', { batch, date });
        return date ? t('refusals.packExpired', { date }) : errorWords(t, error);
      }
      case 'stock.batchQuarantined':
        return batch ? t('refusals.batchQuarantined', { batch }) : errorWords(t, error);
      case 'stock.recalled':
        return batch ? t('refusals.batchRecalled', { batch }) : errorWords(t, error);
      case 'stock.batchNotFound':
        return batch ? t('refusals.batchNotFound', { batch }) : errorWords(t, error);
      case 'stock.wouldGoNegative':
        return typeof d.onHand === 'number' ? t('refusals.wouldGoNegative', { count: d.onHand }) : errorWords(t, error);
      case 'sales.prescriptionRequired':
        return t('refusals.prescriptionRequired');
      case 'sales.quantityLimit':
        return typeof d.maxPacks === 'number'
          ? t('refusals.quantityLimit', { count: d.maxPacks, group: text(d.group) || text(d.ingredient) })
          : errorWords(t, error);
      case 'sales.unknownGtin':
        return t('refusals.unknownGtin', { gtin: text(d.gtin) });
      case 'sales.discountLimit':
        return t('refusals.discountLimit', { limit: text(d.limitPercent) });
      case 'checkout.noStockOnRecord':
        return t('refusals.noStockOnRecord', { batch });
      default:
        return errorWords(t, error);
    }
  })();
  return line ? `${line} ${words}` : words;
}
