import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN, createTestCore, setUpPharmacy, tempDir, type TestCore } from '../testing/index.js';
import type { ServerMessage } from '../contract.js';
import { isAllowedOrigin, startBrowserServer, type BrowserServer } from './browser-server.js';

let core: TestCore;
let server: BrowserServer;
afterEach(async () => {
  await server?.close();
  core?.dispose();
});

async function start(): Promise<BrowserServer> {
  core = createTestCore();
  const dist = tempDir('mortar-dist-');
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Mortar</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  server = await startBrowserServer({ core, staticDir: dist, port: 0 });
  return server;
}

function open(s: BrowserServer, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/api`, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, op: string, input: unknown): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as ServerMessage;
      if (m.type === 'result' && m.id === id) {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, op, input }));
  });
}

describe('browser mode server', () => {
  it('serves the UI with a strict content security policy and nothing outside its folder', async () => {
    const s = await start();
    const index = await fetch(s.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect((await fetch(`${s.url}assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${s.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${s.url}assets/../../mortar.key`)).status).toBe(404);
    expect((await fetch(s.url, { method: 'POST' })).status).toBe(405);
  });

  it('carries the typed API over a WebSocket, with one session per connection', async () => {
    const s = await start();
    await setUpPharmacy(core);
    const a = await open(s, `http://127.0.0.1:${s.port}`);
    const b = await open(s, `http://127.0.0.1:${s.port}`);
    expect(await call(a, 1, 'auth.login', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({
      type: 'result',
      result: { ok: true },
    });
    expect(await call(a, 2, 'catalog.searchProducts', { query: '' })).toMatchObject({ result: { ok: true } });
    expect(await call(b, 3, 'catalog.searchProducts', { query: '' })).toMatchObject({
      result: { ok: false, error: { code: 'auth.notLoggedIn' } },
    });
    a.close();
    b.close();
  });

  it('pushes change notices so open screens refresh by themselves', async () => {
    const s = await start();
    await setUpPharmacy(core);
    const watcher = await open(s);
    const changed = new Promise<ServerMessage>((resolve) => {
      watcher.on('message', (d) => {
        const m = JSON.parse(d.toString()) as ServerMessage;
        if (m.type === 'change' && m.notice.op === 'settings.updateSettings') resolve(m);
      });
    });
    const actor = await open(s);
    await call(actor, 1, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await call(actor, 2, 'settings.updateSettings', { autoLockMinutes: 10 });
    expect(await changed).toEqual({ type: 'change', notice: { topics: ['settings'], op: 'settings.updateSettings' } });
    watcher.close();
    actor.close();
  });

  it('answers malformed messages with a specific error and keeps the connection', async () => {
    const s = await start();
    const ws = await open(s);
    const reply = new Promise<ServerMessage>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()) as ServerMessage)));
    ws.send('this is not json');
    expect(await reply).toMatchObject({ type: 'result', id: -1, result: { ok: false, error: { code: 'api.badRequest' } } });
    expect(await call(ws, 9, 'setup.getStatus', {})).toMatchObject({ result: { ok: true } });
    ws.close();
  });

  it('refuses WebSocket connections from pages of other origins', async () => {
    const s = await start();
    await expect(open(s, 'https://evil.example')).rejects.toThrow(/403/);
    await expect(open(s, `http://127.0.0.1:${s.port + 1}`)).rejects.toThrow(/403/);
    expect(isAllowedOrigin('http://localhost:4780', 'localhost:4780', 4780)).toBe(true);
    expect(isAllowedOrigin(undefined, 'evil.example:4780', 4780)).toBe(false);
  });

  it('listens on the loopback interface only', async () => {
    core = createTestCore();
    await expect(startBrowserServer({ core, staticDir: tempDir(), host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});
