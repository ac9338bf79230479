// Seeded tenants, branches, devices and events for tests.
import type { EventEnvelope } from '@mortar/main/contract';
import type { Database } from '../store/database.js';
import { uuidv7 } from '../registry/ids.js';
import { createBranch, createEnrollmentCode, createTenant, enrollDevice } from '../registry/registry.js';

export const T0 = new Date('2026-03-01T09:00:00.000Z');

export type Counter = { tenantId: string; branchId: string; deviceId: string; credential: string };

export async function seedTenant(db: Database, branches = 1): Promise<{ tenantId: string; branchIds: string[] }> {
  const { tenantId } = await createTenant(db, 'Chain', T0);
  const branchIds: string[] = [];
  for (let i = 0; i < branches; i++) {
    const b = await createBranch(db, tenantId, `Branch ${i + 1}`, T0);
    if (!b.ok) throw new Error(b.error.code);
    branchIds.push(b.branchId);
  }
  return { tenantId, branchIds };
}

export async function seedDevice(db: Database, tenantId: string, branchId: string): Promise<Counter> {
  const code = await createEnrollmentCode(db, tenantId, branchId, 3600, T0);
  if (!code.ok) throw new Error(code.error.code);
  const e = await enrollDevice(db, code.code, 'till', T0);
  if (!e.ok) throw new Error(e.error.code);
  return { tenantId, branchId, deviceId: e.deviceId, credential: e.credential };
}

let clock = 0;

export function makeEvent(c: Counter, type = 'sales.saleCompleted', over: Partial<EventEnvelope> = {}): EventEnvelope {
  clock += 1;
  const ms = T0.getTime() + clock;
  return {
    id: uuidv7(ms),
    tenantId: c.tenantId,
    branchId: c.branchId,
    deviceId: c.deviceId,
    hlc: `${String(ms).padStart(15, '0')}:${String(0).padStart(6, '0')}:${c.deviceId.slice(0, 8)}`,
    type,
    schemaVersion: 1,
    occurredAt: ms,
    payload: { n: clock },
    ...over,
  };
}
