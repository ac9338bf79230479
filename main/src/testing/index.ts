// Test support: a fresh migrated, encrypted store in a temporary directory per test, a fixed clock and
// seeded ids, so that every test is deterministic and independent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Connection, type Core } from '../core.js';
import { fixedClock } from '../kernel/clock.js';
import { seededRandom, uuidv7Generator } from '../kernel/ids.js';
import type { InputOf, OutputOf, Result, SessionInfo } from '../contract.js';

export const TEST_START = Date.UTC(2026, 10, 27, 9, 0, 0);

export type TestCore = Core & { dataDir: string; clock: ReturnType<typeof fixedClock>; dispose(): void };

export function tempDir(prefix = 'mortar-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function createTestCore(options: { dataDir?: string; seed?: number; start?: number } = {}): TestCore {
  const dataDir = options.dataDir ?? tempDir();
  const clock = fixedClock(options.start ?? TEST_START);
  const core = createCore({
    dataDir,
    clock,
    ids: uuidv7Generator(clock, seededRandom(options.seed ?? 42)),
    log: () => {},
  });
  return {
    ...core,
    dataDir,
    clock,
    dispose() {
      core.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = { username: 'admin', displayName: 'Avery Admin', password: 'correct-horse-battery', pin: '2468' };

export const PHARMACY = {
  name: 'Riverside Pharmacy',
  address: '1 River Street, Springfield',
  taxId: 'GB123456789',
  baseCurrency: 'GBP',
  locale: 'en',
  terminalName: 'Counter 1',
};

/** Unwraps a successful result, failing the test with the error otherwise. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export async function setUpPharmacy(core: Core): Promise<{ admin: Connection; session: SessionInfo }> {
  const admin = core.connect();
  const session = expectOk(await admin.invoke('setup.initialize', { pharmacy: PHARMACY, admin: ADMIN }));
  return { admin, session };
}

export async function addUser(
  admin: Connection,
  user: InputOf<'users.createUser'>,
): Promise<OutputOf<'users.createUser'>> {
  return expectOk(await admin.invoke('users.createUser', user));
}

export async function loginAs(core: Core, username: string, password: string): Promise<Connection> {
  const c = core.connect();
  expectOk(await c.invoke('auth.login', { username, password }));
  return c;
}

export function countRows(core: Core, table: string): number {
  return (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/**
 * The query plan of a statement, one line per step. Hot queries assert that no step is a full table scan
 * (a virtual table's own index search, such as FTS5's, is not one).
 */
export function queryPlan(core: Core, sql: string, ...params: unknown[]): string[] {
  return (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

export function tableScans(plan: string[]): string[] {
  return plan.filter((d) => /\bSCAN\b/.test(d) && !/VIRTUAL TABLE/.test(d));
}

// Internals that benchmarks and tests build large data sets with, without going through one command each.
export { catalogStore } from '../catalog/catalog-store.js';
export { gtinCheckDigit } from '../catalog/gtin.js';
export { searchWords } from '../catalog/search-text.js';
export { readDemoCatalog } from '../demo/load-demo.js';
// The sale's own pricing and writers, for benchmarks that seed a long sales history in bulk.
export { priceBasket, settleTender, type PricedBasket, type TaxRuleSet, type TenderState } from '../money/index.js';
export { canonicalJson, sha256Hex } from '../kernel/canonical-json.js';
export { requestDigest } from '../sales/complete-sale.js';
export { activeTaxRules } from '../sales/sales-settings-store.js';
export { receiptCode, salesStore } from '../sales/sales-store.js';
export { buildShiftReport } from '../shifts/shift-report.js';
export { shiftsStore, type ShiftRow } from '../shifts/shifts-store.js';
