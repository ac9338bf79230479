import { afterEach, describe, expect, it } from 'vitest';
import { expectOk, loginAs, queryPlan, tableScans } from '../testing/index.js';
import { EXP_PAST, receiveStock } from '../sales/sales-fixtures.js';
import { crossingSql, dayChangeSql, openAlertsSql, forgetExpiryChecks, movedSql, recordExpiryCrossings } from './expiry-alerts.js';
import { startExpiryWatch, untilNextDay } from './expiry-alerts-watch.js';
import { gtinOf, setUpStore, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

const DAY = 86_400_000;

/** One check outside any command, as the watch runs it. */
function check(s: Store) {
  const watch = startExpiryWatch(s.core, { setTimer: () => ({}), clearTimer: () => {} });
  watch.stop();
  return watch;
}

function alertRows(s: Store) {
  return s.core.db.prepare('SELECT batch, band, on_hand, crossed_on FROM expiry_alert ORDER BY num').all();
}

describe('expiry alerts', () => {
  it('records the band each sellable lot is in once, and a new alert only when it crosses into the next', async () => {
    const s = (store = await setUpStore());
    const pads = s.products.pads.id;
    receiveStock(s.core, pads, 'NEAR', '2026-12-20', 'shelf', 10);
    receiveStock(s.core, pads, 'GONE', EXP_PAST, 'shelf', 5);
    receiveStock(s.core, pads, 'HELD', '2026-12-05', 'quarantine', 10);
    receiveStock(s.core, pads, 'FAR', '2027-09-30', 'shelf', 10);
    check(s);
    const first = alertRows(s);
    // The fixture's eight lots expire on 2027-01-31 (65 days): within 90.
    expect(first.filter((r) => (r as { band: string }).band === 'within90')).toHaveLength(8);
    expect(first).toContainEqual({ batch: 'NEAR', band: 'within30', on_hand: 10, crossed_on: '2026-11-27' });
    expect(first).toContainEqual({ batch: 'GONE', band: 'expired', on_hand: 5, crossed_on: '2026-11-27' });
    expect(first.some((r) => ['HELD', 'FAR'].includes((r as { batch: string }).batch))).toBe(false);

    // The same day again: nothing new.
    expect(check(s).checkNow()).toEqual([]);
    expect(alertRows(s)).toHaveLength(first.length);

    // Six days on, the fixture lots have 59 days left: each crosses into 60 days, once.
    s.core.clock.advance(6 * DAY);
    const crossed = check(s);
    expect(crossed.checkNow()).toEqual([]);
    const later = alertRows(s).slice(first.length);
    expect(later).toHaveLength(8);
    expect(later.every((r) => (r as { band: string; crossed_on: string }).band === 'within60' && (r as { crossed_on: string }).crossed_on === '2026-12-03')).toBe(true);

    // 2026-12-21: NEAR expired the day before.
    s.core.clock.set(Date.UTC(2026, 11, 21, 9));
    check(s);
    expect(alertRows(s)).toContainEqual({ batch: 'NEAR', band: 'expired', on_hand: 10, crossed_on: '2026-12-21' });
  });

  it('records a crossing in the same transaction as a delivery that brings a batch close to expiry', async () => {
    const s = (store = await setUpStore());
    check(s);
    const before = alertRows(s).length;
    const delivery = expectOk(
      await s.pharmacist.invoke('inventory.receiveDelivery', {
        supplierId: s.supplierId,
        lines: [{ gtin: gtinOf(s, 'ibuprofen'), batch: 'SHORT', expiry: '2026-12-15', quantity: 2, cost: '1.20' }],
      }),
    );
    const alerts = expectOk(await s.cashier.invoke('inventory.listExpiryAlerts', {}));
    expect(alerts.open).toBe(before + 1);
    expect(alerts.alerts[0]).toMatchObject({ batch: 'SHORT', band: 'within30', onHand: 48, onHandNow: 48, valueMinor: 240, lotId: delivery.lines[0]?.lotId, acknowledgedAt: null });
    // The crossing is part of the receipt: its audit entry stands for both.
    const audit = s.core.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'inventory.%' ORDER BY seq DESC LIMIT 1").all();
    expect(audit).toEqual([{ action: 'inventory.receiveDelivery' }]);
  });

  it('looks again at the first login of a new day, not at every login', async () => {
    const s = (store = await setUpStore());
    const count = () => (s.core.db.prepare('SELECT count(*) AS n FROM expiry_alert').get() as { n: number }).n;
    // The fixtures' logins ran before there was stock: the first check today found nothing.
    expect(count()).toBe(0);
    await loginAs(s.core, 'casey', 'cashier-pass-1');
    expect(count()).toBe(0);
    s.core.clock.advance(DAY);
    await loginAs(s.core, 'casey', 'cashier-pass-1');
    expect(count()).toBe(8);
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'inventory.expiryCrossingsRecorded'").get()).toEqual({ n: 1 });
    // Unlocking on a later day looks again too.
    const casey = await loginAs(s.core, 'casey', 'cashier-pass-1');
    expectOk(await casey.invoke('auth.lock', {}));
    s.core.clock.advance(6 * DAY);
    expectOk(await casey.invoke('auth.unlock', { secret: '1357' }));
    expect(count()).toBe(16);
  });

  it('lists open alerts most urgent first; acknowledging hides them, keeps who did it, and twice changes nothing', async () => {
    const s = (store = await setUpStore());
    receiveStock(s.core, s.products.pads.id, 'GONE', EXP_PAST, 'shelf', 5);
    receiveStock(s.core, s.products.pads.id, 'NEAR', '2026-12-20', 'shelf', 10);
    check(s);
    const open = expectOk(await s.cashier.invoke('inventory.listExpiryAlerts', {}));
    expect(open.alerts.slice(0, 2).map((a) => [a.batch, a.band])).toEqual([['GONE', 'expired'], ['NEAR', 'within30']]);
    expect(open).toMatchObject({ open: 10, truncated: false });
    const ids = open.alerts.slice(0, 2).map((a) => a.id);
    const acked = expectOk(await s.pharmacist.invoke('inventory.acknowledgeExpiryAlert', { alertIds: ids }));
    expect(acked.acknowledged.map((a) => [a.batch, a.acknowledgedBy])).toEqual([['GONE', 'pat pharmacist'], ['NEAR', 'pat pharmacist']]);
    const after = expectOk(await s.cashier.invoke('inventory.listExpiryAlerts', {}));
    expect(after.open).toBe(8);
    expect(after.alerts.some((a) => ids.includes(a.id))).toBe(false);
    const all = expectOk(await s.cashier.invoke('inventory.listExpiryAlerts', { includeAcknowledged: true }));
    expect(all.alerts).toHaveLength(10);
    expect(all.alerts.slice(-2).map((a) => a.batch)).toEqual(['GONE', 'NEAR']);
    const audits = () => (s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'inventory.acknowledgeExpiryAlert'").get() as { n: number }).n;
    expect(audits()).toBe(1);
    const again = expectOk(await s.pharmacist.invoke('inventory.acknowledgeExpiryAlert', { alertIds: [ids[0] as string] }));
    expect(again.acknowledged[0]?.acknowledgedAt).toBe(acked.acknowledged[0]?.acknowledgedAt);
    expect(audits()).toBe(1);
    const limited = expectOk(await s.cashier.invoke('inventory.listExpiryAlerts', { limit: 3 }));
    expect(limited).toMatchObject({ truncated: true, open: 8 });
    expect(limited.alerts).toHaveLength(3);
  });

  it('refuses to acknowledge an unknown alert or without stock.quarantine, changing nothing', async () => {
    const s = (store = await setUpStore());
    receiveStock(s.core, s.products.pads.id, 'NEAR', '2026-12-20', 'shelf', 10);
    check(s);
    const { alerts } = expectOk(await s.cashier.invoke('inventory.listExpiryAlerts', {}));
    const real = alerts[0]?.id as string;
    expect(await s.pharmacist.invoke('inventory.acknowledgeExpiryAlert', { alertIds: [real, '00000000-0000-7000-8000-00000000ffff'] })).toMatchObject({
      ok: false,
      error: { code: 'api.invalidInput', details: { alertIds: ['00000000-0000-7000-8000-00000000ffff'] } },
    });
    expect(await s.cashier.invoke('inventory.acknowledgeExpiryAlert', { alertIds: [real] })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await s.pharmacist.invoke('inventory.acknowledgeExpiryAlert', { alertIds: [] })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
    expect(s.core.db.prepare('SELECT count(*) AS n FROM expiry_alert WHERE acknowledged_at IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('keeps expired stock unsellable after its alert is recorded and acknowledged', async () => {
    const s = (store = await setUpStore());
    const aspirin = s.products.aspirin;
    receiveStock(s.core, aspirin.id, 'OLD', EXP_PAST, 'shelf', 16);
    check(s);
    const { alerts } = expectOk(await s.cashier.invoke('inventory.listExpiryAlerts', {}));
    const expired = alerts.find((a) => a.batch === 'OLD');
    expect(expired).toMatchObject({ band: 'expired' });
    expectOk(await s.pharmacist.invoke('inventory.acknowledgeExpiryAlert', { alertIds: [expired?.id as string] }));
    const scan = `(01)${gtinOf(s, 'aspirin')}(17)261031(10)OLD`;
    expect(await s.cashier.invoke('sales.lookupScan', { scan })).toMatchObject({ ok: false, error: { code: 'stock.batchExpired' } });
    // A batch sellable today is refused the day after its expiry, when its crossing into 'expired' is recorded.
    receiveStock(s.core, aspirin.id, 'EDGE', '2026-11-27', 'shelf', 16);
    const edge = `(01)${gtinOf(s, 'aspirin')}(17)261127(10)EDGE`;
    expect(await s.cashier.invoke('sales.lookupScan', { scan: edge })).toMatchObject({ ok: true });
    s.core.clock.advance(DAY);
    check(s);
    expect(alertRows(s)).toContainEqual({ batch: 'EDGE', band: 'expired', on_hand: 16, crossed_on: '2026-11-28' });
    // A day later the till's session has locked; the next morning's cashier logs in afresh.
    const morning = await loginAs(s.core, 'casey', 'cashier-pass-1');
    expect(await morning.invoke('sales.lookupScan', { scan: edge })).toMatchObject({ ok: false, error: { code: 'stock.batchExpired' } });
  });

  it('finds crossings through the expiry index, the ledger key and the alert key, never a full scan', async () => {
    const s = (store = await setUpStore());
    const horizons = { today: '2026-11-27', d30: '2026-12-27', d60: '2027-01-26', d90: '2027-02-25' };
    for (const [sql, params] of [
      [crossingSql, horizons],
      [dayChangeSql, { ...horizons, p: '2026-11-26', p30: '2026-12-26', p60: '2027-01-25', p90: '2027-02-24' }],
      [movedSql, { ...horizons, seq: 10 }],
    ] as const) {
      const plan = queryPlan(s.core, sql, params);
      expect(plan.join('\n')).toMatch(sql === movedSql ? /stock_movement USING INTEGER PRIMARY KEY/ : /stock_lot_expiry/);
      // `SCAN m` walks the few lots that moved since the last check, gathered by a rowid range on the ledger.
      expect(tableScans(plan).filter((d) => d !== 'SCAN m'), sql).toEqual([]);
    }
    const open = queryPlan(s.core, openAlertsSql, 200);
    expect(open.join('\n')).toMatch(/expiry_alert_open/);
    expect(open.join('\n')).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it('after a day change looks only at lots whose expiry the days moved across, and after stock moves only at the lots that moved', async () => {
    const s = (store = await setUpStore());
    check(s);
    const pads = s.products.pads.id;
    // Received behind the checks' backs (no command): seen by the next check because its lot moved.
    receiveStock(s.core, pads, 'NEW', '2026-12-10', 'shelf', 10);
    expect(check(s).checkNow()).toEqual([]);
    expect(alertRows(s)).toContainEqual({ batch: 'NEW', band: 'within30', on_hand: 10, crossed_on: '2026-11-27' });
    // Three days later: the fixture lots (2027-01-31) are still within 90 days and no window holds them.
    s.core.clock.advance(3 * DAY);
    const before = alertRows(s).length;
    check(s);
    expect(alertRows(s)).toHaveLength(before);
    // Thirteen more days: NEW expires on 2026-12-10 and crosses into expired on the 11th.
    s.core.clock.advance(14 * DAY);
    check(s);
    expect(alertRows(s).slice(before).map((r) => [(r as { batch: string }).batch, (r as { band: string }).band])).toContainEqual(['NEW', 'expired']);
  });

  it('runs at start and again one second past each UTC midnight', async () => {
    const s = (store = await setUpStore());
    const timers: { fn: () => void; ms: number }[] = [];
    const seen: number[] = [];
    const watch = startExpiryWatch(s.core, { setTimer: (fn, ms) => (timers.push({ fn, ms }), {}), clearTimer: () => {}, onCrossings: (c) => seen.push(c.length) });
    expect(seen).toEqual([8]);
    expect(timers[0]?.ms).toBe(untilNextDay(s.core.clock.now()));
    expect(untilNextDay(Date.UTC(2026, 10, 27, 23, 59, 59))).toBe(2000);
    s.core.clock.advance(6 * DAY);
    timers[0]?.fn();
    expect(seen).toEqual([8, 8]);
    expect(timers).toHaveLength(2);
    watch.stop();
  });

  it('leaves the start to the first login when told, and still checks after midnight', async () => {
    const s = (store = await setUpStore());
    const timers: { fn: () => void; ms: number }[] = [];
    const seen: number[] = [];
    const watch = startExpiryWatch(s.core, { checkAtStart: false, setTimer: (fn, ms) => (timers.push({ fn, ms }), {}), clearTimer: () => {}, onCrossings: (c) => seen.push(c.length) });
    expect(seen).toEqual([]);
    expect(timers).toHaveLength(1);
    s.core.clock.advance(DAY);
    timers[0]?.fn();
    expect(seen).toEqual([8]);
    watch.stop();
  });

  it('a later check records only the crossings that have no alert yet', async () => {
    const s = (store = await setUpStore());
    const ids = { n: 0, next: () => `00000000-0000-7000-9000-${(++ids.n).toString(16).padStart(12, '0')}` };
    const a = s.core.db.transaction(() => recordExpiryCrossings(s.core.db, s.core.clock.now(), ids))();
    s.core.db.prepare('DELETE FROM expiry_alert WHERE num > 4').run();
    // Lost alerts come back at the next full check (a new process); an incremental one only looks at what changed.
    expect(s.core.db.transaction(() => recordExpiryCrossings(s.core.db, s.core.clock.now(), ids))()).toEqual([]);
    forgetExpiryChecks(s.core.db);
    const b = s.core.db.transaction(() => recordExpiryCrossings(s.core.db, s.core.clock.now(), ids))();
    expect(a).toHaveLength(8);
    expect(b).toHaveLength(4);
    expect(s.core.db.prepare('SELECT count(DISTINCT lot_id || band) AS n, count(*) AS total FROM expiry_alert').get()).toEqual({ n: 8, total: 8 });
  });
});
