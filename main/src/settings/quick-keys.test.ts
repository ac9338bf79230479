import { afterEach, describe, expect, it } from 'vitest';
import { counterProducts } from '../sales/sales-fixtures.js';
import { addUser, countRows, createTestCore, expectOk, loginAs, setUpPharmacy, type TestCore } from '../testing/index.js';

let core: TestCore | undefined;
afterEach(() => core?.dispose());

function storedQuickKeys(c: TestCore): string | null {
  const row = c.db.prepare("SELECT value FROM setting WHERE key = 'quickKeys'").get() as { value: string } | undefined;
  return row?.value ?? null;
}

async function terminal() {
  const c = createTestCore();
  core = c;
  const { admin } = await setUpPharmacy(c);
  await addUser(admin, { username: 'casey', displayName: 'Casey Cashier', role: 'cashier', password: 'cashier-pass-1' });
  const product = expectOk(await admin.invoke('catalog.createProduct', counterProducts.pads));
  await addUser(admin, { username: 'morgan', displayName: 'Morgan Manager', role: 'manager', password: 'manager-pass-1' });
  return { core: c, admin, manager: await loginAs(c, 'morgan', 'manager-pass-1'), cashier: await loginAs(c, 'casey', 'cashier-pass-1'), productId: product.id };
}

describe('checkout quick keys in the terminal settings', () => {
  it('lets a manager save the quick keys of a known product, audited, and every user reads them', async () => {
    const t = await terminal();
    const keys = [{ productId: t.productId, label: 'Pads' }];
    expect(expectOk(await t.manager.invoke('settings.setQuickKeys', { quickKeys: keys })).quickKeys).toEqual(keys);
    expect(expectOk(await t.cashier.invoke('settings.getSettings', {})).quickKeys).toEqual(keys);
    expect(countRows(t.core, 'audit_log')).toBeGreaterThan(0);
    expect(t.core.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'settings.setQuickKeys'").get()).toEqual({ n: 1 });
  });

  it('reads no quick keys on a terminal that never saved any', async () => {
    const t = await terminal();
    expect(expectOk(await t.cashier.invoke('settings.getSettings', {})).quickKeys).toEqual([]);
  });

  it('refuses a quick key for an unknown product and saves nothing', async () => {
    const t = await terminal();
    const audits = countRows(t.core, 'audit_log');
    const unknown = '01900000-0000-7000-8000-00000000dead';
    const result = await t.admin.invoke('settings.setQuickKeys', { quickKeys: [{ productId: unknown, label: 'Ghost' }] });
    expect(result).toMatchObject({ ok: false, error: { code: 'catalog.productNotFound', details: { productId: unknown } } });
    expect(storedQuickKeys(t.core)).toBeNull();
    expect(countRows(t.core, 'audit_log')).toBe(audits);
  });

  it('refuses more than eight quick keys and saves nothing', async () => {
    const t = await terminal();
    const nine = Array.from({ length: 9 }, (_, i) => ({ productId: t.productId, label: `Key ${i + 1}` }));
    const result = await t.admin.invoke('settings.setQuickKeys', { quickKeys: nine });
    expect(result.ok).toBe(false);
    expect(storedQuickKeys(t.core)).toBeNull();
  });

  it('refuses a cashier editing the quick keys', async () => {
    const t = await terminal();
    const result = await t.cashier.invoke('settings.setQuickKeys', { quickKeys: [{ productId: t.productId, label: 'Pads' }] });
    expect(result.ok).toBe(false);
    expect(storedQuickKeys(t.core)).toBeNull();
  });
});
