import { describe, expect, it } from 'vitest';
import {
  allowNavigation,
  allowPermissionCheck,
  allowPermissionRequest,
  allowRequestUrl,
  allowWebview,
  isAppUrl,
  windowOpenDecision,
} from './web-policy.js';

describe('navigation', () => {
  it('stays within the app origin', () => {
    expect(allowNavigation('app://mortar/index.html')).toBe(true);
    expect(allowNavigation('app://mortar/sales#cart')).toBe(true);
  });

  it('refuses every other origin and scheme', () => {
    for (const url of [
      'https://example.org/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'app://mortar.evil/index.html',
      'app://user@mortar/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
      '',
    ]) {
      expect(allowNavigation(url), url).toBe(false);
    }
  });
});

describe('new windows and webviews', () => {
  it('denies every window, app links included, and opens nothing in the OS browser', () => {
    expect(windowOpenDecision('https://example.org/')).toEqual({ action: 'deny' });
    expect(windowOpenDecision('app://mortar/index.html')).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    expect(allowWebview()).toBe(false);
  });
});

describe('requests from the window', () => {
  it('reach only the app itself and data or blob URLs it made', () => {
    expect(allowRequestUrl('app://mortar/assets/index.js')).toBe(true);
    expect(allowRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(allowRequestUrl('blob:app://mortar/0b1e')).toBe(true);
    expect(allowRequestUrl('https://cdn.example.org/tesseract.wasm')).toBe(false);
    expect(allowRequestUrl('wss://example.org/')).toBe(false);
    expect(allowRequestUrl('file:///etc/hosts')).toBe(false);
  });
});

describe('permission requests', () => {
  const page = 'app://mortar/index.html';

  it('grant the camera to the app page for prescription capture', () => {
    expect(allowPermissionRequest('media', { requestingUrl: page, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
  });

  it('refuse the microphone, even together with the camera', () => {
    expect(allowPermissionRequest('media', { requestingUrl: page, isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: page, isMainFrame: true, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: page, isMainFrame: true, mediaTypes: [] })).toBe(false);
  });

  it('refuse the camera to any other origin or to a subframe', () => {
    expect(allowPermissionRequest('media', { requestingUrl: 'https://example.org/', mediaTypes: ['video'] })).toBe(false);
    expect(allowPermissionRequest('media', { requestingUrl: page, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
  });

  it('use the page URL when the request does not name one', () => {
    expect(allowPermissionRequest('media', { mediaTypes: ['video'] }, page)).toBe(true);
    expect(allowPermissionRequest('media', { mediaTypes: ['video'] }, 'https://example.org/')).toBe(false);
  });

  it('refuse every other permission', () => {
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal', 'hid', 'serial', 'usb', 'midi', 'fullscreen', 'pointerLock', 'fileSystem']) {
      expect(allowPermissionRequest(p, { requestingUrl: page, isMainFrame: true, mediaTypes: ['video'] }), p).toBe(false);
    }
  });
});

describe('permission checks', () => {
  it('answer yes only for the camera from the app origin', () => {
    expect(allowPermissionCheck('media', 'app://mortar', { mediaType: 'video' })).toBe(true);
    expect(allowPermissionCheck('media', 'app://mortar', { mediaType: 'audio' })).toBe(false);
    expect(allowPermissionCheck('media', 'https://example.org', { mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck('geolocation', 'app://mortar', {})).toBe(false);
    expect(allowPermissionCheck('hid', 'app://mortar', {})).toBe(false);
  });
});

describe('the app origin', () => {
  it('is recognised with or without a path', () => {
    expect(isAppUrl('app://mortar')).toBe(true);
    expect(isAppUrl('app://mortar/')).toBe(true);
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });
});
