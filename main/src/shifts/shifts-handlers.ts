// Rule: a terminal sells only inside an open shift, and a shift closes with a blind count: the expected cash
// is never shown before the counted amount is committed, so the count cannot be steered towards it.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../api/core-error.js';
import { handler, type CommandContext, type Terminal } from '../api/command-context.js';
import type { Shift, ShiftReport } from '../contract.js';
import { getCurrency, parseMinor } from '../money/index.js';
import { baseCurrency } from '../sales/sales-settings-store.js';
import { passThrough, unwrap } from '../sales/sales-rules.js';
import { buildShiftReport, expectedCash } from './shift-report.js';
import { shiftsStore, type ShiftRow } from './shifts-store.js';

function terminalOf(ctx: CommandContext): Terminal {
  if (!ctx.terminal) throw new CoreError('setup.notDone', 'This terminal has not been set up yet.');
  return ctx.terminal;
}

/** The open shift on this terminal, or `shifts.noOpenShift`. */
export function requireOpenShift(db: Database, deviceId: string): ShiftRow {
  const shift = shiftsStore(db).openOf(deviceId);
  if (!shift) throw new CoreError('shifts.noOpenShift', 'Open a shift on this terminal first.', { deviceId });
  return shift;
}

function amountIn(text: string, currency: string, field: string): number {
  const minor = unwrap(parseMinor(text, currency));
  if (minor < 0) throw passThrough({ code: 'money.negativeAmount', message: `${field} must not be negative`, details: { field } });
  return minor;
}

export function toShift(db: Database, row: ShiftRow): Shift {
  const people = shiftsStore(db);
  const currency = getCurrency(row.currency);
  const closed = row.closed_at !== null;
  return {
    id: row.id,
    deviceId: row.device_id,
    currency: row.currency,
    exponent: currency.ok ? currency.value.exponent : 2,
    status: closed ? 'closed' : 'open',
    floatMinor: row.float_minor,
    openedAt: row.opened_at,
    openedBy: { id: row.opened_by, displayName: people.userName(row.opened_by) },
    closedAt: row.closed_at,
    closedBy: row.closed_by ? { id: row.closed_by, displayName: people.userName(row.closed_by) } : null,
    countedMinor: closed ? row.counted_minor : null,
    expectedMinor: closed ? row.expected_minor : null,
    overShortMinor: closed ? row.over_short_minor : null,
  };
}

function actorId(ctx: CommandContext): string {
  if (!ctx.actor) throw new CoreError('auth.notLoggedIn', 'Log in first.');
  return ctx.actor.id;
}

