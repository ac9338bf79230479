// Hands an exported document (850, CSV, PDF) to the browser as a download: a Blob, an object URL and a link
// clicked once, then the URL is let go.
export type ExportedDocument = { filename: string; mediaType: string; encoding: 'utf8' | 'base64'; content: string };

export function documentBlob(doc: ExportedDocument): Blob {
  if (doc.encoding === 'utf8') return new Blob([doc.content], { type: doc.mediaType });
  const binary = atob(doc.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: doc.mediaType });
}

export function downloadDocument(doc: ExportedDocument): void {
  const url = URL.createObjectURL(documentBlob(doc));
  const a = document.createElement('a');
  a.href = url;
  a.download = doc.filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL is released once the browser has taken it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A chosen file's text, by FileReader: every engine the app runs in has it. */
export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}
