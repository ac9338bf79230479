// Test support: an in-memory stand-in for the sync server's device routes over a real node:http socket,
// with faults on demand (an error status, a cut connection, an answer lost after the work was done), so the
// client's backoff, idempotent push and cursor handling are tested through real HTTP.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventEnvelope } from './contract.js';

export type Fault = 'status500' | 'cut' | 'loseAnswer';

export type FakeDevice = { deviceId: string; tenantId: string; branchId: string; credential: string };

export type FakeSyncServer = {
  url: string;
  /** Every event stored, in server order. */
  readonly log: { seq: number; event: EventEnvelope }[];
  readonly requests: string[];
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