export const shiftsHandlers = {
  'shifts.openShift': handler<'shifts.openShift'>({
    run(ctx, input) {
      const terminal = terminalOf(ctx);
      const store = shiftsStore(ctx.db);
      const open = store.openOf(terminal.deviceId);
      if (open) throw new CoreError('shifts.alreadyOpen', 'A shift is already open on this terminal.', { shiftId: open.id });
      const currency = baseCurrency(ctx.db);
      const id = ctx.ids.next();
      store.insert({ id, device_id: terminal.deviceId, currency, float_minor: amountIn(input.float, currency, 'float'), opened_at: ctx.now, opened_by: actorId(ctx) });
      const shift = toShift(ctx.db, store.byId(id) as ShiftRow);
      ctx.audit({ action: 'shifts.openShift', entityType: 'shift', entityId: id, after: shift });
      ctx.emit('shifts.shiftOpened', { shift });
      return shift;
    },
  }),
  'shifts.getCurrentShift': handler<'shifts.getCurrentShift'>({
    run(ctx) {
      const row = shiftsStore(ctx.db).openOf(terminalOf(ctx).deviceId);
      return row ? toShift(ctx.db, row) : null;
    },
  }),
  'shifts.recordCashMovement': handler<'shifts.recordCashMovement'>({
    run(ctx, input) {
      const shift = requireOpenShift(ctx.db, terminalOf(ctx).deviceId);
      const amount = amountIn(input.amount, shift.currency, 'amount');
      if (amount === 0) throw passThrough({ code: 'money.negativeAmount', message: 'A cash movement moves some cash.', details: { field: 'amount' } });
      // Refused without saying how much is there: the count at close stays blind.
      if (input.direction === 'out' && amount > expectedCash(ctx.db, shift)) {
        throw new CoreError('shifts.cashBelowZero', 'The drawer does not hold that much cash.');
      }
      const id = ctx.ids.next();
      shiftsStore(ctx.db).insertMovement({
        id,
        shift_id: shift.id,
        direction: input.direction,
        amount_minor: amount,
        currency: shift.currency,
        reason: input.reason,
        actor_id: actorId(ctx),
        approved_by_id: ctx.approvedBy?.id ?? null,
        at: ctx.now,
      });
      const movement = {
        id,
        shiftId: shift.id,
        direction: input.direction,
        amountMinor: amount,
        currency: shift.currency,
        reason: input.reason,
        at: ctx.now,
        actorName: ctx.actor?.displayName ?? '',
        approvedById: ctx.approvedBy?.id ?? null,
      };
      ctx.audit({ action: 'shifts.recordCashMovement', entityType: 'shift', entityId: shift.id, after: movement, reason: ctx.overrideReason ?? input.reason });
      ctx.emit('shifts.cashMoved', { movement });
      return movement;
    },
  }),
  'shifts.getXReport': handler<'shifts.getXReport'>({
    run(ctx) {
      const terminal = terminalOf(ctx);
      const shift = requireOpenShift(ctx.db, terminal.deviceId);
      return buildShiftReport(ctx.db, shift, { kind: 'X', now: ctx.now, terminalName: terminal.name });
    },
  }),
  'shifts.closeShift': handler<'shifts.closeShift'>({
    run(ctx, input) {
      const terminal = terminalOf(ctx);
      const shift = requireOpenShift(ctx.db, terminal.deviceId);
      const counted = amountIn(input.counted, shift.currency, 'counted');
      const foreignCounted = new Map<string, number>();
      input.foreignCounted.forEach((f, i) => {
        foreignCounted.set(f.currency, (foreignCounted.get(f.currency) ?? 0) + amountIn(f.amount, f.currency, `foreignCounted[${i}].amount`));
      });
      const report: ShiftReport = buildShiftReport(ctx.db, shift, {
        kind: 'Z',
        now: ctx.now,
        terminalName: terminal.name,
        count: { countedMinor: counted, foreignCounted, note: input.note ?? null, closedAt: ctx.now, closedBy: actorId(ctx) },
      });
      const closed = shiftsStore(ctx.db).close({
        id: shift.id,
        closed_at: ctx.now,
        closed_by: actorId(ctx),
        counted_minor: counted,
        expected_minor: report.cash.expectedMinor,
        over_short_minor: counted - report.cash.expectedMinor,
        z_report: JSON.stringify(report),
      });
      if (!closed) throw new CoreError('shifts.noOpenShift', 'The shift was closed meanwhile.', { shiftId: shift.id });
      const after = toShift(ctx.db, shiftsStore(ctx.db).byId(shift.id) as ShiftRow);
      ctx.audit({ action: 'shifts.closeShift', entityType: 'shift', entityId: shift.id, after: report, reason: input.note ?? null });
      ctx.emit('shifts.shiftClosed', { shift: after, report });
      return { shift: after, report };
    },
  }),
  'shifts.getZReport': handler<'shifts.getZReport'>({
    run(ctx, input) {
      const shift = shiftsStore(ctx.db).byId(input.shiftId);
      if (!shift) throw new CoreError('shifts.notFound', 'There is no such shift.', { shiftId: input.shiftId });
      if (shift.z_report === null) throw new CoreError('shifts.stillOpen', 'The shift is still open: see its X report.', { shiftId: shift.id });
      return JSON.parse(shift.z_report) as ShiftReport;
    },
  }),
  'shifts.listShifts': handler<'shifts.listShifts'>({
    run(ctx, input) {
      const rows = shiftsStore(ctx.db).list(terminalOf(ctx).deviceId, input.cursor ?? Number.MAX_SAFE_INTEGER, input.limit + 1);
      const page = rows.slice(0, input.limit);
      return {
        shifts: page.map((r) => toShift(ctx.db, r)),
        nextCursor: rows.length > input.limit ? (page[page.length - 1]?.num ?? null) : null,
      };
    },
  }),
};
