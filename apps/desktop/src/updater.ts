// Thin glue between electron-updater and the update policy (update-policy.ts holds every decision).
// Nothing here restarts the app: a downloaded update waits for the user to quit.
import type { AppUpdater } from 'electron-updater';
import {
  FIRST_CHECK_DELAY_MS,
  UPDATE_TICK_MS,
  afterUpdateDownloaded,
  feedChanged,
  planUpdates,
  shouldCheckForUpdates,
  updaterFlags,
  type UpdateFeed,
  type UpdatePlan,
} from './update-policy.js';

export type UpdaterDeps = {
  updater: AppUpdater;
  /** The `updateUrl` setting of this terminal (null: updates off). */
  readUpdateUrl: () => Promise<string | null>;
  /** Calls back when the terminal's settings change, so a new update server is used at once. */
  onSettingsChanged: (listener: () => void) => () => void;
  log: (message: string, error?: unknown) => void;
  now?: () => number;
};

export function startUpdater(deps: UpdaterDeps): { stop(): void } {
  const now = deps.now ?? Date.now;
  const { updater, log } = deps;
  const startedAt = now();
  let plan: UpdatePlan = { enabled: false, reason: 'not read yet' };
  let feed: UpdateFeed | null = null;
  let checking = false;
  let lastCheckAt: number | null = null;

  updater.logger = null;
  updater.on('error', (e: Error) => log('the update check failed; the app goes on as it is', e));
  updater.on('update-available', (info: { version: string }) => log(`update ${info.version} found; downloading in the background`));
  updater.on('update-downloaded', (info: { version: string }) => {
    log(`update ${info.version} downloaded; it is installed when Mortar quits (${afterUpdateDownloaded()})`);
  });

  async function refreshPlan(): Promise<void> {
    let url: string | null = null;
    try {
      url = await deps.readUpdateUrl();
    } catch (e: unknown) {
      log('could not read the update setting', e);
    }
    const next = planUpdates(url);
    const nextFeed = next.enabled ? next.feed : null;
    Object.assign(updater, updaterFlags(next));
    if (nextFeed && feedChanged(feed, nextFeed)) {
      updater.setFeedURL(nextFeed);
      lastCheckAt = null;
      log(`updates are checked at ${nextFeed.url}`);
    }
    if (!next.enabled && plan.enabled) log(`updates are off: ${next.reason}`);
    plan = next;
    feed = nextFeed;
  }

  async function tick(): Promise<void> {
    await refreshPlan();
    if (!shouldCheckForUpdates({ plan, checking, lastCheckAt, startedAt, now: now() })) return;
    checking = true;
    try {
      await updater.checkForUpdates();
    } catch (e: unknown) {
      log('the update check failed; the app goes on as it is', e);
    } finally {
      checking = false;
      lastCheckAt = now();
    }
  }

  const run = (): void => {
    tick().catch((e: unknown) => log('the update loop failed', e));
  };
  // Read the setting at once (so the flags are right), check once the first delay is over, then on the tick.
  const first = setTimeout(run, 1000);
  const firstDue = setTimeout(run, FIRST_CHECK_DELAY_MS + 1000);
  const interval = setInterval(run, UPDATE_TICK_MS);
  const unsubscribe = deps.onSettingsChanged(run);
  return {
    stop() {
      clearTimeout(first);
      clearTimeout(firstDue);
      clearInterval(interval);
      unsubscribe();
    },
  };
}
