import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '@mortar/main';
import { tempDir } from '@mortar/main/testing';

const BIN = fileURLToPath(new URL('../../bin/mortar.js', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function mortar(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const admin = { MORTAR_PASSWORD: 'admin-password-1' };

async function unwrap<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('mortar po and mortar transfer', () => {
  it('exports an approved order as 850, CSV and PDF files, and refuses a transfer file that is not one', async () => {
    const d = tempDir('mortar-cli-po-');
    dirs.push(d);
    const setup = mortar(
      ['--data-dir', d, 'setup', '--pharmacy-name', 'Hill Pharmacy', '--address', '2 Hill Road, Town', '--tax-id', 'GB2', '--currency', 'gbp', '--admin-username', 'admin', '--admin-name', 'Ada Admin', '--json'],
      { MORTAR_ADMIN_PASSWORD: 'admin-password-1' },
    );
    expect(setup.code, setup.stderr).toBe(0);
    const core = createCore({ dataDir: d, create: false });
    try {
      const c = core.connect();
      await unwrap(c.invoke('auth.login', { username: 'admin', password: 'admin-password-1' }));
      const product = await unwrap(
        c.invoke('catalog.createProduct', { sku: 'PARA-16', name: 'Paracetamol 500 mg tablets', form: 'tablet', packSize: 16, unit: 'tablet', legalCategory: 'gsl', taxCategory: 'standard', priceMinor: 89, gtins: ['5010000000011'] }),
      );
      const supplier = await unwrap(c.invoke('inventory.createSupplier', { name: 'Wholesale One', leadTimeDays: 1, ediQualifier: 'ZZ', ediId: 'WHOLESALE1' }));
      const po = await unwrap(c.invoke('inventory.createPurchaseOrder', { supplierId: supplier.id, lines: [{ productId: product.id, packs: 12, cost: '0.41' }] }));
      await unwrap(c.invoke('inventory.approvePurchaseOrder', { id: po.id }));
    } finally {
      core.close();
    }
    for (const format of ['850', 'csv', 'pdf']) {
      const out = join(d, `order.${format}`);
      const r = mortar(['--data-dir', d, 'po', '--user', 'admin', 'export', 'PO-000001', '--format', format, '--out', out, '--json'], admin);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ file: out, filename: `PO-000001.${format === '850' ? '850.edi' : format}` });
    }
    expect(readFileSync(join(d, 'order.850'), 'utf8')).toMatch(/^ISA\*.*\nGS\*PO\*[\s\S]*BEG\*00\*SA\*PO-000001\*\*/);
    expect(readFileSync(join(d, 'order.csv'), 'utf8')).toContain('PO-000001');
    expect(readFileSync(join(d, 'order.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const bad = mortar(['--data-dir', d, 'po', '--user', 'admin', 'export', 'PO-000001', '--format', 'xml', '--out', join(d, 'x'), '--json'], admin);
    expect(bad.code).toBe(2);
    const notTransfer = mortar(['--data-dir', d, 'transfer', '--user', 'admin', 'import', join(d, 'order.csv'), '--json'], admin);
    expect(notTransfer.code).toBe(1);
    expect(JSON.parse(notTransfer.stdout)).toMatchObject({ ok: false, error: { code: 'inventory.transferMalformed' } });
  }, 150_000);
});
