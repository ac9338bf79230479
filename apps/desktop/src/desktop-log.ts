// The desktop app's log: one line per event, to stderr and to a file in the data folder, since a packaged
// app on Windows or macOS has no console for anyone to read.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type DesktopLog = (message: string, error?: unknown) => void;

const MAX_LOG_BYTES = 5 * 1024 * 1024;

export function formatLogLine(at: Date, message: string, error?: unknown): string {
  const detail = error === undefined ? '' : `: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  return `${at.toISOString()} ${message}${detail}\n`;
}

/** Appends to `file` (moved aside to `<file>.1` once it passes 5 MB); a log that cannot be written is not fatal. */
export function createDesktopLog(
  file: string | null,
  o: { now?: () => Date; echo?: (line: string) => void } = {},
): DesktopLog {
  const now = o.now ?? (() => new Date());
  const echo = o.echo ?? ((line: string) => process.stderr.write(line));
  let fileOk = file !== null;
  if (file) {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
    } catch {
      fileOk = false;
    }
  }
  return (message, error) => {
    const line = formatLogLine(now(), message, error);
    echo(line);
    if (file && fileOk) {
      try {
        appendFileSync(file, line, { mode: 0o600 });
      } catch {
        fileOk = false;
      }
    }
  };
}
