import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { counterRole, invertRate, NO_PASSWORD, withPublishedRates } from './apply-master-data.js';
import { startFakeSyncServer, type FakeSyncServer } from './fake-sync-server.js';
import { syncOnce } from './sync-client.js';
import { BRANCH_A, BRANCH_B, HEAD_OFFICE, enrolledCounter, remoteEvent } from './sync-test-support.js';
import { ukLikeVatRules } from '../money/example-rule-sets.js';

let server: FakeSyncServer;
const disposers: (() => void)[] = [];

beforeEach(async () => {
  server = await startFakeSyncServer();
});
afterEach(async () => {
  for (const d of disposers.splice(0)) d();
  await server.close();
});

async function counter() {
  const c = await enrolledCounter(server, 42);
  disposers.push(() => c.core.dispose());
  return c;
}

function publish(kind: string, type: string, version: number, items: unknown[]) {
  server.inject(remoteEvent(type, { kind, version, items }, { branchId: HEAD_OFFICE }));
}

const product = {
  productId: 'ho-cetirizine',
  sku: 'CET-30',
  gtins: ['5000000000012'],
  name: 'Cetirizine 10 mg tablets',
  brand: 'Allerfree',
  form: 'tablet',
  strength: '10 mg',
  unit: 'tablet',
  ingredients: [{ name: 'Cetirizine', strength: '10 mg' }],
  packSize: 30,
  rxOnly: false,
  legalCategory: 'pharmacy',
  taxCategory: 'standard',
  active: true,
  priceMinor: 299,
  currency: 'GBP',
};

describe('head-office products at a counter', () => {
  it('adds a published product with its barcode and price, findable by scan and search', async () => {
    const c = await counter();
    publish('products', 'catalog.productsPublished', 1, [product]);
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true, applied: 1 });
    const row = c.core.db.prepare("SELECT id, sku, price_minor, currency, active, legal_category FROM product WHERE sku = 'CET-30'").get();
    expect(row).toEqual({ id: 'ho-cetirizine', sku: 'CET-30', price_minor: 299, currency: 'GBP', active: 1, legal_category: 'pharmacy' });
    expect(c.core.db.prepare("SELECT product_id FROM product_gtin WHERE gtin = '05000000000012'").get()).toEqual({ product_id: 'ho-cetirizine' });
    const found = expectOk(await c.cashier.invoke('catalog.searchProducts', { query: 'cetirizine' }));
    expect(JSON.stringify(found)).toContain('ho-cetirizine');
  });

  it('overwrites a local edit of a product head office owns and keeps the local value in the audit log', async () => {
    const c = await counter();
    const local = c.products.aspirin;
    publish('products', 'catalog.productsPublished', 1, [{ ...product, productId: 'ho-aspirin', sku: local.sku, gtins: local.gtins, name: 'Aspirin 300 mg dispersible tablets', priceMinor: 150 }]);
    await syncOnce(c.deps);
    const row = c.core.db.prepare('SELECT name, price_minor FROM product WHERE id = ?').get(local.id);
    expect(row).toEqual({ name: 'Aspirin 300 mg dispersible tablets', price_minor: 150 });
    expect(c.core.db.prepare('SELECT count(*) AS n FROM product WHERE sku = ?').get(local.sku)).toEqual({ n: 1 });
    const audit = c.core.db.prepare("SELECT entity_id FROM audit_log WHERE action = 'sync.applyProduct'").all();
    expect(audit).toEqual([{ entity_id: local.id }]);
    // A later head-office price for its id reaches the local row through the link.
    publish('prices', 'catalog.pricesPublished', 1, [{ productId: 'ho-aspirin', currency: 'GBP', priceMinor: 175, validFrom: 0 }]);
    await syncOnce(c.deps);
    expect(c.core.db.prepare('SELECT price_minor FROM product WHERE id = ?').get(local.id)).toEqual({ price_minor: 175 });
  });

  it('keeps a product published without a price unsellable until its price arrives', async () => {
    const c = await counter();
    const { priceMinor: _p, currency: _c, ...unpriced } = product;
    publish('products', 'catalog.productsPublished', 1, [unpriced]);
    await syncOnce(c.deps);
    expect(c.core.db.prepare("SELECT active, price_minor FROM product WHERE id = 'ho-cetirizine'").get()).toEqual({ active: 0, price_minor: 0 });
    publish('prices', 'catalog.pricesPublished', 1, [{ productId: 'ho-cetirizine', currency: 'GBP', priceMinor: 310, validFrom: 0 }]);
    await syncOnce(c.deps);
    expect(c.core.db.prepare("SELECT active, price_minor FROM product WHERE id = 'ho-cetirizine'").get()).toEqual({ active: 1, price_minor: 310 });
  });

  it('applies the same publication pulled twice once', async () => {
    const c = await counter();
    publish('products', 'catalog.productsPublished', 1, [product]);
    await syncOnce(c.deps);
    c.core.db.prepare('UPDATE sync_state SET cursor = 0').run();
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true, applied: 0 });
    expect(c.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.applyCatalog'").get()).toEqual({ n: 1 });
  });
});

