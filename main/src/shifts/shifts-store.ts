// SQL of shifts and cash movements. A terminal has at most one open shift (a partial unique index says so),
// and every sale, return and void belongs to the shift that was open when it happened.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';

export type ShiftRow = {
  num: number;
  id: string;
  device_id: string;
  currency: string;
  float_minor: number;
  opened_at: number;
  opened_by: string;
  closed_at: number | null;
  closed_by: string | null;
  counted_minor: number | null;
  expected_minor: number | null;
  over_short_minor: number | null;
  z_report: string | null;
};

export type CashMovementRow = {
  seq: number;
  id: string;
  shift_id: string;
  direction: 'in' | 'out';
  amount_minor: number;
  currency: string;
  reason: string;
  actor_id: string;
  approved_by_id: string | null;
  at: number;
  actor_name: string | null;
};

export const shiftSql = {
  openOf: 'SELECT * FROM shift WHERE device_id = ? AND closed_at IS NULL',
} as const;

export const shiftsStore = perDatabase((db: Database) => {
  const s = {
    openOf: db.prepare<[string], ShiftRow>(shiftSql.openOf),
    byId: db.prepare<[string], ShiftRow>('SELECT * FROM shift WHERE id = ?'),
    list: db.prepare<[string, number, number], ShiftRow>('SELECT * FROM shift WHERE device_id = ? AND num < ? ORDER BY num DESC LIMIT ?'),
    insert: db.prepare(
      `INSERT INTO shift (id, device_id, currency, float_minor, opened_at, opened_by)
       VALUES (@id, @device_id, @currency, @float_minor, @opened_at, @opened_by)`,
    ),
    close: db.prepare(
      `UPDATE shift SET closed_at = @closed_at, closed_by = @closed_by, counted_minor = @counted_minor,
         expected_minor = @expected_minor, over_short_minor = @over_short_minor, z_report = @z_report
       WHERE id = @id AND closed_at IS NULL`,
    ),
    insertMovement: db.prepare(
      `INSERT INTO cash_movement (id, shift_id, direction, amount_minor, currency, reason, actor_id, approved_by_id, at)
       VALUES (@id, @shift_id, @direction, @amount_minor, @currency, @reason, @actor_id, @approved_by_id, @at)`,
    ),
    movements: db.prepare<[string], CashMovementRow>(
      `SELECT m.*, u.display_name AS actor_name FROM cash_movement m LEFT JOIN app_user u ON u.id = m.actor_id
       WHERE m.shift_id = ? ORDER BY m.seq`,
    ),
    userName: db.prepare<[string], { display_name: string }>('SELECT display_name FROM app_user WHERE id = ?'),
  };
  return {
    openOf: (deviceId: string) => s.openOf.get(deviceId) ?? null,
    byId: (id: string) => s.byId.get(id) ?? null,
    list: (deviceId: string, before: number, limit: number) => s.list.all(deviceId, before, limit),
    insert: (row: Pick<ShiftRow, 'id' | 'device_id' | 'currency' | 'float_minor' | 'opened_at' | 'opened_by'>) => s.insert.run(row),
    close: (row: {
      id: string;
      closed_at: number;
      closed_by: string;
      counted_minor: number;
      expected_minor: number;
      over_short_minor: number;
      z_report: string;
    }): boolean => s.close.run(row).changes === 1,
    insertMovement: (row: Omit<CashMovementRow, 'seq' | 'actor_name'>) => s.insertMovement.run(row),
    movements: (shiftId: string) => s.movements.all(shiftId),
    userName: (id: string) => s.userName.get(id)?.display_name ?? id,
  };
});
