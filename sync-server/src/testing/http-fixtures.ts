// A server over a test database with a fixed clock, and small helpers to drive it as head office and counters.
import { afterEach } from 'vitest';
import { buildServer, type ServerOptions, type SyncServer } from '../http/server.js';
import type { Database } from '../store/database.js';
import { T0, type Counter } from './fixtures.js';
import { freshPostgres, type TestDatabase } from './test-databases.js';

export const ADMIN = 'test-admin-token-0123456789';

export type Harness = SyncServer & {
  clock: { now: Date };
  admin(url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
  enroll(code: string): Promise<{ status: number; json: Record<string, unknown> }>;
  push(c: Counter, events: unknown[]): Promise<{ status: number; json: Record<string, unknown> }>;
  pull(c: Counter, query?: string): Promise<{ status: number; json: Record<string, unknown> }>;
  branchWithDevice(tenantId?: string): Promise<Counter>;
};

type Inject = { statusCode: number; json(): unknown };

const body = (r: Inject) => ({ status: r.statusCode, json: r.json() as Record<string, unknown> });

export function harness(db: Database, options: Partial<ServerOptions> = {}): Harness {
  const clock = { now: new Date(T0) };
  const server = buildServer({ db, adminToken: ADMIN, now: () => clock.now, logger: false, ...options });
  const { app } = server;
  const h: Harness = {
    ...server,
    clock,
    admin: async (url, payload = {}) =>
      body(await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${ADMIN}` }, payload: payload as object })),
    enroll: async (code) => body(await app.inject({ method: 'POST', url: '/v1/enroll', payload: { code, label: 'till 1' } })),
    push: async (c, events) =>
      body(await app.inject({ method: 'POST', url: '/v1/events', headers: { authorization: `Bearer ${c.credential}` }, payload: { events } })),
    pull: async (c, query = 'after=0') =>
      body(await app.inject({ method: 'GET', url: `/v1/events?${query}`, headers: { authorization: `Bearer ${c.credential}` } })),
    async branchWithDevice(tenantId) {
      const tenant = tenantId ?? ((await h.admin('/v1/admin/tenants', { name: 'Chain' })).json.tenantId as string);
      const branch = (await h.admin(`/v1/admin/tenants/${tenant}/branches`, { name: 'Branch' })).json.branchId as string;
      const code = (await h.admin(`/v1/admin/tenants/${tenant}/branches/${branch}/enrollment-codes`)).json.code as string;
      const e = (await h.enroll(code)).json;
      return { tenantId: tenant, branchId: branch, deviceId: e.deviceId as string, credential: e.credential as string };
    },
  };
  return h;
}

/**
 * For a describe block: each call gives a harness over a fresh PostgreSQL database, dropped after the test.
 * Call it at the top of the block (it registers the afterEach), then `await setup()` in each test.
 */
export function freshHarness(): (options?: Partial<ServerOptions>) => Promise<Harness & { db: Database }> {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });
  return async (options = {}) => {
    t = await freshPostgres();
    return { ...harness(t.db, options), db: t.db };
  };
}
