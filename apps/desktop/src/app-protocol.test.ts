import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, mimeTypeFor, resolveAppPath, serveAppRequest } from './app-protocol.js';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mortar-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Mortar</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'assets', 'eng.traineddata'), 'bytes');
  writeFileSync(join(root, 'assets', 'ocr.wasm'), 'wasm');
  writeFileSync(join(base, 'secret.txt'), 'patient data');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'leak.txt'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest(root, new Request(url, { method }));

describe('the app protocol', () => {
  it('serves the entry page with the strict content security policy', async () => {
    const res = await get(APP_ENTRY_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Mortar</title>');
  });

  it('serves the root URL as index.html', async () => {
    const res = await get('app://mortar/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Mortar');
  });

  it('gives each built file its MIME type', async () => {
    const cases: Array<[string, string]> = [
      ['assets/index-abc123.js', 'text/javascript; charset=utf-8'],
      ['assets/index-abc123.css', 'text/css; charset=utf-8'],
      ['assets/logo.svg', 'image/svg+xml'],
      ['assets/ocr.wasm', 'application/wasm'],
      ['assets/eng.traineddata', 'application/octet-stream'],
    ];
    for (const [path, type] of cases) {
      const res = await get(`app://mortar/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('ignores the query string and fragment when finding the file', async () => {
    const res = await get('app://mortar/assets/index-abc123.js?v=2#x');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers a client route with index.html but a missing asset with 404', async () => {
    const route = await get('app://mortar/sales/new');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await get('app://mortar/assets/missing.js')).status).toBe(404);
  });

  it('refuses every way of climbing out of the folder', async () => {
    const attempts = [
      'app://mortar/../secret.txt',
      'app://mortar/assets/../../secret.txt',
      'app://mortar/%2e%2e/secret.txt',
      'app://mortar/assets/%2E%2E/%2e%2e/secret.txt',
      'app://mortar/..%2fsecret.txt',
      'app://mortar/..%5csecret.txt',
      'app://mortar/assets/..\\..\\secret.txt',
      'app://mortar/C:%5cWindows%5cwin.ini',
      'app://mortar/%00index.html',
    ];
    for (const url of attempts) {
      // As spelled (before any URL parser tidies the dots away) the path is refused outright ...
      expect(resolveAppPath(root, url), url).toMatchObject({ ok: false, status: 403 });
      // ... and through a fetch Request, as Electron hands it over, nothing outside is ever served.
      const res = await get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('patient data');
    }
  });

  it('refuses a symlink that leads out of the folder', async () => {
    const res = await get('app://mortar/assets/leak.txt');
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('patient data');
  });

  it('serves only its own origin', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(403);
    expect(resolveAppPath(root, 'app://user@mortar/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'https://mortar/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 403 });
  });

  it('accepts only GET and HEAD', async () => {
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
    const head = await get(APP_ENTRY_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('keeps resolution inside the folder without touching the disk', () => {
    const r = resolveAppPath(root, 'app://mortar/assets/index-abc123.js');
    expect(r).toEqual({ ok: true, path: join(root, 'assets', 'index-abc123.js'), spaFallback: false });
    expect(resolveAppPath(root, 'app://mortar/%zz')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('the content security policy', () => {
  it('is exactly the policy the design asks for', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('allows no inline or evaluated script and no remote host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('MIME types', () => {
  it('does not depend on the case of the extension and falls back to opaque bytes', () => {
    expect(mimeTypeFor('A/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('model.onnx')).toBe('application/octet-stream');
    expect(mimeTypeFor('noextension')).toBe('application/octet-stream');
  });
});
