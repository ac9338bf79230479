import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopLog, formatLogLine } from './desktop-log.js';

let dir: string;
let echoed: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mortar-log-'));
  echoed = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the desktop log', () => {
  const at = new Date(Date.UTC(2026, 10, 27, 9, 0, 0));

  it('writes one timestamped line per event to an owner-only file', () => {
    const file = join(dir, 'logs', 'desktop.log');
    const log = createDesktopLog(file, { now: () => at, echo: (l) => echoed.push(l) });
    log('Mortar starting');
    log('update check failed', new Error('offline'));
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('2026-11-27T09:00:00.000Z Mortar starting\n')).toBe(true);
    expect(text).toContain('update check failed: Error: offline');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(echoed.join('')).toBe(text);
  });

  it('moves a large log aside at start', () => {
    const file = join(dir, 'desktop.log');
    writeFileSync(file, Buffer.alloc(6 * 1024 * 1024, 97));
    createDesktopLog(file, { now: () => at, echo: (l) => echoed.push(l) })('fresh');
    expect(readFileSync(file, 'utf8')).toBe(formatLogLine(at, 'fresh'));
    expect(statSync(`${file}.1`).size).toBe(6 * 1024 * 1024);
  });

  it('keeps going when the file cannot be written', () => {
    // A plain file where the log folder should be: nothing can be created below it.
    writeFileSync(join(dir, 'blocker'), '');
    const log = createDesktopLog(join(dir, 'blocker', 'logs', 'desktop.log'), { now: () => at, echo: (l) => echoed.push(l) });
    expect(() => log('still fine')).not.toThrow();
    expect(echoed).toEqual([formatLogLine(at, 'still fine')]);
  });
});
