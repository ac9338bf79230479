// Settings → Terminal → Printers: each printer with its live state and waiting jobs, a test print, and a form to
// add or change one. Everyone sees the state; only settings-level roles (printing.manage) change anything.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf, PrinterStatusView, PrinterView, SessionInfo } from '@mortar/main/contract';
import { errorWords, fieldIssues, type FieldIssues } from '../../app/api-error.js';
import { SelectField, TextField } from '../../ui/field.js';
import {
  useLazyListPrinterPortsQuery,
  useListPrintersQuery,
  usePrintingStatusQuery,
  useRemovePrinterMutation,
  useRetryPrintingMutation,
  useSavePrinterMutation,
  useTestPrintMutation,
} from './printing-api.js';

type Kind = 'tcp' | 'serial' | 'usb';
type Form = {
  id?: string;
  name: string;
  kind: Kind;
  host: string;
  port: string;
  path: string;
  baudRate: string;
  device: string;
  paperWidthMm: '58' | '80';
  codepage: string;
  cutter: boolean;
  hasDrawer: boolean;
  isReceiptPrinter: boolean;
};

const emptyForm: Form = {
  name: '',
  kind: 'tcp',
  host: '',
  port: '9100',
  path: '',
  baudRate: '9600',
  device: '/dev/usb/lp0',
  paperWidthMm: '80',
  codepage: 'cp858',
  cutter: true,
  hasDrawer: true,
  isReceiptPrinter: true,
};

function toForm(p: PrinterView): Form {
  const c = p.connection;
  return {
    ...emptyForm,
    id: p.id,
    name: p.name,
    kind: c.kind,
    ...(c.kind === 'tcp' ? { host: c.host, port: String(c.port) } : {}),
    ...(c.kind === 'serial' ? { path: c.path, baudRate: String(c.baudRate) } : {}),
    ...(c.kind === 'usb' ? { device: c.path } : {}),
    paperWidthMm: p.paperWidthMm === 58 ? '58' : '80',
    codepage: p.codepage,
    cutter: p.cutter,
    hasDrawer: p.hasDrawer,
    isReceiptPrinter: p.isReceiptPrinter,
  };
}

/** A whole number as typed, or NaN so the core's schema names the field. */
function whole(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
}

function toInput(f: Form): InputOf<'printing.savePrinter'> {
  const connection =
    f.kind === 'tcp'
      ? { kind: 'tcp' as const, host: f.host.trim(), port: whole(f.port) }
      : f.kind === 'serial'
        ? { kind: 'serial' as const, path: f.path.trim(), baudRate: whole(f.baudRate) }
        : { kind: 'usb' as const, path: f.device.trim() };
  return {
    ...(f.id ? { id: f.id } : {}),
    name: f.name.trim(),
    connection,
    paperWidthMm: f.paperWidthMm === '58' ? 58 : 80,
    codepage: f.codepage as InputOf<'printing.savePrinter'>['codepage'],
    cutter: f.cutter,
    hasDrawer: f.hasDrawer,
    isReceiptPrinter: f.isReceiptPrinter,
  };
}

function linkText(p: PrinterView): string {
  const c = p.connection;
  return c.kind === 'tcp' ? `${c.host}:${c.port}` : c.kind === 'serial' ? `${c.path} · ${c.baudRate}` : c.path;
}

type Message = { ok: boolean; text: string } | null;

