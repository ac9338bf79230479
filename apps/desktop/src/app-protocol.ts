// Rule: the window shows only Mortar's own built files, served from one folder under a strict content
// security policy (DESIGN.md "Security": no remote content). Nothing outside that folder is reachable, whatever
// the URL says: `..`, encoded slashes, drive letters and symlinks leading out are all refused.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mortar';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sent with every response of the app protocol, so that it holds for every page and worker. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

/** The Content-Type for a file by its extension; anything unknown is opaque bytes (and never sniffed). */
export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type FileResolution =
  | { ok: true; path: string; spaFallback: boolean }
  | { ok: false; status: 400 | 403 | 404 | 405; reason: string };

/** A segment that is not a plain file or folder name once decoded. */
function unsafeSegment(segment: string): boolean {
  return (
    segment === '.' ||
    segment === '..' ||
    segment.includes('/') ||
    segment.includes('\\') ||
    segment.includes(':') ||
    segment.includes('\0')
  );
}

/**
 * Maps an app URL to a path inside `root`, without touching the disk. Refuses other schemes and hosts, any
 * segment that would climb out or name another drive, and anything that is not plainly below `root`.
 * A path without an extension that names no file falls back to index.html (the renderer's client routes).
 */
export function resolveAppPath(root: string, url: string): FileResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (
    parsed.protocol !== `${APP_SCHEME}:` ||
    parsed.host !== APP_HOST ||
    parsed.username !== '' ||
    parsed.password !== ''
  ) {
    return { ok: false, status: 403, reason: `only ${APP_ORIGIN} is served` };
  }
  // The raw path is checked before the URL parser's dot-segment removal could hide a climb: a request that
  // spells `..` at all (plain or percent-encoded) is refused, not quietly re-rooted.
  const withoutQuery = url.split(/[?#]/, 1)[0] ?? '';
  const pathStart = withoutQuery.indexOf('/', withoutQuery.indexOf('//') + 2);
  const rawPath = pathStart < 0 ? '' : withoutQuery.slice(pathStart);
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    if (unsafeSegment(segment)) return { ok: false, status: 403, reason: 'path leaves the app folder' };
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const path = join(root, ...segments);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    return { ok: false, status: 403, reason: 'path leaves the app folder' };
  }
  return { ok: true, path, spaFallback: extname(segments[segments.length - 1] ?? '') === '' };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    // The files change only with an update of the app; revalidating keeps an updated app from showing old code.
    'Cache-Control': 'no-cache',
  };
}

function refusal(status: number, reason: string): Response {
  return new Response(reason, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}

/**
 * Answers one request of the app protocol from the files under `root` (the renderer's build).
 * Plain Node: `protocol.handle` passes a fetch Request and takes a fetch Response, which Node has too.
 */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed');
  const resolved = resolveAppPath(root, request.url);
  if (!resolved.ok) return refusal(resolved.status, resolved.reason);
  let path = resolved.path;
  if (!(await isFile(path))) {
    if (!resolved.spaFallback) return refusal(404, 'not found');
    path = join(root, 'index.html');
    if (!(await isFile(path))) return refusal(404, 'not found');
  }
  // A symlink inside the folder must not lead out of it.
  let realRoot: string;
  let realPath: string;
  try {
    realRoot = await realpath(root);
    realPath = await realpath(path);
  } catch {
    return refusal(404, 'not found');
  }
  if (!isInside(realRoot, realPath)) return refusal(403, 'path leaves the app folder');
  const headers = securityHeaders(mimeTypeFor(realPath));
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = await readFile(realPath);
  return new Response(new Uint8Array(body), { status: 200, headers });
}
