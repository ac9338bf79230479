import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile, openStore } from '@mortar/main';
import { tempDir } from '@mortar/main/testing';

const BIN = fileURLToPath(new URL('../bin/mortar.js', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function mortar(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function setUp(): string {
  const d = tempDir('mortar-cli-');
  dirs.push(d);
  const r = mortar(
    ['--data-dir', d, 'setup', '--pharmacy-name', 'Hill Pharmacy', '--address', '2 Hill Road, Town', '--tax-id', 'GB2', '--currency', 'eur', '--admin-username', 'admin', '--admin-name', 'Ada Admin', '--json'],
    { MORTAR_ADMIN_PASSWORD: 'admin-password-1' },
  );
  expect(r.code, r.stderr).toBe(0);
  return d;
}

describe('the mortar command line', () => {
  it('explains itself with --help', () => {
    const r = mortar(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['serve', 'setup', 'demo', 'users', 'audit', 'backup', 'restore', 'db']) expect(r.stdout).toContain(c);
  });

  it('sets up a terminal and manages staff as an authenticated administrator', () => {
    const d = setUp();
    const add = mortar(['--data-dir', d, 'users', '--user', 'admin', 'add', 'casey', '--name', 'Casey', '--role', 'cashier', '--json'], {
      MORTAR_PASSWORD: 'admin-password-1',
      MORTAR_NEW_PASSWORD: 'cashier-pass-1',
    });
    expect(add.code, add.stderr).toBe(0);
    const list = mortar(['--data-dir', d, 'users', '--user', 'admin', 'list', '--json'], { MORTAR_PASSWORD: 'admin-password-1' });
    expect((JSON.parse(list.stdout) as { username: string }[]).map((u) => u.username).sort()).toEqual(['admin', 'casey']);
    const refused = mortar(['--data-dir', d, 'users', '--user', 'casey', 'list', '--json'], { MORTAR_PASSWORD: 'cashier-pass-1' });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('refuses bad input with a specific error and sets nothing up', () => {
    const d = tempDir('mortar-cli-');
    dirs.push(d);
    const r = mortar(
      ['--data-dir', d, 'setup', '--pharmacy-name', 'X', '--address', 'here', '--tax-id', 'GB2', '--currency', 'EURO', '--admin-username', 'a', '--admin-name', 'A', '--json'],
      { MORTAR_ADMIN_PASSWORD: 'short' },
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; message: string } };
    expect(out.error.code).toBe('api.invalidInput');
    expect(out.error.message).toMatch(/pharmacy.baseCurrency/);
    const status = mortar(['--data-dir', d, 'audit', 'verify', '--json']);
    expect(JSON.parse(status.stdout)).toEqual({ ok: true, entries: 0, firstBroken: null });
  });

  it('verifies the audit chain and names the first broken link', () => {
    const d = setUp();
    expect(JSON.parse(mortar(['--data-dir', d, 'audit', 'verify', '--json']).stdout)).toMatchObject({ ok: true });
    const store = openStore({ dataDir: d, key: loadOrCreateKeyFile(d, false) });
    store.db.exec("DROP TRIGGER audit_log_immutable_update; UPDATE audit_log SET reason = 'edited' WHERE seq = 2");
    store.close();
    const r = mortar(['--data-dir', d, 'audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('BROKEN at entry 2');
  });

  it('backs up while keeping the data encrypted, and restores only a verified backup', () => {
    const d = setUp();
    const file = join(d, '..', `${d.split('/').pop()}-backup.db`);
    dirs.push(file);
    const b = mortar(['--data-dir', d, 'backup', file, '--json']);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ schemaVersion: expect.any(Number), auditEntries: 2 });
    expect(mortar(['--data-dir', d, 'backup', file]).code).toBe(2);
    const r = mortar(['--data-dir', d, 'restore', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).previous).toMatch(/before-restore/);
    const other = setUp();
    const wrongKey = mortar(['--data-dir', other, 'restore', file, '--json']);
    expect(wrongKey.code).toBe(2);
    expect(JSON.parse(wrongKey.stdout).error.code).toBe('store.wrongKey');
  });

  it('says there is no terminal rather than creating one by accident', () => {
    const d = join(tempDir('mortar-cli-'), 'typo');
    dirs.push(d);
    const r = mortar(['--data-dir', d, 'users', '--user', 'admin', 'list'], { MORTAR_PASSWORD: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/There is no Mortar terminal/);
  });

  it('parses GS1 scans as JSON with a 14-digit GTIN, or names what is wrong', () => {
    const ok = mortar(['gs1', 'parse', ']d201095060001343521726020010ABC123\u001d21XYZ', '--json']);
    expect(JSON.parse(ok.stdout)).toEqual({
      ok: true,
      ais: [
        { ai: '01', value: '09506000134352' },
        { ai: '17', value: '260200' },
        { ai: '10', value: 'ABC123' },
        { ai: '21', value: 'XYZ' },
      ],
      gtin: '09506000134352',
      expiry: '2026-02-28',
      batch: 'ABC123',
      serial: 'XYZ',
    });
    const ean = JSON.parse(mortar(['gs1', 'parse', '9506000134352', '--json']).stdout);
    expect(ean).toMatchObject({ ok: true, gtin: '09506000134352', expiry: null, batch: null });
    const bad = mortar(['gs1', 'parse', '(01)09506000134353', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'gs1.badCheckDigit' } });
  });

  it('parses prescription directions into a FHIR Dosage, keeping ranges as ranges', () => {
    const r = mortar(['sig', 'parse', '1-2 tabs po q4-6h prn pain', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dosage: { doseAndRate: unknown[]; timing: { repeat: Record<string, unknown> }; asNeededCodeableConcept?: { text: string } } };
    expect(out.dosage.doseAndRate[0]).toMatchObject({ doseRange: { low: { value: 1 }, high: { value: 2 } } });
    expect(out.dosage.timing.repeat).toMatchObject({ period: 4, periodMax: 6, periodUnit: 'h' });
    expect(out.dosage.asNeededCodeableConcept?.text).toBe('pain');
    const bad = mortar(['sig', 'parse', 'qwerty asdf', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'sig.unparseable' } });
  });

  it('checks interactions and says which names it does not know', () => {
    const r = mortar(['interactions', 'check', 'Warfarin', 'ibuprofen', 'paracetamol', 'notadrugatall', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { interactions: { drugs: string[]; severity: string; references: unknown[] }[]; unknown: string[] };
    const pair = out.interactions.find((i) => i.drugs.includes('warfarin') && i.drugs.includes('ibuprofen'));
    expect(pair?.severity).toBe('major');
    expect(pair?.references.length).toBeGreaterThan(0);
    expect(out.unknown).toEqual(['notadrugatall']);
  });

  it('forecasts from a sales CSV with the chosen method beside seasonal naive, and names bad rows', () => {
    const d = tempDir('mortar-cli-');
    dirs.push(d);
    const rows = ['date,product,quantity'];
    for (let i = 0; i < 120; i++) {
      const date = new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
      rows.push(`${date},PARA-500,${10 + ((i * 7) % 5) + (new Date(date).getUTCDay() === 6 ? 8 : 0)}`);
      rows.push(`${date},RARE-1,${i % 17 === 0 ? 2 : 0}`);
    }
    writeFileSync(join(d, 'sales.csv'), rows.join('\n'));
    const r = mortar(['forecast', '--sales', join(d, 'sales.csv'), '--horizon', '14', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { products: { product: string; method: string; forecast: unknown[]; backtest: { method: string }[] }[] };
    expect(out.products.map((p) => p.product).sort()).toEqual(['PARA-500', 'RARE-1']);
    for (const p of out.products) {
      expect(p.forecast).toHaveLength(14);
      expect(p.backtest.map((b) => b.method)).toContain('seasonalNaive');
    }
    writeFileSync(join(d, 'bad.csv'), 'date,product,quantity\n2026-01-01,A,3\n2026-13-01,A,2\n');
    const bad = mortar(['forecast', '--sales', join(d, 'bad.csv'), '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'forecast.csv.badDate', message: expect.stringMatching(/line 3/) } });
  });

  it('reports the schema with db migrate', () => {
    const d = setUp();
    const r = mortar(['--data-dir', d, 'db', 'migrate', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ applied: [], from: expect.any(Number) });
  });
});
