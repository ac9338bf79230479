import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom, uuidv7Generator } from '../kernel/ids.js';
import { migrate } from '../store/migrate.js';
import { migration0017 } from '../store/migrations/0017-audit-outbox.js';
import { migrations } from '../store/migrations/index.js';
import { readTerminal } from '../setup/terminal-store.js';
import { applyPulled, defaultAppliers } from '../sync/apply.js';
import type { EventEnvelope } from '../sync/contract.js';
import { addUser, createTestCore, setUpPharmacy, sha256Hex, type TestCore } from '../testing/index.js';
import { auditLog } from './audit-log.js';
import { AUDIT_ENTRY_RECORDED, auditEntryHashInput, auditEntryRecordedSchema, auditEventId, type AuditEntry } from './contract.js';

let core: TestCore;
afterEach(() => core?.dispose());

type OutboxRow = { seq: number; id: string; device_id: string; hlc: string; type: string; schema_version: number; occurred_at: number; payload: string };

function auditEvents(c: TestCore): OutboxRow[] {
  return c.db.prepare<[string], OutboxRow>('SELECT * FROM outbox_event WHERE type = ? ORDER BY seq').all(AUDIT_ENTRY_RECORDED);
}

function entries(c: TestCore): AuditEntry[] {
  return auditLog(c.db).list(undefined, 500).reverse();
}

async function coreWithHistory(): Promise<TestCore> {
  core = createTestCore();
  const { admin } = await setUpPharmacy(core);
  core.clock.advance(1000);
  await addUser(admin, { username: 'casey', displayName: 'Casey', role: 'cashier', password: 'casey-password-1' });
  return core;
}

describe('audit entries travel to the sync server', () => {
  it('leaves one audit.entryRecorded event per entry, in chain order, carrying the entry as the chain holds it', async () => {
    const c = await coreWithHistory();
    const log = entries(c);
    const events = auditEvents(c);
    expect(log.length).toBeGreaterThanOrEqual(3);
    expect(events.map((e) => JSON.parse(e.payload) as unknown)).toEqual(log);
    expect(events.map((e) => e.id)).toEqual(log.map((e) => auditEventId(e.id)));
    for (const e of events) {
      expect(e.schema_version).toBe(1);
      const payload = auditEntryRecordedSchema.parse(JSON.parse(e.payload));
      // What the server recomputes from the payload alone is the hash the counter chained.
      expect(sha256Hex(auditEntryHashInput(payload))).toBe(payload.hash);
      expect(e.occurred_at).toBe(payload.at);
    }
  });

  it('sends digests of before and after, never the bodies', async () => {
    const c = await coreWithHistory();
    const created = auditEvents(c)
      .map((e) => JSON.parse(e.payload) as Record<string, unknown>)
      .find((p) => p.action === 'users.createUser' && p.afterDigest !== null);
    expect(created).toBeDefined();
    expect(Object.keys(created ?? {})).not.toContain('after');
    expect(Object.keys(created ?? {})).not.toContain('before');
    expect(JSON.stringify(created)).not.toContain('casey-password-1');
  });

  it('writes the event in the transaction of the entry: a rolled-back command leaves neither', async () => {
    const c = await coreWithHistory();
    const before = { entries: entries(c).length, events: auditEvents(c).length };
    const terminal = readTerminal(c.db);
    expect(() =>
      c.db.transaction(() => {
        auditLog(c.db).append({
          id: uuidv7Generator(c.clock, seededRandom(7)).next(),
          at: c.clock.now(),
          deviceId: terminal?.deviceId ?? '',
          actorId: null,
          actorName: null,
          approvedById: null,
          action: 'test.rolledBack',
          entityType: 'test',
          entityId: null,
          reason: null,
        });
        expect(auditEvents(c).length).toBe(before.events + 1);
        throw new Error('the command fails after auditing');
      })(),
    ).toThrow(/fails after auditing/);
    expect({ entries: entries(c).length, events: auditEvents(c).length }).toEqual(before);
  });

  it('stamps each audit event after every earlier outbox event of the device', async () => {
    const c = await coreWithHistory();
    const all = c.db.prepare<[], { hlc: string; type: string }>('SELECT hlc, type FROM outbox_event ORDER BY seq').all();
    for (let i = 1; i < all.length; i++) {
      if (all[i]?.type === AUDIT_ENTRY_RECORDED) expect((all[i]?.hlc ?? '') > (all[i - 1]?.hlc ?? '')).toBe(true);
    }
  });

  it('applies its own audit event pulled back (after a reinstall) as a no-op, without an exception', async () => {
    const c = await coreWithHistory();
    const terminal = readTerminal(c.db);
    if (!terminal) throw new Error('no terminal');
    const row = auditEvents(c)[0];
    if (!row) throw new Error('no audit event');
    const event: EventEnvelope = {
      id: row.id,
      tenantId: terminal.tenantId,
      branchId: terminal.branchId,
      // The server names the device it enrolled, not the terminal's local id.
      deviceId: '0195f000-0000-7000-8000-0000000000aa',
      hlc: row.hlc,
      type: row.type,
      schemaVersion: row.schema_version,
      occurredAt: row.occurred_at,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
    };
    const identity = { serverUrl: 'http://sync.test', deviceId: '0195f000-0000-7000-8000-0000000000bb', tenantId: terminal.tenantId, branchId: terminal.branchId, credential: 'x', enrolledAt: 0 };
    const env = { db: c.db, clock: c.clock, ids: uuidv7Generator(c.clock, seededRandom(7)), identity, terminal };
    const entriesBefore = entries(c).length;
    const outcome = c.db.transaction(() => applyPulled(env, defaultAppliers, 1, event))();
    expect(outcome?.state === 'own' || outcome?.state === 'noop').toBe(true);
    expect(outcome?.topics).toEqual([]);
    // Another device of the branch (had the server let it through) would do the same.
    const other = c.db.transaction(() => applyPulled(env, defaultAppliers, 2, { ...event, id: '0195f000-0000-8000-8000-0000000000cc' }))();
    expect(other?.state).toBe('noop');
    expect(c.db.prepare("SELECT count(*) AS n FROM sync_exception").get()).toEqual({ n: 0 });
    expect(entries(c).length).toBe(entriesBefore);
  });
});

describe('migration 0017 (audit outbox)', () => {
  it('queues the entries of an existing database in chain order, as the live path would have', async () => {
    const c = await coreWithHistory();
    const live = auditEvents(c).map((e) => ({ id: e.id, payload: JSON.parse(e.payload) as unknown, device: e.device_id }));
    // The database as the previous version left it: entries, and no audit events in the outbox.
    c.db.prepare('DELETE FROM outbox_event WHERE type = ?').run(AUDIT_ENTRY_RECORDED);
    c.db.pragma(`user_version = ${Math.max(...migrations.filter((m) => m.version < 17).map((m) => m.version))}`);
    expect(migrate(c.db, 17)).toEqual([17]);
    const backFilled = auditEvents(c);
    expect(backFilled.map((e) => ({ id: e.id, payload: JSON.parse(e.payload) as unknown, device: e.device_id }))).toEqual(live);
    for (const e of backFilled) expect(e.hlc).toMatch(/^\d{15}:\d{6}:.+$/);
    // Run twice (a restored copy, say), it queues nothing again.
    c.db.exec(migration0017.sql);
    expect(auditEvents(c).length).toBe(live.length);
  });

  it('migrates an empty database and queues nothing', () => {
    core = createTestCore();
    expect(core.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(17);
    expect(auditEvents(core)).toEqual([]);
  });
});