export function PrintersPanel({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const canManage = session.permissions.includes('printing.manage');
  const printers = useListPrintersQuery();
  const status = usePrintingStatusQuery();
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [testPrint] = useTestPrintMutation();
  const [removePrinter] = useRemovePrinterMutation();
  const [retry] = useRetryPrintingMutation();

  const statusOf = (id: string): PrinterStatusView | undefined => status.data?.printers.find((p) => p.id === id);
  const outcome = (result: { error?: unknown }, ok: string) =>
    setMessage('error' in result && result.error ? { ok: false, text: errorWords(t, result.error) } : { ok: true, text: ok });

  return (
    <section className="panel printers-panel" aria-labelledby="printers-title" data-testid="printers-panel">
      <header className="panel-head">
        <h3 id="printers-title">{t('printing.title')}</h3>
        {canManage && !form ? (
          <div className="actions">
            <button type="button" data-testid="printer-add" onClick={() => setForm({ ...emptyForm, isReceiptPrinter: (printers.data ?? []).length === 0 })}>
              {t('printing.add')}
            </button>
          </div>
        ) : null}
      </header>
      <p className="muted">{t('printing.intro')}</p>
      {!canManage ? (
        <p className="banner banner-info" data-testid="printers-read-only">
          {t('printing.readOnly')}
        </p>
      ) : null}
      {printers.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, printers.error)}
        </p>
      ) : null}
      {status.data && !status.data.workerRunning ? (
        <p className="banner banner-warning" data-testid="printers-worker-stopped">
          {t('printing.workerStopped')}
        </p>
      ) : null}
      {printers.data && printers.data.length === 0 ? <p data-testid="printers-none">{t('printing.none')}</p> : null}
      {printers.data && printers.data.length > 0 ? (
        <ul className="printer-list">
          {printers.data.map((p) => {
            const s = statusOf(p.id);
            return (
              <li key={p.id} className="printer-row" data-testid="printer-row">
                <div>
                  <strong>{p.name}</strong>
                  {p.isReceiptPrinter ? <span className="badge">{t('printing.receiptPrinter')}</span> : null}
                  <span className="muted">
                    {' '}
                    {t(`printing.kinds.${p.connection.kind}`)} · {linkText(p)} · {p.paperWidthMm} mm
                  </span>
                </div>
                <div>
                  <span className={s?.offline || s?.paperOut ? 'badge badge-warning' : 'badge'} data-testid="printer-state">
                    {t(`printing.states.${s?.paperOut ? 'paperOut' : s?.offline ? 'offline' : (s?.state ?? 'stopped')}`)}
                  </span>{' '}
                  <span data-testid="printer-waiting">{t('printing.waiting', { count: s?.queueLength ?? 0 })}</span>
                </div>
                {canManage ? (
                  <div className="actions">
                    <button type="button" data-testid="printer-test" onClick={() => void testPrint({ id: p.id }).then((r) => outcome(r, t('printing.testQueued', { name: p.name })))}>
                      {t('printing.testPrint')}
                    </button>
                    <button type="button" data-testid="printer-edit" onClick={() => setForm(toForm(p))}>
                      {t('printing.edit')}
                    </button>
                    <button type="button" data-testid="printer-remove" onClick={() => void removePrinter({ id: p.id }).then((r) => outcome(r, t('printing.removed')))}>
                      {t('printing.remove')}
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {status.data ? (
        <p data-testid="printers-queue">
          {t('printing.queue', { count: status.data.queueLength })}{' '}
          {status.data.queueLength > 0 ? (
            <button type="button" data-testid="printers-retry" onClick={() => void retry()}>
              {t('printing.retry')}
            </button>
          ) : null}
        </p>
      ) : null}
      {message ? (
        <p className={message.ok ? 'banner banner-ok' : 'banner banner-error'} role={message.ok ? 'status' : 'alert'} data-testid="printers-message">
          {message.text}
        </p>
      ) : null}
      {form && canManage ? (
        <PrinterForm
          initial={form}
          onDone={(text) => {
            setForm(null);
            if (text) setMessage({ ok: true, text });
          }}
        />
      ) : null}
    </section>
  );
}

function PrinterForm({ initial, onDone }: { initial: Form; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(initial);
  const [issues, setIssues] = useState<FieldIssues>({});
  const [error, setError] = useState<string | null>(null);
  const [save, state] = useSavePrinterMutation();
  const [listPorts, ports] = useLazyListPrinterPortsQuery();
  const set = (key: keyof Form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const check = (key: 'cutter' | 'hasDrawer' | 'isReceiptPrinter') => (
    <label className="check">
      <input type="checkbox" data-testid={`printer-${key}`} checked={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.checked }))} />{' '}
      {t(`printing.fields.${key}`)}
    </label>
  );
  const issue = (...paths: string[]) => {
    const found = paths.map((p) => issues[p]).find((v) => v !== undefined);
    return found;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (state.isLoading) return;
    const result = await save(toInput(form));
    if ('error' in result) {
      const found = fieldIssues(result.error);
      setIssues(found);
      setError(Object.keys(found).length > 0 ? t('settings.fixFields') : errorWords(t, result.error));
      return;
    }
    onDone(t('printing.saved'));
  };

  return (
    <form className="printer-form" data-testid="printer-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="grid-3">
        <TextField id="printer-name" testId="printer-name" label={t('printing.fields.name')} value={form.name} onChange={set('name')} error={issue('name')} />
        <SelectField id="printer-kind" testId="printer-kind" label={t('printing.fields.kind')} value={form.kind} onChange={set('kind')}
          options={(['tcp', 'serial', 'usb'] as const).map((k) => ({ value: k, label: t(`printing.kinds.${k}`) }))} />
        <SelectField id="printer-paper" testId="printer-paper" label={t('printing.fields.paperWidth')} value={form.paperWidthMm} onChange={set('paperWidthMm')}
          options={(['80', '58'] as const).map((w) => ({ value: w, label: t(`printing.paper.${w}`) }))} />
      </div>
      {form.kind === 'tcp' ? (
        <div className="grid-2">
          <TextField id="printer-host" testId="printer-host" label={t('printing.fields.host')} value={form.host} onChange={set('host')} error={issue('connection.host', 'host')} />
          <TextField id="printer-port" testId="printer-port" type="number" min={1} max={65535} label={t('printing.fields.port')} value={form.port} onChange={set('port')}
            error={issue('connection.port', 'port')} />
        </div>
      ) : null}
      {form.kind === 'serial' ? (
        <div className="grid-2">
          <TextField id="printer-path" testId="printer-path" label={t('printing.fields.path')} value={form.path} onChange={set('path')} error={issue('connection.path', 'path')}
            hint={ports.data ? (ports.data.length > 0 ? ports.data.map((p) => p.path).join(', ') : t('printing.noPorts')) : undefined} />
          <TextField id="printer-baud" testId="printer-baud" type="number" label={t('printing.fields.baudRate')} value={form.baudRate} onChange={set('baudRate')}
            error={issue('connection.baudRate', 'baudRate')} />
          <button type="button" data-testid="printer-list-ports" onClick={() => void listPorts()}>
            {t('printing.listPorts')}
          </button>
        </div>
      ) : null}
      {form.kind === 'usb' ? (
        <TextField id="printer-device" testId="printer-device" label={t('printing.fields.device')} value={form.device} onChange={set('device')} error={issue('connection.path', 'path')} />
      ) : null}
      <SelectField id="printer-codepage" testId="printer-codepage" label={t('printing.fields.codepage')} value={form.codepage} onChange={set('codepage')}
        options={['cp858', 'cp850', 'cp437', 'cp1252'].map((c) => ({ value: c, label: c.toUpperCase() }))} />
      <div className="checks">
        {check('isReceiptPrinter')}
        {check('hasDrawer')}
        {check('cutter')}
      </div>
      {error ? (
        <p className="banner banner-error" role="alert" data-testid="printer-form-error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="printer-save" disabled={state.isLoading}>
          {t('common.save')}
        </button>
        <button type="button" data-testid="printer-cancel" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
