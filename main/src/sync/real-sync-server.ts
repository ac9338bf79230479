// Test support: the real sync server (Fastify over an in-memory PGlite) on a loopback port, with head office's
// calls the tests need. main never imports the server: it is loaded at run time by a specifier the compiler does
// not follow, so the package boundary holds.
type ServerDb = { query(sql: string, params?: unknown[]): Promise<unknown[]> };
type ServerApp = { listen(o: { port: number; host: string }): Promise<string>; close(): Promise<void> };
type SyncServerModule = {
  openPglite(): Promise<ServerDb>;
  migrate(db: ServerDb): Promise<number[]>;
  buildServer(o: { db: ServerDb; adminToken: string; logger: false; deviceRateLimit: { capacity: number; refillPerSecond: number } }): { app: ServerApp };
};
const serverModule: string = '@mortar/sync-server';

export type RealSyncServer = {
  url: string;
  /** A head-office POST with the admin token; throws unless it created something (201). */
  admin(path: string, body?: unknown): Promise<Record<string, unknown>>;
  enrollmentCode(tenantId: string, branchId: string): Promise<string>;
  close(): Promise<void>;
};

export async function startRealSyncServer(adminToken: string): Promise<RealSyncServer> {
  const mod = (await import(serverModule)) as SyncServerModule;
  const db = await mod.openPglite();
  await mod.migrate(db);
  // The rate limit is lifted: these tests drive one device hard on purpose.
  const app = mod.buildServer({ db, adminToken, logger: false, deviceRateLimit: { capacity: 1000, refillPerSecond: 1000 } }).app;
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const admin = async (path: string, body: unknown = {}): Promise<Record<string, unknown>> => {
    const r = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await r.json()) as Record<string, unknown>;
    if (r.status !== 201) throw new Error(`${path} answered ${r.status}: ${JSON.stringify(json)}`);
    return json;
  };
  return {
    url,
    admin,
    enrollmentCode: async (tenantId, branchId) => (await admin(`/v1/admin/tenants/${tenantId}/branches/${branchId}/enrollment-codes`)).code as string,
    close: () => app.close(),
  };
}
