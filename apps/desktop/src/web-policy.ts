// Rule: the window never leaves the app, never opens another window, never embeds a webview and gets no
// permission except the camera for prescription capture (DESIGN.md "Security"). Pure decisions here; the
// Electron wiring in main.ts only asks them.
import { APP_HOST, APP_SCHEME } from './app-protocol.js';

/** True for URLs of Mortar's own origin (`app://mortar/...`) and nothing else. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** `will-navigate` / `will-redirect` / `will-frame-navigate`: only within the app's own origin. */
export function allowNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * `setWindowOpenHandler`: every new window is denied, and nothing is handed to the OS browser either. No
 * feature needs an outside page yet, and a link from a compromised page must not become a way out.
 */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** `will-attach-webview`: the app has no webviews, so any attempt is refused. */
export function allowWebview(): boolean {
  return false;
}

/** Where a request from the window may go: its own files, and data/blob URLs it built itself. */
export function allowRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'data:' || protocol === 'blob:';
  } catch {
    return false;
  }
}

export type PermissionRequestDetails = {
  requestingUrl?: string;
  isMainFrame?: boolean;
  /** Set for 'media': what the page asked for. */
  mediaTypes?: readonly string[];
};

/**
 * `setPermissionRequestHandler`: only the camera (video, no microphone), only for the app's own main page.
 * A prescription is photographed, never recorded with sound.
 */
export function allowPermissionRequest(
  permission: string,
  details: PermissionRequestDetails,
  pageUrl?: string,
): boolean {
  if (permission !== 'media') return false;
  if (details.isMainFrame === false) return false;
  if (!isAppUrl(details.requestingUrl ?? pageUrl)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

export type PermissionCheckDetails = {
  mediaType?: string;
  requestingUrl?: string;
  isMainFrame?: boolean;
};

/** `setPermissionCheckHandler`: the same rule for Chromium's synchronous checks. */
export function allowPermissionCheck(permission: string, requestingOrigin: string, details: PermissionCheckDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingOrigin) && !isAppUrl(details.requestingUrl)) return false;
  return details.mediaType === 'video';
}
