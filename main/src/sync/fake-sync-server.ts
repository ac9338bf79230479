// Test support: an in-memory stand-in for the sync server's device routes over a real node:http socket,
// with faults on demand (an error status, a cut connection, an answer lost after the work was done), so the
// client's backoff, idempotent push and cursor handling are tested through real HTTP. Its snapshot route
// answers as the real one does (sync-server/src/snapshot/): gzip NDJSON begin/event/end lines, resumable by
// `at` and `after`, superseded stock levels left out.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { EventEnvelope } from './contract.js';

/** `hold`: a snapshot answer sends its first half of events and then nothing, until `cutHeld` drops it. */
export type Fault = 'status500' | 'cut' | 'loseAnswer' | 'hold';

export type FakeDevice = { deviceId: string; tenantId: string; branchId: string; credential: string };

export type FakeSyncServer = {
  url: string;
  /** Every event stored, in server order. */
  readonly log: { seq: number; event: EventEnvelope }[];
  readonly requests: string[];
  /** Every snapshot request's query (`at`, `after`), in order. */
  readonly snapshotQueries: { at: string | null; after: string | null }[];
  /** The route answers 404, as a server from before snapshots does (default: it is there). */
  snapshotRoute: boolean;
  /** Drops the connections of held snapshot answers, as a network cut would. */
  cutHeld(): void;
  addCode(code: string, device: Omit<FakeDevice, 'credential'>): void;
  /** Stores an event as if another device (or head office) had pushed it. */
  inject(event: EventEnvelope): void;
  /** The next `count` requests matching `route` ("GET /v1/events", or any when absent) fail this way, after `skip` pass. */
  fail(fault: Fault, count?: number, route?: string, skip?: number): void;
  close(): Promise<void>;
};

