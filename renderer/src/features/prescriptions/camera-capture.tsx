// A picture of the prescription from the counter's camera (getUserMedia): the live picture, then one frame
// taken as a PNG and read like any other image. A refused or missing camera is said in words.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageData } from './image-data.js';

type CameraState = { kind: 'off' } | { kind: 'starting' } | { kind: 'on'; stream: MediaStream } | { kind: 'failed'; reason: 'denied' | 'unavailable' | 'failed' };

function reasonOf(e: unknown): 'denied' | 'unavailable' | 'failed' {
  const name = e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e) ? String((e as { name: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'unavailable';
  return 'failed';
}

export function CameraCapture({ busy, onPicture }: { busy: boolean; onPicture: (image: ImageData) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<CameraState>({ kind: 'off' });
  const video = useRef<HTMLVideoElement>(null);

  const stream = state.kind === 'on' ? state.stream : null;
  useEffect(() => {
    if (stream === null) return;
    if (video.current) video.current.srcObject = stream;
    return () => stream.getTracks().forEach((track) => track.stop());
  }, [stream]);

  const start = async () => {
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!media?.getUserMedia) {
      setState({ kind: 'failed', reason: 'unavailable' });
      return;
    }
    setState({ kind: 'starting' });
    try {
      setState({ kind: 'on', stream: await media.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false }) });
    } catch (e: unknown) {
      setState({ kind: 'failed', reason: reasonOf(e) });
    }
  };

  const capture = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    const dataUrl = canvas.toDataURL('image/png');
    const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
    setState({ kind: 'off' });
    onPicture({ base64, dataUrl, fileName: 'camera.png' });
  };

  return (
    <fieldset className="rx-camera" data-testid="rx-camera">
      <legend>{t('prescriptions.camera.title')}</legend>
      {state.kind === 'on' ? (
        <>
          <video ref={video} autoPlay muted playsInline style={{ maxWidth: '100%' }} aria-label={t('prescriptions.camera.live')} />
          <div className="actions">
            <button type="button" className="primary" data-testid="rx-camera-capture" disabled={busy} onClick={capture}>{t('prescriptions.camera.capture')}</button>
            <button type="button" onClick={() => setState({ kind: 'off' })}>{t('prescriptions.camera.stop')}</button>
          </div>
        </>
      ) : (
        <button type="button" data-testid="rx-camera-start" disabled={busy || state.kind === 'starting'} onClick={() => void start()}>
          {t('prescriptions.camera.start')}
        </button>
      )}
      {state.kind === 'failed' ? (
        <p className="banner banner-error" role="alert" data-testid="rx-camera-error">{t(`prescriptions.camera.${state.reason}`)}</p>
      ) : null}
    </fieldset>
  );
}
