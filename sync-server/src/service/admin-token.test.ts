import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../testing/test-databases.js';
import { sha256 } from '../registry/secrets.js';
import { resolveAdminToken } from './admin-token.js';

const T = new Date('2026-03-01T09:00:00.000Z');

describe('admin token', () => {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  it('generates one token at the first start, keeps only its hash, and never shows it again', async () => {
    t = await freshPostgres();
    const first = await resolveAdminToken(t.db, null, T);
    expect(first.source).toBe('generated');
    const token = first.generated ?? '';
    expect(token).toMatch(/^msa_[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.query<{ value: string }>('SELECT value FROM server_settings');
    expect(stored).toEqual([{ value: sha256(token) }]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await resolveAdminToken(t.db, null, T)).toEqual({ hash: sha256(token), source: 'stored', generated: null });
  });

  it('lets processes starting together agree on one token', async () => {
    t = await freshPostgres();
    const db = t.db;
    const all = await Promise.all(Array.from({ length: 5 }, () => resolveAdminToken(db, null, T)));
    expect(new Set(all.map((a) => a.hash)).size).toBe(1);
    expect(all.filter((a) => a.generated !== null)).toHaveLength(1);
  });

  it('prefers the token from the environment and stores nothing for it', async () => {
    t = await freshPostgres();
    expect(await resolveAdminToken(t.db, 'from-the-environment-123', T)).toEqual({ hash: sha256('from-the-environment-123'), source: 'environment', generated: null });
    expect(await t.db.query('SELECT * FROM server_settings')).toEqual([]);
  });
});
