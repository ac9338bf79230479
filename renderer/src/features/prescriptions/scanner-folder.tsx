// Pages from the sheet scanner: the images waiting in this terminal's scanner folder, each read on request and
// then set aside by the core. Whoever manages settings names the folder here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrescriptionReadingOut } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { useElapsedSeconds } from './use-elapsed-seconds.js';
import { useListIntakeFolderQuery, useSetIntakeFolderMutation, useTakeIntakeFileMutation } from './prescriptions-api.js';

export function ScannerFolder({ canManage, onRead }: { canManage: boolean; onRead: (reading: PrescriptionReadingOut, imageUrl: string) => void }) {
  const { t } = useTranslation();
  const listing = useListIntakeFolderQuery();
  const [take, taking] = useTakeIntakeFileMutation();
  const [setFolder] = useSetIntakeFolderMutation();
  const [folderText, setFolderText] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const seconds = useElapsedSeconds(taking.isLoading);

  const read = async (name: string) => {
    setMessage(null);
    const result = await take({ name });
    if ('error' in result && result.error) {
      setMessage(errorWords(t, result.error));
      void listing.refetch();
    } else if ('data' in result && result.data) onRead(result.data.reading, `data:${result.data.mediaType};base64,${result.data.image}`);
  };

  const saveFolder = async () => {
    setMessage(null);
    const text = (folderText ?? '').trim();
    const result = await setFolder({ folder: text === '' ? null : text });
    if ('error' in result && result.error) setMessage(errorWords(t, result.error));
    else setFolderText(null);
  };

  const data = listing.data;
  return (
    <fieldset className="rx-scanner-folder" data-testid="rx-scanner-folder">
      <legend>{t('prescriptions.folder.title')}</legend>
      {data ? <p className="muted" data-testid="rx-folder-path">{t(data.exists ? 'prescriptions.folder.path' : 'prescriptions.folder.missing', { folder: data.folder })}</p> : null}
      {listing.error ? <p className="banner banner-error" role="alert">{errorWords(t, listing.error)}</p> : null}
      {data && data.exists && data.files.length === 0 ? <p className="muted" data-testid="rx-folder-empty">{t('prescriptions.folder.empty')}</p> : null}
      <ul className="results">
        {(data?.files ?? []).map((f) => (
          <li key={f.name} className="result">
            <button type="button" data-testid="rx-folder-file" disabled={taking.isLoading} onClick={() => void read(f.name)}>
              {t('prescriptions.folder.read', { name: f.name })}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void listing.refetch()}>{t('prescriptions.folder.refresh')}</button>
      {canManage ? (
        folderText === null ? (
          <button type="button" data-testid="rx-folder-change" onClick={() => setFolderText(data?.configured ? data.folder : '')}>{t('prescriptions.folder.change')}</button>
        ) : (
          <form onSubmit={(e) => {
            e.preventDefault();
            void saveFolder();
          }}>
            <label className="field">
              <span>{t('prescriptions.folder.folderLabel')}</span>
              <input data-testid="rx-folder-input" value={folderText} onChange={(e) => setFolderText(e.target.value)} />
            </label>
            <button type="submit" className="primary">{t('prescriptions.folder.save')}</button>
          </form>
        )
      ) : null}
      {taking.isLoading ? (
        <div role="status" className="banner banner-info">
          <span className="spinner" aria-hidden="true" /> {t('prescriptions.intake.reading', { seconds })}
        </div>
      ) : null}
      {message ? <p className="banner banner-error" role="alert" data-testid="rx-folder-error">{message}</p> : null}
    </fieldset>
  );
}
