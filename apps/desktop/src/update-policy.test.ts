import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FIRST_CHECK_DELAY_MS,
  UPDATE_CHECK_INTERVAL_MS,
  afterUpdateDownloaded,
  feedChanged,
  planUpdates,
  shouldCheckForUpdates,
  updaterFlags,
  type UpdatePlan,
} from './update-policy.js';

const on: UpdatePlan = { enabled: true, feed: { provider: 'generic', url: 'https://updates.example.org/mortar/' } };
const off: UpdatePlan = { enabled: false, reason: 'no update server is set for this terminal' };
const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

describe('the update plan', () => {
  it('is off when the terminal names no update server', () => {
    expect(planUpdates(null)).toEqual(off);
    expect(planUpdates(undefined).enabled).toBe(false);
    expect(planUpdates('  ').enabled).toBe(false);
  });

  it('uses a generic feed at the HTTPS address of the settings', () => {
    expect(planUpdates('https://updates.example.org/mortar/')).toEqual(on);
  });

  it('refuses plain HTTP and other schemes', () => {
    for (const url of ['http://updates.example.org/', 'ftp://updates.example.org/', 'file:///srv/updates', 'not a url']) {
      expect(planUpdates(url).enabled, url).toBe(false);
    }
    expect(planUpdates('http://updates.example.org/')).toMatchObject({ reason: 'updates are fetched over HTTPS only' });
  });

  it('refuses an address that carries credentials', () => {
    expect(planUpdates('https://user:secret@updates.example.org/').enabled).toBe(false);
  });
});

describe('the updater switches', () => {
  it('download in the background and install only when the app quits', () => {
    expect(updaterFlags(on)).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(afterUpdateDownloaded()).toBe('install-on-quit');
  });

  it('install nothing once updates are switched off', () => {
    expect(updaterFlags(off)).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false });
  });

  it('never allow a downgrade or a prerelease', () => {
    for (const plan of [on, off]) expect(updaterFlags(plan)).toMatchObject({ allowDowngrade: false, allowPrerelease: false });
  });
});

describe('when to check', () => {
  const base = { plan: on, checking: false, lastCheckAt: null, startedAt: T0 };

  it('waits a little after start, then checks', () => {
    expect(shouldCheckForUpdates({ ...base, now: T0 + 1000 })).toBe(false);
    expect(shouldCheckForUpdates({ ...base, now: T0 + FIRST_CHECK_DELAY_MS })).toBe(true);
  });

  it('checks again every few hours, not sooner', () => {
    const last = T0 + FIRST_CHECK_DELAY_MS;
    expect(UPDATE_CHECK_INTERVAL_MS).toBeGreaterThanOrEqual(60 * 60 * 1000);
    expect(shouldCheckForUpdates({ ...base, lastCheckAt: last, now: last + UPDATE_CHECK_INTERVAL_MS - 1 })).toBe(false);
    expect(shouldCheckForUpdates({ ...base, lastCheckAt: last, now: last + UPDATE_CHECK_INTERVAL_MS })).toBe(true);
  });

  it('never checks while a check runs or when updates are off', () => {
    expect(shouldCheckForUpdates({ ...base, checking: true, now: T0 + 10 * UPDATE_CHECK_INTERVAL_MS })).toBe(false);
    expect(shouldCheckForUpdates({ ...base, plan: off, now: T0 + 10 * UPDATE_CHECK_INTERVAL_MS })).toBe(false);
  });

  it('notices a new update server', () => {
    const other = { provider: 'generic' as const, url: 'https://mirror.example.org/' };
    expect(feedChanged(null, on.enabled ? on.feed : null)).toBe(true);
    expect(feedChanged(on.enabled ? on.feed : null, other)).toBe(true);
    expect(feedChanged(other, { ...other })).toBe(false);
  });
});

describe('the updater glue', () => {
  it('has no code path that restarts the app under the cashier', () => {
    const glue = readFileSync(new URL('./updater.ts', import.meta.url), 'utf8');
    expect(glue).not.toMatch(/quitAndInstall|app\.relaunch|app\.quit|app\.exit/);
  });
});
