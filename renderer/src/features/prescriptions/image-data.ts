// Turning a picked or dropped file into what rx.readImage takes (base64) and what the review shows (a data URL),
// refusing what cannot be a page before anything is sent.
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

export type ImageData = { base64: string; dataUrl: string; fileName: string };
export type ImageRefusal = 'tooLarge' | 'notAnImage' | 'fileUnreadable';

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Refuses a file over 50 MB or one that does not say it is an image (an empty type is let through to the core). */
export function refusalOf(file: Pick<File, 'size' | 'type'>): ImageRefusal | null {
  if (file.size > MAX_IMAGE_BYTES) return 'tooLarge';
  if (file.type !== '' && !file.type.startsWith('image/')) return 'notAnImage';
  return null;
}

/** FileReader rather than Blob.arrayBuffer, which not every engine the UI runs in (or is tested in) has. */
function bytesOf(file: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => (reader.result instanceof ArrayBuffer ? resolve(reader.result) : reject(new Error('no bytes')));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsArrayBuffer(file);
  });
}

export async function imageDataOf(file: File): Promise<{ ok: true; value: ImageData } | { ok: false; refusal: ImageRefusal }> {
  const refusal = refusalOf(file);
  if (refusal) return { ok: false, refusal };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await bytesOf(file));
  } catch {
    return { ok: false, refusal: 'fileUnreadable' };
  }
  const base64 = bytesToBase64(bytes);
  return { ok: true, value: { base64, dataUrl: `data:${file.type || 'image/png'};base64,${base64}`, fileName: file.name.slice(0, 200) } };
}
