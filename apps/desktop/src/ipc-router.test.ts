import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, PHARMACY, createTestCore, type TestCore } from '@mortar/main/testing';
import type { ChangeNotice } from '@mortar/main/contract';
import { CHANGE_CHANNEL, INVOKE_CHANNEL } from './ipc-channels.js';
import { createIpcRouter, type IpcRouter, type IpcSender } from './ipc-router.js';
import { createRendererBridge, type RendererIpc } from './renderer-bridge.js';

const PAGE = 'app://mortar/index.html';
const fromWindow = (id: number, frameUrl: string | undefined = PAGE, isMainFrame = true): IpcSender => ({ id, frameUrl, isMainFrame });

let core: TestCore;
let router: IpcRouter;
let notices: Map<number, ChangeNotice[]>;
let logged: string[];

beforeEach(() => {
  core = createTestCore();
  logged = [];
  router = createIpcRouter(core, { log: (m) => logged.push(m) });
  notices = new Map();
  for (const id of [1, 2]) {
    notices.set(id, []);
    router.attach(id, (n) => notices.get(id)?.push(n));
  }
});

afterEach(() => {
  router.close();
  core.dispose();
});

describe('the IPC router', () => {
  it('passes a call from the app page to the core and returns its result', async () => {
    const status = await router.invoke(fromWindow(1), 'setup.getStatus', {}, undefined);
    expect(status).toMatchObject({ ok: true });
    const settings = await router.invoke(fromWindow(1), 'settings.getSettings', {}, null);
    expect(settings).toMatchObject({ ok: true, value: { updateUrl: null } });
  });

  it('returns the core errors as data', async () => {
    const r = await router.invoke(fromWindow(1), 'sales.noSuchThing', {}, undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'api.unknownOperation' } });
    const denied = await router.invoke(fromWindow(1), 'users.listUsers', {}, undefined);
    expect(denied.ok).toBe(false);
  });

  it('keeps one session per window', async () => {
    expect(await router.invoke(fromWindow(1), 'setup.initialize', { pharmacy: PHARMACY, admin: ADMIN }, undefined)).toMatchObject({
      ok: true,
    });
    const first = await router.invoke(fromWindow(1), 'auth.getSession', {}, undefined);
    const second = await router.invoke(fromWindow(2), 'auth.getSession', {}, undefined);
    expect(first).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    expect(second).toEqual({ ok: true, value: null });
  });

  it('sends the core change notices to every window', async () => {
    await router.invoke(fromWindow(1), 'setup.initialize', { pharmacy: PHARMACY, admin: ADMIN }, undefined);
    const update = await router.invoke(fromWindow(1), 'settings.updateSettings', { autoLockMinutes: 10 }, undefined);
    expect(update).toMatchObject({ ok: true, value: { autoLockMinutes: 10 } });
    for (const id of [1, 2]) {
      expect(notices.get(id)).toContainEqual({ op: 'settings.updateSettings', topics: ['settings'] });
    }
  });

  it('refuses calls from another origin', async () => {
    for (const url of ['https://example.org/', 'file:///tmp/index.html', 'app://evil/index.html', 'devtools://x', undefined]) {
      const r = await router.invoke({ id: 1, frameUrl: url, isMainFrame: true }, 'setup.getStatus', {}, undefined);
      expect(r, String(url)).toMatchObject({ ok: false, error: { code: 'api.badRequest' } });
    }
    expect(logged.some((l) => l.includes('https://example.org/'))).toBe(true);
  });

  it('refuses calls from a subframe and from a webContents that is not a Mortar window', async () => {
    expect(await router.invoke(fromWindow(1, PAGE, false), 'setup.getStatus', {}, undefined)).toMatchObject({ ok: false });
    expect(await router.invoke(fromWindow(99), 'setup.getStatus', {}, undefined)).toMatchObject({
      ok: false,
      error: { code: 'api.badRequest' },
    });
  });

  it('refuses malformed calls before they reach the core', async () => {
    expect(await router.invoke(fromWindow(1), 42, {}, undefined)).toMatchObject({ ok: false, error: { code: 'api.badRequest' } });
    expect(await router.invoke(fromWindow(1), 'x'.repeat(101), {}, undefined)).toMatchObject({ ok: false });
    expect(await router.invoke(fromWindow(1), 'setup.getStatus', {}, { override: { username: 'm' } })).toMatchObject({
      ok: false,
      error: { code: 'api.badRequest' },
    });
    expect(await router.invoke(fromWindow(1), 'setup.getStatus', {}, { sneaky: true })).toMatchObject({ ok: false });
  });

  it('drops a window’s session when the window goes', async () => {
    await router.invoke(fromWindow(1), 'setup.initialize', { pharmacy: PHARMACY, admin: ADMIN }, undefined);
    router.detach(1);
    expect(router.attachedCount).toBe(1);
    expect(await router.invoke(fromWindow(1), 'auth.getSession', {}, undefined)).toMatchObject({ ok: false });
    router.attach(1, () => {});
    expect(await router.invoke(fromWindow(1), 'auth.getSession', {}, undefined)).toEqual({ ok: true, value: null });
  });
});

describe('the preload bridge over the router', () => {
  // The two halves joined in-process, as Electron's IPC joins them between the page and the main process.
  function loopback(id: number): RendererIpc {
    const events = new EventEmitter();
    router.attach(id, (notice) => events.emit(CHANGE_CHANNEL, {}, notice));
    return {
      invoke: (channel, ...args) => {
        expect(channel).toBe(INVOKE_CHANNEL);
        return router.invoke(fromWindow(id), args[0], args[1], args[2]);
      },
      on: (channel, listener) => events.on(channel, listener),
      removeListener: (channel, listener) => events.removeListener(channel, listener),
    };
  }

  it('has exactly the Bridge shape and reaches the core', async () => {
    const bridge = createRendererBridge(loopback(3));
    expect(bridge.kind).toBe('electron');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'kind', 'onChange', 'onScanning']);
    expect(await bridge.invoke('setup.getStatus', {})).toMatchObject({ ok: true });
  });

  it('delivers change notices until unsubscribed', async () => {
    const bridge = createRendererBridge(loopback(3));
    const seen: ChangeNotice[] = [];
    const unsubscribe = bridge.onChange((n) => seen.push(n));
    await bridge.invoke('setup.initialize', { pharmacy: PHARMACY, admin: ADMIN });
    expect(seen.length).toBeGreaterThan(0);
    unsubscribe();
    const before = seen.length;
    await bridge.invoke('settings.updateSettings', { autoLockMinutes: 7 });
    expect(seen.length).toBe(before);
  });

  it('sends only the override, never other fields of the options', async () => {
    const sent: unknown[] = [];
    const bridge = createRendererBridge({
      invoke: (_channel, ...args) => {
        sent.push(args[2]);
        return Promise.resolve({ ok: true, value: null });
      },
      on: () => undefined,
      removeListener: () => undefined,
    });
    const override = { username: 'manager', secret: '1357', reason: 'price match' };
    await bridge.invoke('catalog.updatePrice', {}, { override, extra: 'x' } as never);
    await bridge.invoke('setup.getStatus', {});
    expect(sent).toEqual([{ override }, undefined]);
  });
});