describe('head-office tax rules and exchange rates at a counter', () => {
  it('puts a published rate into the rule set in force, and keeps a future one until it is due', async () => {
    const c = await counter();
    const now = c.core.clock.now();
    publish('taxRules', 'catalog.taxRulesPublished', 1, [{ ruleId: 'gb-std', category: 'standard', name: 'VAT', ratePercent: '17.5', validFrom: now - 1 }]);
    publish('taxRules', 'catalog.taxRulesPublished', 2, [{ ruleId: 'gb-red', category: 'reduced', name: 'VAT', ratePercent: '6', validFrom: now + 60_000 }]);
    await syncOnce(c.deps);
    const rules = expectOk(await c.admin.invoke('sales.getTaxRules', {}));
    expect(JSON.stringify(rules)).toContain('"ratePercent":"17.5"');
    expect(expectOk(await c.admin.invoke('sync.status', {})).deferred).toBe(1);
    c.core.clock.advance(60_000);
    await syncOnce(c.deps);
    expect(JSON.stringify(expectOk(await c.admin.invoke('sales.getTaxRules', {})))).toContain('"ratePercent":"6"');
    expect(c.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.applyTaxRules'").get()).toEqual({ n: 2 });
  });

  it('builds a category rule from a published rate: zero-rated at 0 %, exempt without components', () => {
    const next = withPublishedRates(ukLikeVatRules, [
      { ruleId: 'a', category: 'zero', name: 'VAT', ratePercent: '0', validFrom: 0 },
      { ruleId: 'b', category: 'exempt', name: 'Exempt', ratePercent: '0', validFrom: 0 },
    ], 3);
    expect(next.categories.zero).toMatchObject({ treatment: 'zero-rated', components: [{ ratePercent: '0' }] });
    expect(next.categories.exempt).toMatchObject({ treatment: 'exempt', components: [] });
    expect(next.id).toBe('head-office-v3');
  });

  it('takes rates quoted in the base currency as they are and inverts rates from it, skipping cross rates', async () => {
    const c = await counter();
    publish('exchangeRates', 'catalog.exchangeRatesPublished', 1, [
      { base: 'EUR', quote: 'GBP', rate: '0.85', validFrom: 0 },
      { base: 'GBP', quote: 'USD', rate: '1.25', validFrom: 0 },
      { base: 'EUR', quote: 'CHF', rate: '0.94', validFrom: 0 },
    ]);
    await syncOnce(c.deps);
    expect(c.core.db.prepare('SELECT currency, rate FROM exchange_rate ORDER BY currency').all()).toEqual([
      { currency: 'EUR', rate: '0.85' },
      { currency: 'USD', rate: '0.8' },
    ]);
    expect(invertRate('3')).toBe('0.333333333333');
    expect(invertRate('0')).toBeNull();
  });
});

describe('head-office staff at a counter', () => {
  it('creates a published user who cannot sign in until a manager sets a password here', async () => {
    const c = await counter();
    publish('users', 'staff.usersPublished', 1, [{ userId: 'ho-u1', username: 'robin', displayName: 'Robin Pharmacist', roles: ['pharmacist', 'area-lead'], branchIds: [], active: true }]);
    await syncOnce(c.deps);
    expect(c.core.db.prepare("SELECT role, active, password_hash FROM app_user WHERE username = 'robin'").get()).toEqual({ role: 'pharmacist', active: 1, password_hash: NO_PASSWORD });
    const conn = c.core.connect();
    const refused = await conn.invoke('auth.login', { username: 'robin', password: NO_PASSWORD });
    expect(refused.ok).toBe(false);
    const robin = c.core.db.prepare("SELECT id FROM app_user WHERE username = 'robin'").get() as { id: string };
    expectOk(await c.admin.invoke('users.setPassword', { id: robin.id, password: 'robin-pass-12345' }));
    expect((await conn.invoke('auth.login', { username: 'robin', password: 'robin-pass-12345' })).ok).toBe(true);
  });

  it('deactivates a user head office disables, or one not allowed at this branch, but never the last admin', async () => {
    const c = await counter();
    publish('users', 'staff.usersPublished', 1, [
      { userId: 'ho-casey', username: 'casey', displayName: 'Casey Cashier', roles: ['cashier'], branchIds: [BRANCH_B], active: true },
      { userId: 'ho-admin', username: 'admin', displayName: 'Avery Admin', roles: ['admin'], branchIds: [], active: false },
      { userId: 'ho-new', username: 'sam', displayName: 'Sam', roles: ['cashier'], branchIds: [BRANCH_B], active: true },
    ]);
    await syncOnce(c.deps);
    const users = c.core.db.prepare('SELECT username, active FROM app_user ORDER BY username').all();
    expect(users).toEqual([{ username: 'admin', active: 1 }, { username: 'casey', active: 0 }]);
    expect(c.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sync.keepLastAdmin'").get()).toEqual({ n: 1 });
    publish('users', 'staff.usersPublished', 2, [{ userId: 'ho-casey', username: 'casey', displayName: 'Casey C.', roles: ['cashier'], branchIds: [BRANCH_A], active: true }]);
    await syncOnce(c.deps);
    expect(c.core.db.prepare("SELECT display_name, active FROM app_user WHERE username = 'casey'").get()).toEqual({ display_name: 'Casey C.', active: 1 });
  });

  it('records published roles without widening what a counter role may do', async () => {
    const c = await counter();
    publish('roles', 'staff.rolesPublished', 1, [{ role: 'cashier', permissions: ['users.manage'] }]);
    await syncOnce(c.deps);
    expect(c.core.db.prepare('SELECT role, permissions, version FROM head_office_role').all()).toEqual([{ role: 'cashier', permissions: '["users.manage"]', version: 1 }]);
    expect((await c.cashier.invoke('users.listUsers', {})).ok).toBe(false);
    expect(counterRole(['area-lead', 'manager', 'cashier'])).toBe('manager');
    expect(counterRole(['area-lead'])).toBeNull();
  });
});
