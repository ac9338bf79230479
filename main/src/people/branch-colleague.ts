// Rule: a record signed at another till of the branch keeps its signer (21 CFR 11.50: the name of the signer
// goes with the signature). A colleague this till has never seen is recorded here as an inactive user without
// a credential, so the signature names a real person and nobody can sign in as them until a manager sets a
// password and activates them.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../api/contract.js';
import { perDatabase } from '../store/per-database.js';

/** Never a valid hash: a colleague known only from another till has no credential at this one. */
export const COLLEAGUE_NO_PASSWORD = '!branch-colleague:no-credential';

export type Colleague = { id: string; displayName: string; role: Role };

function username(c: Colleague): string {
  const slug = c.displayName
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '.')
    .replace(/^\.+|\.+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  // The id's tail keeps two colleagues of the same name, and a local user of that name, apart.
  return `${slug || 'colleague'}@${c.id.slice(-8).toLowerCase()}`;
}

/** Records a colleague from another till unless a user with that id is already here. */
const insert = perDatabase((db: Database) =>
  db.prepare(
    `INSERT INTO app_user (id, username, display_name, role, password_hash, pin_hash, active, created_at, updated_at)
     VALUES (@id, @username, @displayName, @role, @passwordHash, NULL, 0, @now, @now)
     ON CONFLICT (id) DO NOTHING`,
  ),
);

export function ensureBranchColleague(db: Database, c: Colleague, now: number): void {
  insert(db).run({ id: c.id, username: username(c), displayName: c.displayName, role: c.role, passwordHash: COLLEAGUE_NO_PASSWORD, now });
}
