// The admin token: from the environment, or generated once at the first start of a database, shown to the
// operator that one time and kept only as a SHA-256 hash (a stolen database gives no admin access). Two
// processes starting together on an empty database agree on one token: the first insert wins.
import type { Database } from '../store/database.js';
import { newAdminToken, sha256 } from '../registry/secrets.js';

const KEY = 'admin_token_sha256';

export type AdminToken = { hash: string; source: 'environment' | 'stored' | 'generated'; generated: string | null };

export async function resolveAdminToken(db: Database, fromEnv: string | null, now: Date): Promise<AdminToken> {
  if (fromEnv) return { hash: sha256(fromEnv), source: 'environment', generated: null };
  const stored = async () => (await db.query<{ value: string }>('SELECT value FROM server_settings WHERE key = $1', [KEY]))[0]?.value;
  const existing = await stored();
  if (existing) return { hash: existing, source: 'stored', generated: null };
  const token = newAdminToken();
  const inserted = await db.query('INSERT INTO server_settings (key, value, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key', [
    KEY, sha256(token), now,
  ]);
  if (inserted.length > 0) return { hash: sha256(token), source: 'generated', generated: token };
  const other = await stored();
  if (!other) throw new Error('admin token row vanished');
  return { hash: other, source: 'stored', generated: null };
}
