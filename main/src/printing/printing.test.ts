import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, decodedText } from '@mortar/native';
import { migrate, schemaVersion } from '../store/migrate.js';
import { migrations } from '../store/migrations/index.js';
import { line, sellForCash, setUpCounter, type Counter } from '../sales/sales-fixtures.js';
import { addUser, expectOk, loginAs, queryPlan, tableScans } from '../testing/index.js';
import { renderDocument } from './print-document.js';
import { printersStore, printingSql, printJobsStore } from './printing-store.js';
import { queueMissingReceipts } from './queue-receipt.js';
import { SqlitePrintJobStore } from './sqlite-job-store.js';
import { createUsbLpTransport } from './usb-lp-transport.js';

let counter: Counter | undefined;
const dirs: string[] = [];
afterEach(() => {
  counter?.core.dispose();
  counter = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tcp = (port = 9100) => ({ kind: 'tcp' as const, host: '127.0.0.1', port });

async function withReceiptPrinter(): Promise<{ c: Counter; printerId: string }> {
  const c = await setUpCounter();
  counter = c;
  const printer = expectOk(await c.admin.invoke('printing.savePrinter', { name: 'Counter', connection: tcp(), hasDrawer: true, isReceiptPrinter: true }));
  return { c, printerId: printer.id };
}

describe('migration 0008', () => {
  it('applies to an empty database', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(8);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('printer', 'print_job') ORDER BY name").all()).toEqual([
      { name: 'print_job' },
      { name: 'printer' },
    ]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('applies to a populated database and keeps its rows', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 7);
    db.exec(`INSERT INTO pharmacy VALUES ('p1', 't1', 'b1', 'Riverside', '1 River St', 'GB1', 'GBP', 'en', 1, NULL);
      INSERT INTO device VALUES ('d1', 'Counter 1', 1);
      INSERT INTO setting VALUES ('autoLockMinutes', '5', 1);`);
    const before = db.prepare('SELECT count(*) AS n FROM setting').get();
    expect(migrate(db, 8)).toContain(8);
    expect(db.prepare('SELECT count(*) AS n FROM setting').get()).toEqual(before);
    db.exec(`INSERT INTO printer (id, device_id, name, connection, paper_width_mm, codepage, is_receipt, created_at, updated_at)
      VALUES ('pr1', 'd1', 'Front', '{"kind":"tcp","host":"10.0.0.9","port":9100}', 80, 'cp858', 1, 1, 1);
      INSERT INTO print_job (id, printer_id, kind, sale_id, label, document, created_at, updated_at) VALUES ('j1', 'pr1', 'receipt', 's1', 'R 1', '{}', 1, 1);`);
    expect(() => db.exec("INSERT INTO print_job (id, printer_id, kind, sale_id, label, document, created_at, updated_at) VALUES ('j2', 'pr1', 'receipt', 's1', 'R 1', '{}', 1, 1)")).toThrow(
      /UNIQUE/,
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(migrations.some((m) => m.version === 8)).toBe(true);
  });
});

describe('printers per terminal', () => {
  it('saves tcp, serial and usb printers with defaults, keeps one receipt printer, and lists them for everyone', async () => {
    const { c, printerId } = await withReceiptPrinter();
    const serial = expectOk(await c.admin.invoke('printing.savePrinter', { name: 'Labels', connection: { kind: 'serial', path: '/dev/ttyS0' }, paperWidthMm: 58 }));
    expect(serial).toMatchObject({ connection: { kind: 'serial', path: '/dev/ttyS0', baudRate: 9600 }, paperWidthMm: 58, codepage: 'cp858', isReceiptPrinter: false });
    const usb = expectOk(
      await c.admin.invoke('printing.savePrinter', { name: 'USB', connection: { kind: 'usb', path: '/dev/usb/lp0' }, isReceiptPrinter: true, codepage: 'cp437' }),
    );
    const list = expectOk(await c.cashier.invoke('printing.listPrinters', {}));
    expect(list.map((p) => [p.name, p.isReceiptPrinter])).toEqual([
      ['USB', true],
      ['Counter', false],
      ['Labels', false],
    ]);
    expect(list.find((p) => p.id === printerId)?.connection).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 9100 });
    expect(usb.codepage).toBe('cp437');
  });

  it('lets only settings-level roles change printers', async () => {
    const { c, printerId } = await withReceiptPrinter();
    expect(await c.cashier.invoke('printing.savePrinter', { name: 'X', connection: tcp() })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden', details: { permission: 'printing.manage' } },
    });
    expect(await c.cashier.invoke('printing.testPrint', { id: printerId })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    await addUser(c.admin, { username: 'morgan', displayName: 'Morgan Manager', role: 'manager', password: 'manager-pass-1' });
    const manager = await loginAs(c.core, 'morgan', 'manager-pass-1');
    expectOk(await manager.invoke('printing.savePrinter', { id: printerId, name: 'Renamed', connection: tcp(9101), isReceiptPrinter: true }));
    expect(await c.admin.invoke('printing.removePrinter', { id: 'no-such-printer' })).toMatchObject({ ok: false, error: { code: 'printing.printerNotFound' } });
  });

  it('lists the serial ports of this computer through the native driver, for settings-level roles only', async () => {
    const { c } = await withReceiptPrinter();
    const ports = await c.admin.invoke('printing.listPorts', {});
    if (ports.ok) expect(Array.isArray(ports.value)).toBe(true);
    else expect(ports.error.code).toBe('printing.portsUnavailable');
    expect(await c.cashier.invoke('printing.listPorts', {})).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('moves waiting jobs of a removed printer to the receipt printer, or keeps them for the next one', async () => {
    const { c, printerId } = await withReceiptPrinter();
    const sale = await sellForCash(c, [line(c, 'aspirin')], '2.00');
    const other = expectOk(await c.admin.invoke('printing.savePrinter', { name: 'Spare', connection: tcp(9200) }));
    expect(expectOk(await c.admin.invoke('printing.removePrinter', { id: printerId }))).toEqual({ removed: true, movedJobs: 1 });
    expect(printJobsStore(c.core.db).receiptOfSale(sale.id)?.printer_id).toBeNull();
    expectOk(await c.admin.invoke('printing.savePrinter', { id: other.id, name: 'Spare', connection: tcp(9200), isReceiptPrinter: true }));
    expect(printJobsStore(c.core.db).receiptOfSale(sale.id)?.printer_id).toBe(other.id);
  });
});

describe('the durable queue', () => {
  it('queues the receipt in the sale transaction, with a drawer kick for cash, and not again for a replayed Pay', async () => {
    const { c, printerId } = await withReceiptPrinter();
    const input = { idempotencyKey: 'pay-once', lines: [line(c, 'aspirin')], tenders: [{ kind: 'cash' as const, amount: '5.00' }] };
    const sale = expectOk(await c.cashier.invoke('sales.completeSale', input));
    expect(expectOk(await c.cashier.invoke('sales.completeSale', input)).replayed).toBe(true);
    const jobs = printJobsStore(c.core.db).waitingAll();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'receipt', sale_id: sale.id, printer_id: printerId, open_drawer: 1, state: 'queued' });
  });

  it('completes the sale even when queueing its receipt fails, and the start-up scan queues it later without a drawer kick', async () => {
    const { c } = await withReceiptPrinter();
    c.core.db.exec("CREATE TEMP TRIGGER refuse_jobs BEFORE INSERT ON print_job BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    const sale = await sellForCash(c, [line(c, 'aspirin')], '5.00');
    expect(expectOk(await c.cashier.invoke('sales.getSale', { id: sale.id })).receiptNo).toBe(sale.receiptNo);
    expect(printJobsStore(c.core.db).receiptOfSale(sale.id)).toBeNull();
    c.core.db.exec('DROP TRIGGER refuse_jobs');
    let n = 0;
    expect(queueMissingReceipts(c.core.db, 1, () => `00000000-0000-7000-8000-${String((n += 1)).padStart(12, '0')}`)).toBe(1);
    expect(printJobsStore(c.core.db).receiptOfSale(sale.id)).toMatchObject({ open_drawer: 0, state: 'queued' });
    expect(queueMissingReceipts(c.core.db, 2, () => 'unused')).toBe(0);
  });

  it('hands the native queue rendered jobs in order, records failures with the reason and never returns a printed job', async () => {
    const { c, printerId } = await withReceiptPrinter();
    const first = await sellForCash(c, [line(c, 'aspirin')], '5.00');
    const second = await sellForCash(c, [line(c, 'pads')], '5.00');
    const store = new SqlitePrintJobStore(c.core.db, printerId);
    const pending = store.pending();
    expect(pending.map((j) => j.label)).toEqual([`Receipt ${first.receiptNo}`, `Receipt ${second.receiptNo}`]);
    expect(decodedText(decodeEscPos(pending[0]!.bytes)).join('\n')).toContain('Aspirin');
    store.recordFailure(pending[0]!.id, { code: 'printer.paperOut', message: 'The printer is out of paper.' }, 5);
    expect(printJobsStore(c.core.db).byId(pending[0]!.id)).toMatchObject({ state: 'failed', attempts: 1, error_code: 'printer.paperOut' });
    store.markPrinted(pending[0]!.id, 6);
    store.recordFailure(pending[0]!.id, { code: 'printer.linkLost', message: 'late' }, 7);
    expect(printJobsStore(c.core.db).byId(pending[0]!.id)).toMatchObject({ state: 'printed', printed_at: 6 });
    expect(store.pending().map((j) => j.id)).toEqual([pending[1]!.id]);
    expect(store.remove(pending[0]!.id)).toBe(false);
  });

  it('sets aside a job it cannot render instead of holding up the receipts behind it', async () => {
    const { c, printerId } = await withReceiptPrinter();
    printJobsStore(c.core.db).add({ id: 'bad', printerId, kind: 'test', saleId: null, shiftId: null, label: 'bad', document: { type: 'nope' }, openDrawer: false, at: 1 });
    const sale = await sellForCash(c, [line(c, 'aspirin')], '5.00');
    const store = new SqlitePrintJobStore(c.core.db, printerId);
    expect(store.pending().map((j) => j.label)).toEqual([`Receipt ${sale.receiptNo}`]);
    expect(printJobsStore(c.core.db).byId('bad')).toMatchObject({ state: 'failed', printer_id: null, error_code: 'printing.unprintable' });
  });

  it('queues the Z report when a shift closes, and prints it with its figures', async () => {
    const { c } = await withReceiptPrinter();
    await sellForCash(c, [line(c, 'aspirin')], '5.00');
    const closed = expectOk(await c.cashier.invoke('shifts.closeShift', { counted: '101.25', foreignCounted: [] }));
    const job = printJobsStore(c.core.db).waitingAll().find((j) => j.kind === 'zReport');
    expect(job).toMatchObject({ shift_id: closed.shift.id, open_drawer: 0 });
    const printer = printersStore(c.core.db).byId(job!.printer_id!)!;
    const rendered = renderDocument(JSON.parse(job!.document), printer, false);
    if (!rendered.ok) throw new Error(rendered.message);
    const text = decodedText(decodeEscPos(rendered.bytes)).join('\n');
    expect(text).toContain('Z REPORT');
    expect(text).toMatch(/Expected cash\s+£101\.25/);
    // Printed again on request by someone who may see shift reports.
    expect(await c.cashier.invoke('printing.printShiftReport', { shiftId: closed.shift.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const again = expectOk(await c.admin.invoke('printing.printShiftReport', { shiftId: closed.shift.id }));
    expect(printJobsStore(c.core.db).byId(again.jobId)).toMatchObject({ kind: 'zReport', shift_id: closed.shift.id });
    expectOk(await c.cashier.invoke('shifts.openShift', { float: '50.00' }));
    const open = expectOk(await c.cashier.invoke('shifts.getCurrentShift', {}));
    expect(await c.admin.invoke('printing.printShiftReport', { shiftId: open!.id })).toMatchObject({ ok: false, error: { code: 'shifts.stillOpen' } });
  });

  it('prints the open shift\'s X report as it stands, leaving the shift open, for someone who may see shift reports', async () => {
    const { c } = await withReceiptPrinter();
    await sellForCash(c, [line(c, 'aspirin')], '5.00');
    expect(await c.cashier.invoke('printing.printXReport', {})).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const printed = expectOk(await c.admin.invoke('printing.printXReport', {}));
    const job = printJobsStore(c.core.db).byId(printed.jobId)!;
    const shift = expectOk(await c.cashier.invoke('shifts.getCurrentShift', {}));
    expect(job).toMatchObject({ kind: 'xReport', shift_id: shift!.id, open_drawer: 0 });
    expect(shift!.closedAt).toBeNull();
    const rendered = renderDocument(JSON.parse(job.document), printersStore(c.core.db).byId(job.printer_id!)!, false);
    if (!rendered.ok) throw new Error(rendered.message);
    const text = decodedText(decodeEscPos(rendered.bytes)).join('\n');
    expect(text).toContain('X REPORT (SHIFT OPEN)');
    expect(text).toMatch(/Sales\s+1/);
    expect(text).not.toContain('Over/short');
    expectOk(await c.cashier.invoke('shifts.closeShift', { counted: '101.25', foreignCounted: [] }));
    expect(await c.admin.invoke('printing.printXReport', {})).toMatchObject({ ok: false, error: { code: 'shifts.noOpenShift' } });
  });
});

describe('query plans of printing on the checkout path', () => {
  it('finds the receipt printer, a sale\'s receipt job and the waiting jobs by index', async () => {
    const { c, printerId } = await withReceiptPrinter();
    for (const [name, sql, params] of [
      ['receiptPrinter', printingSql.receiptPrinter, ['d1']],
      ['receiptOfSale', printingSql.receiptOfSale, ['s1']],
      ['waitingFor', printingSql.waitingFor, [printerId, 50]],
      ['byId', printingSql.byId, ['j1']],
    ] as const) {
      expect(tableScans(queryPlan(c.core, sql, ...params)), name).toEqual([]);
    }
  });
});

describe('USB printers through the device file', () => {
  it('writes the whole job to the device and reports a missing device as a failed connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mortar-usb-'));
    dirs.push(dir);
    const device = join(dir, 'lp0');
    writeFileSync(device, '');
    const link = createUsbLpTransport(device);
    await link.open();
    await link.write(Uint8Array.of(0x1b, 0x40, 0x41, 0x0a));
    expect(await link.request(Uint8Array.of(0x10, 0x04, 0x01), 1, 10)).toBeNull();
    await link.close();
    expect([...readFileSync(device)]).toEqual([0x1b, 0x40, 0x41, 0x0a]);
    await expect(createUsbLpTransport(join(dir, 'lp9')).open()).rejects.toMatchObject({ error: { code: 'printer.connectFailed' } });
  });
});
