// Inventory → Recalls: enter a recall (a GTIN with its batches, or the whole product; class and reason) and every
// matching lot is quarantined at once by the core; the list of recalls, and for each the trace of every sale and
// dispense of the recalled stock, downloadable as CSV for contacting patients.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@mortar/main/contract';
import { errorWords, fieldIssues } from '../../app/api-error.js';
import { SelectField, TextField } from '../../ui/field.js';
import { downloadText } from './download.js';
import { useSwEnterRecallMutation, useSwRecallCsvMutation, useSwRecallsQuery, useSwRecallTraceQuery } from './stock-watch-api.js';

/** Batches as typed: separated by commas, spaces or lines. */
export function splitBatches(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((b) => b.trim()).filter((b) => b !== ''))];
}

function RecallForm() {
  const { t } = useTranslation();
  const [gtin, setGtin] = useState('');
  const [batches, setBatches] = useState('');
  const [whole, setWhole] = useState(false);
  const [klass, setKlass] = useState<'I' | 'II' | 'III'>('II');
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const [enter, state] = useSwEnterRecallMutation();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const issues = fieldIssues(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const list = whole ? [] : splitBatches(batches);
    const result = await enter({
      gtin: gtin.trim(),
      batches: list,
      wholeProduct: whole,
      class: klass,
      reason: reason.trim(),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    });
    if ('error' in result && result.error) {
      setError(result.error);
      return;
    }
    setError(null);
    const units = result.data.quarantined.reduce((n, q) => n + q.quantity, 0);
    setDone(t('stockWatch.recalls.entered', { name: result.data.recall.productName, count: result.data.quarantined.length, units }));
    setGtin('');
    setBatches('');
    setReason('');
    setReference('');
    setWhole(false);
  };
  const general = error && Object.keys(issues).length === 0 ? errorWords(t, error) : null;

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby="recall-form-title" data-testid="recall-form">
      <h3 id="recall-form-title">{t('stockWatch.recalls.enter')}</h3>
      <TextField id="recall-gtin" testId="recall-gtin" label={t('stockWatch.recalls.gtin')} value={gtin} onChange={setGtin} inputMode="numeric" error={issues.gtin} />
      <label className="check">
        <input type="checkbox" checked={whole} data-testid="recall-whole" onChange={(e) => setWhole(e.target.checked)} />
        {t('stockWatch.recalls.wholeProduct')}
      </label>
      {whole ? null : (
        <TextField id="recall-batches" testId="recall-batches" label={t('stockWatch.recalls.batches')} value={batches} onChange={setBatches}
          hint={t('stockWatch.recalls.batchesHint')} error={issues.batches} />
      )}
      <SelectField id="recall-class" testId="recall-class" label={t('stockWatch.recalls.class')} value={klass} onChange={(v) => setKlass(v as typeof klass)}
        options={(['I', 'II', 'III'] as const).map((c) => ({ value: c, label: t(`stockWatch.recalls.classes.${c}`) }))} />
      <TextField id="recall-reason" testId="recall-reason" label={t('stockWatch.recalls.reason')} value={reason} onChange={setReason} error={issues.reason} />
      <TextField id="recall-reference" testId="recall-reference" label={t('stockWatch.recalls.reference')} value={reference} onChange={setReference} error={issues.reference} />
      {general ? (
        <p className="banner banner-error" role="alert" data-testid="recall-error">
          {general}
        </p>
      ) : null}
      {done ? (
        <p className="banner banner-ok" role="status" data-testid="recall-done">
          {done}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={state.isLoading} data-testid="recall-submit">
          {t('stockWatch.recalls.submit')}
        </button>
      </div>
    </form>
  );
}

function RecallTrace({ recallId }: { recallId: string }) {
  const { t } = useTranslation();
  const trace = useSwRecallTraceQuery(recallId);
  const [exportCsv, csv] = useSwRecallCsvMutation();
  const [error, setError] = useState<unknown>(null);
  const entries = trace.data?.entries ?? [];

  const download = async () => {
    const result = await exportCsv(recallId);
    if ('error' in result && result.error) {
      setError(result.error);
      return;
    }
    setError(null);
    downloadText(result.data.filename, result.data.csv);
  };

  return (
    <section className="panel" aria-labelledby="recall-trace-title" data-testid="recall-trace">
      <header className="panel-head">
        <h3 id="recall-trace-title">{t('stockWatch.recalls.traceTitle', { name: trace.data?.recall.productName ?? '' })}</h3>
        <div className="actions">
          <button type="button" disabled={csv.isLoading || !trace.data} data-testid="recall-csv" onClick={() => void download()}>
            {t('stockWatch.recalls.csv')}
          </button>
        </div>
      </header>
      {error || trace.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, error ?? trace.error)}
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p className="empty" data-testid={trace.isLoading ? 'recall-trace-loading' : 'recall-trace-none'}>
          {trace.isLoading ? t('common.loading') : t('stockWatch.recalls.traceNone')}
        </p>
      ) : (
        <table className="table" aria-labelledby="recall-trace-title" data-testid="recall-trace-table">
          <thead>
            <tr>
              <th scope="col">{t('stockWatch.recalls.kind')}</th>
              <th scope="col">{t('stockWatch.recalls.date')}</th>
              <th scope="col">{t('stockWatch.recalls.document')}</th>
              <th scope="col">{t('stockWatch.columns.batch')}</th>
              <th scope="col">{t('stockWatch.columns.onHand')}</th>
              <th scope="col">{t('stockWatch.recalls.customer')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={`${e.kind}-${e.documentId}-${e.batch}`}>
                <td>
                  {t(`stockWatch.recalls.kinds.${e.kind}`)}
                  {e.voided ? ` (${t('stockWatch.recalls.voided')})` : ''}
                </td>
                <td>{e.date}</td>
                <td>{e.receiptCode ?? e.documentId}</td>
                <td>{e.batch}</td>
                <td>{e.stockUnits}</td>
                <td>{e.customer ?? t('stockWatch.recalls.customerUnknown')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function RecallsTab({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const recalls = useSwRecallsQuery();
  const [chosen, setChosen] = useState<string | null>(null);
  const canRecall = session.permissions.includes('stock.recall');
  const list = recalls.data ?? [];
  const when = (at: number) => new Date(at).toLocaleDateString(i18n.language, { timeZone: 'UTC' });

  return (
    <div className="stock-watch recalls-tab" data-testid="recalls-tab">
      {canRecall ? <RecallForm /> : null}
      <section className="panel" aria-labelledby="recalls-title">
        <h3 id="recalls-title">{t('stockWatch.recalls.title')}</h3>
        {recalls.error ? (
          <p className="banner banner-error" role="alert">
            {errorWords(t, recalls.error)}
          </p>
        ) : list.length === 0 ? (
          <p className="empty" data-testid={recalls.isLoading ? 'recalls-loading' : 'recalls-none'}>
            {recalls.isLoading ? t('common.loading') : t('stockWatch.recalls.none')}
          </p>
        ) : (
          <table className="table" data-testid="recalls-table" aria-labelledby="recalls-title">
            <thead>
              <tr>
                <th scope="col">{t('stockWatch.columns.product')}</th>
                <th scope="col">{t('stockWatch.recalls.batches')}</th>
                <th scope="col">{t('stockWatch.recalls.class')}</th>
                <th scope="col">{t('stockWatch.recalls.reason')}</th>
                <th scope="col">{t('stockWatch.recalls.date')}</th>
                <th scope="col">{t('stockWatch.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} data-testid={`recall-row-${r.id}`} aria-selected={chosen === r.id}>
                  <th scope="row">{r.productName}</th>
                  <td>{r.wholeProduct ? t('stockWatch.recalls.allBatches') : r.batches.join(', ')}</td>
                  <td>{r.class}</td>
                  <td>{r.reason}</td>
                  <td>{when(r.enteredAt)}</td>
                  <td className="row-actions">
                    {canRecall ? (
                      <button type="button" className="ghost" data-testid={`recall-trace-${r.id}`}
                        aria-label={t('stockWatch.recalls.traceFor', { name: r.productName })} onClick={() => setChosen(r.id)}>
                        {t('stockWatch.recalls.trace')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {chosen && canRecall ? <RecallTrace recallId={chosen} /> : null}
    </div>
  );
}
