import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';
import type { Role } from '../api/contract.js';
import type { User } from './contract.js';

export type UserRow = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  pin_hash: string | null;
  active: number;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
};

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    active: r.active === 1,
    hasPin: r.pin_hash !== null,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
  };
}

export const usersStore = perDatabase((db: Database) => {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE id = ?');
  const byUsername = db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE username = ?');
  return {
    byId: (id: string) => byId.get(id) ?? null,
    byUsername: (username: string) => byUsername.get(username.trim().toLowerCase()) ?? null,
    list(includeInactive: boolean): UserRow[] {
      return db
        .prepare<[], UserRow>(
          `SELECT * FROM app_user ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY display_name COLLATE NOCASE`,
        )
        .all();
    },
    insert(row: UserRow): void {
      db.prepare(
        `INSERT INTO app_user (id, username, display_name, role, password_hash, pin_hash, active, failed_attempts,
           locked_until, created_at, updated_at)
         VALUES (@id, @username, @display_name, @role, @password_hash, @pin_hash, @active, @failed_attempts,
           @locked_until, @created_at, @updated_at)`,
      ).run(row);
    },
    update(id: string, fields: Partial<Omit<UserRow, 'id' | 'created_at'>>, now: number): void {
      const cols = Object.keys(fields);
      if (cols.length === 0) return;
      const set = cols.map((c) => `${c} = @${c}`).join(', ');
      db.prepare(`UPDATE app_user SET ${set}, updated_at = @updated_at WHERE id = @id`).run({
        ...fields,
        updated_at: now,
        id,
      });
    },
    countActiveAdmins(): number {
      return (
        db.prepare<[], { n: number }>("SELECT count(*) AS n FROM app_user WHERE role = 'admin' AND active = 1").get()?.n ?? 0
      );
    },
  };
});
export type UsersStore = ReturnType<typeof usersStore>;
