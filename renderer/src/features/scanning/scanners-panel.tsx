// Settings → Terminal → Scanners: this terminal's serial and HID scanners with their live link, the ports to
// choose from, and a form to add or change one. Everyone sees the state; only devices.manage changes anything.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { scannerBaudRates, scannerSuffixes, type ScannerSetting, type ScannerStatus, type SessionInfo } from '@mortar/main/contract';
import { errorWords, fieldIssues, type FieldIssues } from '../../app/api-error.js';
import { SelectField, TextField } from '../../ui/field.js';
import { emptyScannerForm, toScannerForm, toScannerInput, type ScannerForm } from './scanner-form.js';
import { useLazyListScannerPortsQuery, useListScannersQuery, useRemoveScannerMutation, useSaveScannerMutation } from './scanning-api.js';
import { useScannerStatus } from './use-scanning.js';

type Message = { ok: boolean; text: string } | null;

function linkText(s: ScannerSetting): string {
  if (s.kind === 'hid') return `USB ${s.vendorId.toString(16).padStart(4, '0')}:${s.productId.toString(16).padStart(4, '0')}`;
  return `${s.path} · ${s.baudRate}`;
}

export function ScannersPanel({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const canManage = session.permissions.includes('devices.manage');
  const scanners = useListScannersQuery();
  const status = useScannerStatus();
  const [form, setForm] = useState<ScannerForm | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [removeScanner] = useRemoveScannerMutation();

  const statusOf = (id: string): ScannerStatus | undefined => status.data?.scanners.find((s) => s.id === id);
  const list = scanners.data?.scanners ?? [];

  return (
    <section className="panel scanners-panel" aria-labelledby="scanners-title" data-testid="scanners-panel">
      <header className="panel-head">
        <h3 id="scanners-title">{t('scanning.title')}</h3>
        {canManage && !form ? (
          <div className="actions">
            <button type="button" data-testid="scanner-add" onClick={() => setForm({ ...emptyScannerForm })}>
              {t('scanning.add')}
            </button>
          </div>
        ) : null}
      </header>
      <p className="muted">{t('scanning.intro')}</p>
      {!canManage ? (
        <p className="banner banner-info" data-testid="scanners-read-only">
          {t('scanning.readOnly')}
        </p>
      ) : null}
      {scanners.error ? (
        <p className="banner banner-error" role="alert">
          {errorWords(t, scanners.error)}
        </p>
      ) : null}
      {status.data && !status.data.hostRunning && list.length > 0 ? (
        <p className="banner banner-warning" data-testid="scanners-host-stopped">
          {t('scanning.hostStopped')}
        </p>
      ) : null}
      {scanners.data && list.length === 0 ? <p data-testid="scanners-none">{t('scanning.none')}</p> : null}
      {list.length > 0 ? (
        <ul className="scanner-list">
          {list.map((s) => {
            const live = statusOf(s.id);
            const link = s.enabled ? (live?.link ?? 'stopped') : 'stopped';
            return (
              <li key={s.id} className="scanner-row" data-testid="scanner-row">
                <div>
                  <strong>{s.name}</strong>
                  <span className="muted">
                    {' '}
                    {t(`scanning.kinds.${s.kind}`)} · {linkText(s)}
                  </span>
                </div>
                <div>
                  <span className={link === 'disconnected' ? 'badge badge-danger' : 'badge'} data-testid="scanner-link" data-link={link}>
                    {s.enabled ? t(`scanning.links.${link}`) : t('scanning.disabled')}
                  </span>
                  {link === 'disconnected' && live?.reason ? (
                    <span className="muted" data-testid="scanner-reason">
                      {' '}
                      {live.reason.message}
                    </span>
                  ) : null}
                  {live?.lastScanAt ? (
                    <span className="muted" data-testid="scanner-last-scan">
                      {' '}
                      {t('scanning.lastScan', { time: new Date(live.lastScanAt).toLocaleTimeString(i18n.language) })}
                    </span>
                  ) : null}
                </div>
                {canManage ? (
                  <div className="actions">
                    <button type="button" data-testid="scanner-edit" onClick={() => setForm(toScannerForm(s))}>
                      {t('scanning.edit')}
                    </button>
                    <button type="button" data-testid="scanner-remove"
                      onClick={() =>
                        void removeScanner({ id: s.id }).then((r) =>
                          setMessage('error' in r && r.error ? { ok: false, text: errorWords(t, r.error) } : { ok: true, text: t('scanning.removed') }),
                        )
                      }>
                      {t('scanning.remove')}
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {message ? (
        <p className={message.ok ? 'banner banner-ok' : 'banner banner-error'} role={message.ok ? 'status' : 'alert'} data-testid="scanners-message">
          {message.text}
        </p>
      ) : null}
      {form && canManage ? (
        <ScannerFormView
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

function ScannerFormView({ initial, onDone }: { initial: ScannerForm; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<ScannerForm>(initial);
  const [issues, setIssues] = useState<FieldIssues>({});
  const [error, setError] = useState<string | null>(null);
  const [save, state] = useSaveScannerMutation();
  const [listPorts, ports] = useLazyListScannerPortsQuery();
  const set = (key: keyof ScannerForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (state.isLoading) return;
    const result = await save(toScannerInput(form));
    if ('error' in result) {
      const found = fieldIssues(result.error);
      setIssues(found);
      setError(Object.keys(found).length > 0 ? t('settings.fixFields') : errorWords(t, result.error));
      return;
    }
    onDone(t('scanning.saved'));
  };

  return (
    <form className="scanner-form" data-testid="scanner-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="grid-2">
        <TextField id="scanner-name" testId="scanner-name" label={t('scanning.fields.name')} value={form.name} onChange={set('name')} error={issues['name']} />
        <SelectField id="scanner-kind" testId="scanner-kind" label={t('scanning.fields.kind')} value={form.kind} onChange={set('kind')}
          options={(['serial', 'hid'] as const).map((k) => ({ value: k, label: t(`scanning.kinds.${k}`) }))} />
      </div>
      <div className="actions">
        <button type="button" data-testid="scanner-list-ports" onClick={() => void listPorts()}>
          {t('scanning.listPorts')}
        </button>
      </div>
      {ports.data ? (
        <ul className="port-list" data-testid="scanner-ports">
          {ports.data.serial.map((p) => (
            <li key={p.path}>
              <button type="button" data-testid="scanner-port" onClick={() => setForm((f) => ({ ...f, kind: 'serial', path: p.path }))}>
                {p.path}
                {p.manufacturer ? ` · ${p.manufacturer}` : ''}
              </button>
            </li>
          ))}
          {ports.data.hid.map((d) => (
            <li key={d.path}>
              <button type="button" data-testid="scanner-hid-device"
                onClick={() =>
                  setForm((f) => ({
                    ...f,
                    kind: 'hid',
                    vendorId: d.vendorId.toString(16).padStart(4, '0'),
                    productId: d.productId.toString(16).padStart(4, '0'),
                    serialNumber: d.serialNumber ?? '',
                  }))
                }>
                {[d.manufacturer, d.product].filter(Boolean).join(' ') || 'HID'} · {d.vendorId.toString(16).padStart(4, '0')}:{d.productId.toString(16).padStart(4, '0')}
              </button>
            </li>
          ))}
          {ports.data.serial.length === 0 && ports.data.hid.length === 0 ? <li data-testid="scanner-no-ports">{t('scanning.noPorts')}</li> : null}
        </ul>
      ) : null}
      {form.kind === 'serial' ? (
        <>
          <div className="grid-2">
            <TextField id="scanner-path" testId="scanner-path" label={t('scanning.fields.path')} value={form.path} onChange={set('path')} error={issues['path']} />
            <SelectField id="scanner-baud" testId="scanner-baud" label={t('scanning.fields.baudRate')} value={form.baudRate} onChange={set('baudRate')}
              options={scannerBaudRates.map((b) => ({ value: String(b), label: String(b) }))} />
          </div>
          <div className="grid-3">
            <SelectField id="scanner-data-bits" testId="scanner-data-bits" label={t('scanning.fields.dataBits')} value={form.dataBits} onChange={set('dataBits')}
              options={['8', '7'].map((b) => ({ value: b, label: b }))} />
            <SelectField id="scanner-parity" testId="scanner-parity" label={t('scanning.fields.parity')} value={form.parity} onChange={set('parity')}
              options={(['none', 'even', 'odd'] as const).map((p) => ({ value: p, label: t(`scanning.parities.${p}`) }))} />
            <SelectField id="scanner-stop-bits" testId="scanner-stop-bits" label={t('scanning.fields.stopBits')} value={form.stopBits} onChange={set('stopBits')}
              options={['1', '2'].map((b) => ({ value: b, label: b }))} />
          </div>
          <SelectField id="scanner-suffix" testId="scanner-suffix" label={t('scanning.fields.suffix')} value={form.suffix} onChange={set('suffix')}
            options={scannerSuffixes.map((s) => ({ value: s, label: t(`scanning.suffixes.${s}`) }))} />
        </>
      ) : (
        <div className="grid-3">
          <TextField id="scanner-vendor" testId="scanner-vendor" label={t('scanning.fields.vendorId')} value={form.vendorId} onChange={set('vendorId')} error={issues['vendorId']} />
          <TextField id="scanner-product" testId="scanner-product" label={t('scanning.fields.productId')} value={form.productId} onChange={set('productId')} error={issues['productId']} />
          <TextField id="scanner-serial" testId="scanner-serial" label={t('scanning.fields.serialNumber')} value={form.serialNumber} onChange={set('serialNumber')} />
        </div>
      )}
      <TextField id="scanner-gs" testId="scanner-gs" label={t('scanning.fields.gsSubstitute')} hint={t('scanning.fields.gsHint')} maxLength={1} value={form.gsSubstitute}
        onChange={set('gsSubstitute')} error={issues['gsSubstitute']} />
      <label className="check">
        <input type="checkbox" data-testid="scanner-enabled" checked={form.enabled} onChange={(e) => setForm((f) => ({ ...f, enabled: e.target.checked }))} />{' '}
        {t('scanning.fields.enabled')}
      </label>
      {error ? (
        <p className="banner banner-error" role="alert" data-testid="scanner-form-error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="scanner-save" disabled={state.isLoading}>
          {t('common.save')}
        </button>
        <button type="button" data-testid="scanner-cancel" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
