// Counting, blind: the sheet names each lot (product, batch, expiry, location) and never what the ledger expects.
// A scan (wedge burst, typed GTIN or GS1 string, or a serial/HID scanner) adds one pack to the lot it names; a count
// can also be typed. A manager then closes counting, sees the variances at cost, gives each a reason and approves,
// which posts the corrections as movements. Counts are saved as they are made (use-count-saver.ts).
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf, SessionInfo } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { useAppSelector } from '../../app/hooks.js';
import { useDeviceScans } from '../scanning/use-scanning.js';
import { setCurrentStocktake } from './current-stocktake.js';
import { whole } from './lot-actions.js';
import { StocktakeReview } from './stocktake-review.js';
import { useSwCountSheetQuery, useSwReadCountScanMutation, useSwReviewStocktakeMutation } from './stock-watch-api.js';
import { useCountSaver } from './use-count-saver.js';

type Sheet = OutputOf<'inventory.getCountSheet'>;
type Line = Sheet['lines'][number];
type Review = OutputOf<'inventory.reviewStocktake'>;

/** The line a scan names: the product, and its batch when the code carries one; the shelf first when it is in several places. */
export function lineForScan(lines: readonly Line[], productId: string, batch: string | null): Line | 'ambiguous' | null {
  const matches = lines.filter((l) => l.productId === productId && (batch === null || l.batch === batch));
  if (matches.length === 0) return null;
  const batches = new Set(matches.map((l) => l.batch));
  if (batches.size > 1) return 'ambiguous';
  return matches.find((l) => l.location === 'shelf') ?? matches[0] ?? null;
}

