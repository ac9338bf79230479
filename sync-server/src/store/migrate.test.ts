import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../testing/test-databases.js';
import { migrate, migrations, splitStatements } from './migrate.js';

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
