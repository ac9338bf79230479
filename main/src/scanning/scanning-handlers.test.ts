import { afterEach, describe, expect, it } from 'vitest';
import { addUser, createTestCore, countRows, expectOk, loginAs, setUpPharmacy, type TestCore } from '../testing/index.js';
import type { Connection } from '../core.js';
import { SCANNERS_SETTING_KEY } from './scanner-settings-store.js';

let core: TestCore | undefined;
afterEach(() => core?.dispose());

async function terminal(): Promise<{ core: TestCore; admin: Connection; cashier: Connection; manager: Connection }> {
  core = createTestCore();
  const { admin } = await setUpPharmacy(core);
  await addUser(admin, { username: 'casey', displayName: 'Casey Cashier', role: 'cashier', password: 'cashier-pass-1' });
  await addUser(admin, { username: 'morgan', displayName: 'Morgan Manager', role: 'manager', password: 'manager-pass-1' });
  return { core, admin, cashier: await loginAs(core, 'casey', 'cashier-pass-1'), manager: await loginAs(core, 'morgan', 'manager-pass-1') };
}

function storedSetting(c: TestCore): string | null {
  const row = c.db.prepare('SELECT value FROM setting WHERE key = ?').get(SCANNERS_SETTING_KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

// /dev/null is a character device on every test machine: it stands for a port that is there.
const serialInput = { kind: 'serial' as const, name: 'Counter scanner', path: '/dev/null', baudRate: 9600, suffix: 'cr' as const };

describe('scanning operations', () => {
  it('saves a serial scanner with its defaults filled in, audited, and lists it', async () => {
    const t = await terminal();
    const saved = expectOk(await t.manager.invoke('scanning.saveScanner', serialInput));
    expect(saved).toMatchObject({ kind: 'serial', path: '/dev/null', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, suffix: 'cr', gsSubstitute: null, enabled: true });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(expectOk(await t.cashier.invoke('scanning.listScanners', {})).scanners).toEqual([saved]);
    const audit = t.core.db.prepare("SELECT entity_id FROM audit_log WHERE action = 'scanning.saveScanner'").all() as { entity_id: string }[];
    expect(audit.map((a) => a.entity_id)).toEqual([saved.id]);
  });

  it('refuses a bad baud rate with its own code and saves nothing', async () => {
    const t = await terminal();
    const result = await t.admin.invoke('scanning.saveScanner', { ...serialInput, baudRate: 12345 });
    expect(result).toMatchObject({ ok: false, error: { code: 'scanning.badBaudRate' } });
    expect(storedSetting(t.core)).toBeNull();
  });

  it('refuses an unknown port with its own code, naming it, and saves nothing', async () => {
    const t = await terminal();
    const audits = countRows(t.core, 'audit_log');
    const result = await t.admin.invoke('scanning.saveScanner', { ...serialInput, path: '/dev/ttyMORTAR-NOT-THERE' });
    expect(result).toMatchObject({ ok: false, error: { code: 'scanning.unknownPort', details: { path: '/dev/ttyMORTAR-NOT-THERE' } } });
    expect(storedSetting(t.core)).toBeNull();
    expect(countRows(t.core, 'audit_log')).toBe(audits);
  });

  it('keeps the saved list intact when a change is refused', async () => {
    const t = await terminal();
    const saved = expectOk(await t.admin.invoke('scanning.saveScanner', serialInput));
    if (saved.kind !== 'serial') throw new Error('expected a serial scanner');
    const before = storedSetting(t.core);
    expect((await t.admin.invoke('scanning.saveScanner', { ...saved, baudRate: 7 })).ok).toBe(false);
    expect((await t.admin.invoke('scanning.saveScanner', { ...saved, gsSubstitute: 'A' })).ok).toBe(false);
    expect((await t.admin.invoke('scanning.saveScanner', { ...serialInput, name: 'Second' })).ok).toBe(false);
    expect(storedSetting(t.core)).toBe(before);
  });

  it('lets managers and admins write and every role read, refusing a cashier', async () => {
    const t = await terminal();
    expect(await t.cashier.invoke('scanning.saveScanner', serialInput)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const saved = expectOk(await t.manager.invoke('scanning.saveScanner', { kind: 'hid', name: 'Handheld', vendorId: 0x05e0, productId: 0x1200 }));
    expect(await t.cashier.invoke('scanning.removeScanner', { id: saved.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(expectOk(await t.cashier.invoke('scanning.getStatus', {}))).toEqual({
      hostRunning: false,
      scanners: [expect.objectContaining({ id: saved.id, kind: 'hid', link: 'stopped', reason: null, lastScanAt: null })],
    });
    expect(expectOk(await t.admin.invoke('scanning.removeScanner', { id: saved.id }))).toEqual({ id: saved.id });
    expect(expectOk(await t.cashier.invoke('scanning.listScanners', {})).scanners).toEqual([]);
  });

  it('says which scanner is missing when removing one that is not there', async () => {
    const t = await terminal();
    expect(await t.admin.invoke('scanning.removeScanner', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'scanning.scannerNotFound' } });
  });

  it('lists the serial ports and HID scanners, or says why a list is missing', async () => {
    const t = await terminal();
    const ports = expectOk(await t.cashier.invoke('scanning.listPorts', {}));
    expect(Array.isArray(ports.serial)).toBe(true);
    expect(Array.isArray(ports.hid)).toBe(true);
    expect(ports.serialError === null || typeof ports.serialError === 'string').toBe(true);
  });
});
