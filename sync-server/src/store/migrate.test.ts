import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../testing/test-databases.js';
import { migrate, migrations, splitStatements } from './migrate.js';
import { migration0001 } from './migrations/0001-initial.js';
import { pullEvents } from '../log/event-log.js';
import { publish } from '../publish/publish.js';
import { makeEvent, seedDevice, seedTenant, T0 } from '../testing/fixtures.js';

describe('migrate', () => {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  it('applies every numbered migration once and is a no-op the second time', async () => {
    t = await freshPostgres();
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
  });

  it('lets two processes migrate the same database at once without applying a step twice', async () => {
    t = await freshPostgres();
    await t.db.query(
      `DROP TABLE projection_exceptions, projection_sales, projection_sales_daily, projection_stock, projection_cursors, publish_versions,
                  server_settings, events, enrollment_codes, devices, branches, tenants, schema_migrations`,
    );
    const results = await Promise.all([migrate(t.db), migrate(t.db)]);
    expect(results.flat()).toEqual(migrations.map((m) => m.id));
  });

  it('adds the service tables to a populated version-1 database, keeping its branches and events', async () => {
    t = await freshPostgres();
    const db = t.db;
    await db.query(
      `DROP TABLE projection_exceptions, projection_sales, projection_sales_daily, projection_stock, projection_cursors, publish_versions,
                  server_settings, events, enrollment_codes, devices, branches, tenants, schema_migrations`,
    );
    expect(await migrate(db, [migration0001])).toEqual([1]);
    const { tenantId, branchIds } = await seedTenant(db, 2);
    const c = await seedDevice(db, tenantId, branchIds[0] ?? '');
    // Written as version 1 stored them (today's append also fills later columns).
    for (const [i, e] of [makeEvent(c), makeEvent(c, 'stock.levelChanged')].entries()) {
      await db.query(
        `INSERT INTO events (id, tenant_id, branch_id, device_id, seq, type, schema_version, hlc, occurred_at, payload, published, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9::jsonb, $10, $11)`,
        [e.id, e.tenantId, e.branchId, e.deviceId, i + 1, e.type, e.hlc, e.occurredAt, JSON.stringify(e.payload), e.type === 'stock.levelChanged', T0],
      );
    }
    await db.query('UPDATE tenants SET last_seq = 2 WHERE id = $1', [tenantId]);
    expect(await migrate(db)).toEqual(migrations.slice(1).map((m) => m.id));
    const branches = await db.query<{ head_office: boolean }>('SELECT head_office FROM branches ORDER BY id');
    expect(branches).toEqual([{ head_office: false }, { head_office: false }]);
    const p = await publish(db, tenantId, 'roles', [{ role: 'cashier', permissions: [] }], T0);
    expect(p).toMatchObject({ ok: true, version: 1, seq: 3 });
    const pulled = await pullEvents(db, { tenantId, branchId: branchIds[1] ?? '' }, 0, 10);
    expect(pulled.ok && pulled.events.map((e) => e.event.type)).toEqual(['stock.levelChanged', 'staff.rolesPublished']);
  });

  it('splits a migration into its statements', () => {
    expect(splitStatements('CREATE TABLE a (x int);\n-- why\nCREATE TABLE b (y int);\n')).toEqual([
      'CREATE TABLE a (x int)',
      'CREATE TABLE b (y int)',
    ]);
  });

  it('numbers migrations from 1 without gaps', () => {
    expect(migrations.map((m) => m.id)).toEqual(migrations.map((_, i) => i + 1));
  });
});
