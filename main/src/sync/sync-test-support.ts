// Test support for the sync client: an enrolled counter against the fake server, and envelopes as other
// branches and head office would send them.
import { seededRandom, uuidv7Generator } from '../kernel/ids.js';
import { setUpCounter, type Counter } from '../sales/sales-fixtures.js';
import { expectOk } from '../testing/index.js';
import type { EventEnvelope } from './contract.js';
import type { FakeSyncServer } from './fake-sync-server.js';
import type { SyncDeps } from './sync-client.js';

export const TENANT = '01930000-0000-7000-8000-000000000001';
export const BRANCH_A = '01930000-0000-7000-8000-00000000000a';
export const BRANCH_B = '01930000-0000-7000-8000-00000000000b';
export const DEVICE_A = '01930000-0000-7000-8000-0000000000a1';
export const DEVICE_B = '01930000-0000-7000-8000-0000000000b1';
export const HEAD_OFFICE = '01930000-0000-7000-8000-0000000000ff';

let n = 0;
export function eventId(): string {
  n++;
  return `01930000-0000-7000-9000-${n.toString(16).padStart(12, '0')}`;
}

export function hlcAt(wall: number, logical = 0, node = 'remote'): string {
  return `${String(wall).padStart(15, '0')}:${String(logical).padStart(6, '0')}:${node}`;
}

export function remoteEvent(type: string, payload: Record<string, unknown>, over: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    id: eventId(),
    tenantId: TENANT,
    branchId: BRANCH_B,
    deviceId: DEVICE_B,
    hlc: hlcAt(1_800_000_000_000),
    type,
    schemaVersion: 1,
    occurredAt: 1_800_000_000_000,
    payload,
    ...over,
  };
}

export function levelEvent(sku: string, onHand: number, over: Partial<EventEnvelope> = {}): EventEnvelope {
  return remoteEvent(
    'stock.levelChanged',
    { productId: 'remote-product', sku, gtins: [], productName: `Product ${sku}`, branchName: 'Hillside', onHand, quarantined: 0, asOf: 1_800_000_000_000 },
    over,
  );
}

/** The counter fixture enrolled as BRANCH_A's device with the fake server. */
export async function enrolledCounter(server: FakeSyncServer, seed = 42): Promise<Counter & { deps: SyncDeps }> {
  const counter = await setUpCounter({ seed });
  const code = `CODE-${seed}`;
  server.addCode(code, { deviceId: DEVICE_A, tenantId: TENANT, branchId: BRANCH_A });
  expectOk(await counter.admin.invoke('sync.enroll', { serverUrl: server.url, code }));
  const deps: SyncDeps = { db: counter.core.db, clock: counter.core.clock, ids: uuidv7Generator(counter.core.clock, seededRandom(seed + 1)) };
  return { ...counter, deps };
}