export function StocktakeSheet({ stocktakeId, session }: { stocktakeId: string; session: SessionInfo }) {
  const { t } = useTranslation();
  const sheet = useSwCountSheetQuery(stocktakeId);
  const [scan, setScan] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const [readScan] = useSwReadCountScanMutation();
  const [closeCounting, closing] = useSwReviewStocktakeMutation();
  const gsSubstitute = useAppSelector((s) => s.preferences.gsSubstitute) ?? null;
  const scanBox = useRef<HTMLInputElement>(null);
  const canApprove = session.permissions.includes('stock.approveStocktake');
  const data = sheet.data;
  const lines = useMemo(() => data?.lines ?? [], [data]);
  const { typed, setTyped, save } = useCountSaver(stocktakeId, lines, setMessage);
  // Closing runs once at a time; it waits for the saves before it (they queue, so Save and Close stay pressable:
  // a button disabled while a save runs would swallow the click whose own mousedown, leaving a count field,
  // started that save).
  const [closingCount, setClosingCount] = useState(false);

  // Focus waits for the sheet: the scan box appears only once it is in.
  const counting = data?.status === 'counting';
  useEffect(() => {
    if (counting) scanBox.current?.focus();
  }, [counting]);

  const shown = (l: Line): string => typed[l.lotId] ?? (l.counted === null ? '' : String(l.counted));

  const onScan = async (text: string) => {
    if (text.trim() === '') return;
    const result = await readScan({ scan: text, ...(gsSubstitute ? { gsSubstitute } : {}) });
    if ('error' in result && result.error) {
      setMessage({ ok: false, text: errorWords(t, result.error) });
      return;
    }
    const read = result.data;
    const line = lineForScan(lines, read.productId, read.batch);
    if (line === null) {
      setMessage({ ok: false, text: t('stockWatch.stocktake.notOnSheet', { name: read.name, batch: read.batch ?? '' }) });
      return;
    }
    if (line === 'ambiguous') {
      setMessage({ ok: false, text: t('stockWatch.stocktake.whichBatch', { name: read.name }) });
      return;
    }
    // From the figures as they are now, not as last drawn: two scans can arrive before the sheet is drawn again.
    setTyped((m) => {
      const before = whole(m[line.lotId] ?? (line.counted === null ? '' : String(line.counted)));
      return { ...m, [line.lotId]: String((Number.isNaN(before) ? 0 : before) + read.packSize) };
    });
    setMessage({ ok: true, text: t('stockWatch.stocktake.scanned', { name: read.name, batch: line.batch, count: read.packSize, unit: read.unit }) });
    void save('auto');
  };
  useDeviceScans((text) => void onScan(text));

  const onScanSubmit = (e: FormEvent) => {
    e.preventDefault();
    const text = scan;
    setScan('');
    void onScan(text);
  };


  const close = async () => {
    if (closingCount) return;
    setClosingCount(true);
    try {
      await closeNow();
    } finally {
      setClosingCount(false);
    }
  };
  const closeNow = async () => {
    if (!(await save('all'))) return;
    const result = await closeCounting({ stocktakeId, reasons: [] });
    if ('error' in result && result.error) {
      setMessage({ ok: false, text: errorWords(t, result.error) });
      return;
    }
    setMessage(null);
    setReview(result.data);
  };

  if (sheet.error) {
    return (
      <p className="banner banner-error" role="alert">
        {errorWords(t, sheet.error)}
      </p>
    );
  }
  if (!data) return <p className="empty">{t('common.loading')}</p>;

  const counted = lines.filter((l) => shown(l) !== '').length;
  return (
    <section className="panel" aria-labelledby="stocktake-sheet-title" data-testid="stocktake-sheet">
      <header className="panel-head">
        <h3 id="stocktake-sheet-title">{t('stockWatch.stocktake.sheetTitle', { scope: t(`stockWatch.stocktake.scopes.${data.scope}`), status: t(`stockWatch.stocktake.status.${data.status}`) })}</h3>
        <div className="actions">
          <button type="button" className="ghost" data-testid="stocktake-leave" onClick={() => setCurrentStocktake(null)}>
            {data.status === 'approved' ? t('stockWatch.stocktake.newCount') : t('stockWatch.stocktake.leave')}
          </button>
        </div>
      </header>
      <p data-testid="stocktake-progress">{t('stockWatch.stocktake.progress', { counted, total: lines.length })}</p>
      {message ? (
        <p className={message.ok ? 'banner banner-ok' : 'banner banner-error'} role={message.ok ? 'status' : 'alert'} data-testid="stocktake-message">
          {message.text}
        </p>
      ) : null}
      {data.status === 'counting' ? (
        <form onSubmit={onScanSubmit} className="inline-form">
          <label htmlFor="stocktake-scan">{t('stockWatch.stocktake.scan')}</label>
          <input id="stocktake-scan" ref={scanBox} data-testid="stocktake-scan" autoComplete="off" value={scan} onChange={(e) => setScan(e.target.value)}
            aria-describedby="stocktake-scan-hint" />
          <p className="field-hint" id="stocktake-scan-hint">
            {t('stockWatch.stocktake.scanHint')}
          </p>
        </form>
      ) : null}
      <table className="table" aria-labelledby="stocktake-sheet-title" data-testid="stocktake-lines">
        <thead>
          <tr>
            <th scope="col">{t('stockWatch.columns.product')}</th>
            <th scope="col">{t('stockWatch.columns.batch')}</th>
            <th scope="col">{t('stockWatch.columns.expiry')}</th>
            <th scope="col">{t('stockWatch.columns.location')}</th>
            <th scope="col">{t('stockWatch.stocktake.counted')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.lotId} data-testid={`stocktake-line-${l.batch}-${l.location}`}>
              <th scope="row">{l.name}</th>
              <td>{l.batch}</td>
              <td>{l.expiry}</td>
              <td>{t(`stockWatch.locations.${l.location}`, { defaultValue: l.location })}</td>
              <td>
                <input aria-label={t('stockWatch.stocktake.countFor', { name: l.name, batch: l.batch, location: t(`stockWatch.locations.${l.location}`, { defaultValue: l.location }) })}
                  data-testid={`stocktake-count-${l.batch}-${l.location}`} inputMode="numeric" autoComplete="off" value={shown(l)} disabled={data.status !== 'counting'}
                  onChange={(e) => {
                    const text = e.target.value;
                    setTyped((m) => ({ ...m, [l.lotId]: text }));
                  }}
                  onBlur={() => void save('auto')}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void save('auto');
                  }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.status === 'counting' ? (
        <div className="actions">
          <button type="button" data-testid="stocktake-save" onClick={() => void save('all')}>
            {t('stockWatch.stocktake.save')}
          </button>
          {canApprove ? (
            <button type="button" disabled={closing.isLoading || closingCount} data-testid="stocktake-close" onClick={() => void close()}>
              {t('stockWatch.stocktake.close')}
            </button>
          ) : null}
        </div>
      ) : null}
      {data.status === 'reviewed' && canApprove && !review ? (
        <div className="actions">
          <button type="button" disabled={closing.isLoading} data-testid="stocktake-show-review" onClick={() => void close()}>
            {t('stockWatch.stocktake.showReview')}
          </button>
        </div>
      ) : null}
      {review && canApprove && data.status !== 'approved' ? <StocktakeReview review={review} onReviewed={setReview} onApproved={(text) => setMessage({ ok: true, text })} /> : null}
    </section>
  );
}
