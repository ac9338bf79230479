// Rule: a terminal that cannot open its data stops with one plain message and quits; it never shows a
// half-working window (a wrong key, a damaged file, a full disk, another terminal on the same folder).
export type StartErrorReport = { title: string; message: string; code: string };

/** A start-up failure of the desktop shell itself (its own files or native module missing). */
export class DesktopStartError extends Error {
  constructor(
    readonly code: `desktop.${string}`,
    message: string,
  ) {
    super(message);
    this.name = 'DesktopStartError';
  }
}

type CodedError = { name: string; code: string; message: string };

function isCoded(e: unknown): e is CodedError {
  return (
    e instanceof Error &&
    typeof (e as { code?: unknown }).code === 'string' &&
    (e.name === 'StoreError' || e.name === 'KeyError' || e.name === 'DesktopStartError')
  );
}

/** A native module built for another runtime: Node's ABI error text, recognised so the fix can be named. */
function isAbiMismatch(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String(e);
  return /NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application/.test(
    text,
  );
}

export function describeStartError(e: unknown): StartErrorReport {
  if (isCoded(e)) {
    return { title: 'Mortar cannot start', message: e.message, code: e.code };
  }
  if (isAbiMismatch(e)) {
    return {
      title: 'Mortar cannot start',
      message:
        'The SQLite module was built for another runtime than this Electron. Rebuild it with ' +
        '"npm run build -w @mortar/desktop" (development) or reinstall Mortar.',
      code: 'desktop.nativeModuleMismatch',
    };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return {
    title: 'Mortar cannot start',
    message: `Mortar hit an unexpected error while starting and has stopped without changing anything: ${detail}`,
    code: 'desktop.startFailed',
  };
}