const PUBLISHED = [/^catalog\./, /^inventory\.recall/, /^stock\.levelChanged$/, /^staff\.(users|roles)Published$/];

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The real server's compaction: a branch counter's level superseded by its later level of the same product, unless below zero. */
function superseded(log: { seq: number; event: EventEnvelope }[], at: number): Set<string> {
  const newest = new Map<string, { seq: number; event: EventEnvelope }>();
  const levels = log.filter((r) => r.seq <= at && r.event.type === 'stock.levelChanged' && typeof r.event.payload.sku === 'string');
  for (const r of levels) {
    const key = `${r.event.branchId}|${r.event.deviceId}|${String(r.event.payload.sku)}`;
    const best = newest.get(key);
    if (!best || r.event.hlc > best.event.hlc || (r.event.hlc === best.event.hlc && r.seq > best.seq)) newest.set(key, r);
  }
  const out = new Set<string>();
  for (const r of levels) {
    const key = `${r.event.branchId}|${r.event.deviceId}|${String(r.event.payload.sku)}`;
    if (newest.get(key) !== r && !String(r.event.payload.onHand).startsWith('-')) out.add(r.event.id);
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

export async function startFakeSyncServer(): Promise<FakeSyncServer> {
  const codes = new Map<string, Omit<FakeDevice, 'credential'>>();
  const devices = new Map<string, FakeDevice>();
  const log: { seq: number; event: EventEnvelope }[] = [];
  const ids = new Set<string>();
  const requests: string[] = [];
  const faults: { fault: Fault; route?: string; skip: number }[] = [];
  const snapshotQueries: { at: string | null; after: string | null }[] = [];
  const held: ServerResponse[] = [];
  const state = { snapshotRoute: true };
  let credentials = 0;

  const store = (e: EventEnvelope) => {
    if (ids.has(e.id)) return false;
    ids.add(e.id);
    log.push({ seq: log.length + 1, event: e });
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = `${req.method ?? ''} ${url.pathname}`;
    requests.push(route);
    const faultAt = faults.findIndex((f) => f.route === undefined || f.route === route);
    const matched = faultAt >= 0 ? faults[faultAt] : undefined;
    let fault: Fault | undefined;
    if (matched && matched.skip > 0) matched.skip--;
    else if (matched) fault = faults.splice(faultAt, 1)[0]?.fault;
    if (fault === 'status500') return send(res, 500, { ok: false, error: { code: 'http.internal', message: 'Internal error' } });
    if (fault === 'cut') return req.socket.destroy();
    const body = req.method === 'POST' ? await readBody(req) : null;
    let answer: { status: number; body: unknown };
    if (url.pathname === '/v1/enroll') {
      const code = (body as { code?: string }).code ?? '';
      const d = codes.get(code);
      if (!d) answer = { status: 400, body: { ok: false, error: { code: 'enroll.invalidCode', message: 'The code is unknown, used or expired' } } };
      else {
        codes.delete(code);
        credentials++;
        const device = { ...d, credential: `credential-${credentials}-${'x'.repeat(20)}` };
        devices.set(device.credential, device);
        answer = { status: 201, body: { ok: true, ...d, credential: device.credential } };
      }
    } else {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const device = devices.get(token);
      if (!device) answer = { status: 401, body: { ok: false, error: { code: 'auth.invalidCredential', message: 'Unknown device credential' } } };
      else if (req.method === 'POST' && url.pathname === '/v1/events') {
        const events = (body as { events: EventEnvelope[] }).events;
        const foreign = events.find((e) => e.deviceId !== device.deviceId || e.branchId !== device.branchId || e.tenantId !== device.tenantId);
        if (foreign) answer = { status: 403, body: { ok: false, error: { code: 'events.originMismatch', message: 'not this device' } } };
        else {
          const stored = events.filter(store).length;
          answer = { status: 200, body: { ok: true, stored, duplicates: events.length - stored, ackedThroughId: events.at(-1)?.id ?? null } };
        }
      } else if (req.method === 'GET' && url.pathname === '/v1/events') {
        const after = Number(url.searchParams.get('after') ?? '0');
        const limit = Number(url.searchParams.get('limit') ?? '500');
        const head = log.length;
        if (after > head) answer = { status: 409, body: { ok: false, error: { code: 'sync.cursorFromFuture', message: 'ahead', details: { cursor: after, head } } } };
        else {
          const visible = log.filter((r) => r.seq > after && r.event.tenantId === device.tenantId && (r.event.branchId === device.branchId || PUBLISHED.some((p) => p.test(r.event.type))));
          const page = visible.slice(0, limit);
          const hasMore = visible.length > limit;
          const cursor = hasMore ? (page.at(-1)?.seq ?? after) : head;
          answer = { status: 200, body: { ok: true, events: page.map((r) => ({ seq: r.seq, receivedAt: new Date(0).toISOString(), event: r.event })), cursor, hasMore } };
        }
      } else if (req.method === 'GET' && url.pathname === '/v1/snapshot' && state.snapshotRoute) {
        const q = { at: url.searchParams.get('at'), after: url.searchParams.get('after') };
        snapshotQueries.push(q);
        const head = log.length;
        const at = q.at === null ? head : Number(q.at);
        const after = Number(q.after ?? '0');
        if (!Number.isSafeInteger(at) || !Number.isSafeInteger(after) || at < 0 || after < 0) answer = { status: 400, body: { ok: false, error: { code: 'sync.badCursor', message: 'at and after must be non-negative integers' } } };
        else if (at > head) answer = { status: 409, body: { ok: false, error: { code: 'sync.cursorFromFuture', message: 'ahead', details: { at, head } } } };
        else if (after > at) answer = { status: 400, body: { ok: false, error: { code: 'sync.badCursor', message: 'after must not be past at', details: { at, after } } } };
        else {
          const gone = superseded(log, at);
          const visible = log.filter((r) => r.seq > after && r.seq <= at && r.event.tenantId === device.tenantId && (r.event.branchId === device.branchId || PUBLISHED.some((p) => p.test(r.event.type))));
          const sent = visible.filter((r) => !gone.has(r.event.id));
          const lines = [
            JSON.stringify({ t: 'begin', format: 1, at, after, tenantId: device.tenantId, branchId: device.branchId }),
            ...sent.map((r) => JSON.stringify({ t: 'event', seq: r.seq, event: r.event })),
          ];
          const end = JSON.stringify({ t: 'end', at, events: sent.length, compacted: visible.length - sent.length });
          res.writeHead(200, { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip', 'cache-control': 'no-store' });
          if (fault === 'hold') {
            // A gzip member is complete on its own: the client reads these lines, then waits for more that never come.
            res.write(gzipSync(`${lines.slice(0, 1 + Math.floor(sent.length / 2)).join('\n')}\n`));
            held.push(res);
            return;
          }
          res.end(gzipSync(`${[...lines, end].join('\n')}\n`));
          return;
        }
      } else answer = { status: 404, body: { ok: false, error: { code: 'http.notFound', message: 'No such route' } } };
    }
    // The work is done but the answer never arrives: the client must retry without harm.
    if (fault === 'loseAnswer') return req.socket.destroy();
    send(res, answer.status, answer.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { ok: false, error: { code: 'http.internal', message: 'fake server failed' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    requests,
    snapshotQueries,
    get snapshotRoute() {
      return state.snapshotRoute;
    },
    set snapshotRoute(on: boolean) {
      state.snapshotRoute = on;
    },
    cutHeld() {
      for (const res of held.splice(0)) res.socket?.destroy();
    },
    addCode: (code, device) => void codes.set(code, device),
    inject: (e) => void store(e),
    fail(fault, count = 1, route, skip = 0) {
      for (let i = 0; i < count; i++) faults.push({ fault, route, skip });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
