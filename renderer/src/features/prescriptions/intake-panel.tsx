// Bringing a prescription in: an image file picked or dropped, a page from the sheet scanner's folder, or a
// picture from the camera. While the core reads it the screen shows the stage it has reached (from the core's
// progress notices for this read) and counts the seconds.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrescriptionReadingOut } from '@mortar/main/contract';
import { errorWords } from '../../app/api-error.js';
import { imageDataOf, type ImageData } from './image-data.js';
import { CameraCapture } from './camera-capture.js';
import { useReadRxImageMutation } from './prescriptions-api.js';
import { progressForgotten } from './read-progress.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { ScannerFolder } from './scanner-folder.js';
import { useElapsedSeconds } from './use-elapsed-seconds.js';

export type IntakeProps = { onRead: (reading: PrescriptionReadingOut, imageUrl: string) => void; canManageFolder?: boolean };

export function IntakePanel({ onRead, canManageFolder = false }: IntakeProps) {
  const { t } = useTranslation();
  const [readImage, reading] = useReadRxImageMutation();
  const [message, setMessage] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const seconds = useElapsedSeconds(reading.isLoading);
  const dispatch = useAppDispatch();
  const [progressId, setProgressId] = useState<string | null>(null);
  const progress = useAppSelector((s) => (progressId === null ? undefined : s.readProgress[progressId]));

  useEffect(() => fileRef.current?.focus(), []);

  const read = async (image: ImageData) => {
    setMessage(null);
    const id = `read-${crypto.randomUUID()}`;
    setProgressId(id);
    const result = await readImage({ base64: image.base64, fileName: image.fileName, progressId: id });
    dispatch(progressForgotten(id));
    setProgressId(null);
    if ('error' in result && result.error) setMessage(errorWords(t, result.error));
    else if ('data' in result && result.data) onRead(result.data, image.dataUrl);
  };

  const take = async (file: File | undefined) => {
    if (!file || reading.isLoading) return;
    const image = await imageDataOf(file);
    if (!image.ok) {
      setMessage(t(`prescriptions.intake.${image.refusal}`));
      return;
    }
    await read(image.value);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void take(e.dataTransfer.files[0]);
  };

  return (
    <section className="panel rx-intake" aria-labelledby="rx-intake-title" data-testid="rx-intake">
      <header className="panel-head">
        <h3 id="rx-intake-title">{t('prescriptions.intake.title')}</h3>
      </header>
      <div className={dragging ? 'rx-drop rx-drop-active' : 'rx-drop'} data-testid="rx-drop"
        style={{ border: '2px dashed currentColor', padding: '1rem', opacity: reading.isLoading ? 0.5 : 1 }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}>
        <label className="field">
          <span>{t('prescriptions.intake.fromFile')}</span>
          <input ref={fileRef} type="file" accept="image/*" data-testid="rx-file" disabled={reading.isLoading}
            onChange={(e) => {
              void take(e.target.files?.[0]);
              e.target.value = '';
            }} />
        </label>
        <p className="muted">{t('prescriptions.intake.dropHere')}</p>
      </div>
      <ScannerFolder canManage={canManageFolder} onRead={onRead} />
      <CameraCapture busy={reading.isLoading} onPicture={(image) => void read(image)} />
      {reading.isLoading ? (
        <div role="status" className="banner banner-info" data-testid="rx-reading">
          <span className="spinner" aria-hidden="true" /> {t('prescriptions.intake.reading', { seconds })}
          {progress ? (
            <>
              {' '}
              <span data-testid="rx-read-stage">{t(`prescriptions.intake.stages.${progress.stage}`, { defaultValue: progress.stage })}</span>{' '}
              <progress data-testid="rx-read-progress" max={100} value={Math.round(progress.fraction * 100)} aria-label={t('prescriptions.intake.progress')} />
            </>
          ) : null}
          <p className="muted">{t('prescriptions.intake.readingHint')}</p>
        </div>
      ) : null}
      {message ? (
        <p className="banner banner-error" role="alert" data-testid="rx-intake-error">
          {message}
        </p>
      ) : null}
    </section>
  );
}
