// Rule: updates come only over HTTPS from the server the terminal's settings name, download quietly, and are
// installed when the app quits: a counter in the middle of a sale is never restarted under the cashier.
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
/** Let the window and the first scans come first; the check is not urgent. */
export const FIRST_CHECK_DELAY_MS = 30 * 1000;
/** How often the loop wakes to ask whether a check is due (a sleeping laptop skips timers). */
export const UPDATE_TICK_MS = 15 * 60 * 1000;

export type UpdateFeed = { provider: 'generic'; url: string };

export type UpdatePlan = { enabled: true; feed: UpdateFeed } | { enabled: false; reason: string };

/** Turns the `updateUrl` setting into a feed, or says why updates are off. */
export function planUpdates(updateUrl: string | null | undefined): UpdatePlan {
  if (updateUrl === null || updateUrl === undefined || updateUrl.trim() === '') {
    return { enabled: false, reason: 'no update server is set for this terminal' };
  }
  let url: URL;
  try {
    url = new URL(updateUrl.trim());
  } catch {
    return { enabled: false, reason: 'the update server address is not a URL' };
  }
  if (url.protocol !== 'https:') return { enabled: false, reason: 'updates are fetched over HTTPS only' };
  if (url.username !== '' || url.password !== '') {
    return { enabled: false, reason: 'the update server address must not carry a user name or password' };
  }
  url.hash = '';
  return { enabled: true, feed: { provider: 'generic', url: url.toString() } };
}

/** The electron-updater switches that follow from a plan. */
export type UpdaterFlags = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  autoRunAppAfterInstall: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  forceDevUpdateConfig: boolean;
};

export function updaterFlags(plan: UpdatePlan): UpdaterFlags {
  return {
    // Download in the background as soon as an update is found ...
    autoDownload: plan.enabled,
    // ... and install it only when the app quits; a terminal whose updates were switched off installs nothing.
    autoInstallOnAppQuit: plan.enabled,
    autoRunAppAfterInstall: true,
    // An older build from a misconfigured server must not replace a newer one (schema migrations are forward only).
    allowDowngrade: false,
    allowPrerelease: false,
    forceDevUpdateConfig: false,
  };
}

export type CheckState = {
  plan: UpdatePlan;
  checking: boolean;
  lastCheckAt: number | null;
  startedAt: number;
  now: number;
};

/** Whether to ask the server now: updates on, no check running, first delay over, and the interval passed. */
export function shouldCheckForUpdates(s: CheckState): boolean {
  if (!s.plan.enabled || s.checking) return false;
  if (s.lastCheckAt === null) return s.now - s.startedAt >= FIRST_CHECK_DELAY_MS;
  return s.now - s.lastCheckAt >= UPDATE_CHECK_INTERVAL_MS;
}

/** Whether the feed changed, so electron-updater must be pointed at the new one. */
export function feedChanged(before: UpdateFeed | null, after: UpdateFeed | null): boolean {
  return (before?.url ?? null) !== (after?.url ?? null);
}

/** What happens once an update is downloaded: it waits for the app to quit. There is no other answer. */
export function afterUpdateDownloaded(): 'install-on-quit' {
  return 'install-on-quit';
}
