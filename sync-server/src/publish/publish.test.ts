import { describe, expect, it } from 'vitest';
import { freshHarness } from '../testing/http-fixtures.js';
import { makeEvent } from '../testing/fixtures.js';

type Pulled = { seq: number; event: { type: string; branchId: string; payload: Record<string, unknown> } };

const product = { productId: 'p-1', gtin: '05012345678900', name: 'Paracetamol 500 mg tablets', packSize: 16, rxOnly: false, taxCategory: 'standard', active: true };
const recall = { recallId: 'r-1', productId: 'p-1', batches: ['B123', 'B124'], level: 'pharmacy', reason: 'Mislabelled strength', issuedAt: 1_772_355_600_000 };

describe('head-office publishing', () => {
  const setup = freshHarness();

  it('publishes each kind with a version that rises by one per publication of that kind', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const url = (kind: string) => `/v1/admin/tenants/${a.tenantId}/publish/${kind}`;
    expect(await h.admin(url('products'), { items: [product] })).toMatchObject({ status: 201, json: { ok: true, kind: 'products', version: 1, seq: 1 } });
    expect((await h.admin(url('products'), { items: [{ ...product, active: false }] })).json).toMatchObject({ version: 2, seq: 2 });
    expect((await h.admin(url('prices'), { items: [{ productId: 'p-1', currency: 'EUR', priceMinor: 349, validFrom: 0 }] })).json).toMatchObject({ version: 1 });
    expect((await h.admin(url('taxRules'), { items: [{ ruleId: 'std', category: 'standard', name: 'Standard', ratePercent: '19', validFrom: 0 }] })).json).toMatchObject({ version: 1 });
    expect((await h.admin(url('exchangeRates'), { items: [{ base: 'EUR', quote: 'USD', rate: '1.0825', validFrom: 0 }] })).json).toMatchObject({ version: 1 });
    expect((await h.admin(url('roles'), { items: [{ role: 'pharmacist', permissions: ['rx.dispense'] }] })).json).toMatchObject({ version: 1 });
    expect((await h.admin(url('users'), { items: [{ userId: 'u-1', username: 'ana', displayName: 'Ana', roles: ['pharmacist'], branchIds: [], active: true }] })).json).toMatchObject({ version: 1 });
    const versions = await h.app.inject({ method: 'GET', url: `/v1/admin/tenants/${a.tenantId}/publications`, headers: { authorization: 'Bearer test-admin-token-0123456789' } });
    expect(versions.json()).toEqual({ ok: true, versions: { products: 2, prices: 1, taxRules: 1, exchangeRates: 1, roles: 1, users: 1 } });
    const pulled = (await h.pull(a)).json.events as Pulled[];
    expect(pulled.map((e) => e.event.type)).toEqual([
      'catalog.productsPublished', 'catalog.productsPublished', 'catalog.pricesPublished', 'catalog.taxRulesPublished',
      'catalog.exchangeRatesPublished', 'staff.rolesPublished', 'staff.usersPublished',
    ]);
    expect(pulled[1]?.event.payload).toEqual({ kind: 'products', version: 2, items: [{ ...product, active: false }] });
  });

  it('delivers a recall to every branch of the tenant and to no other tenant', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    const b = await h.branchWithDevice(a.tenantId);
    const other = await h.branchWithDevice();
    await h.push(b, [makeEvent(b, 'patient.profileChanged')]);
    const r = await h.admin(`/v1/admin/tenants/${a.tenantId}/publish/recalls`, { items: [{ ...recall, level: 'retail' }] });
    expect(r).toMatchObject({ status: 201, json: { version: 1, seq: 2 } });
    for (const c of [a, b]) {
      const got = ((await h.pull(c)).json.events as Pulled[]).filter((e) => e.event.type === 'inventory.recallsPublished');
      expect(got).toHaveLength(1);
      expect(got[0]?.event.payload).toMatchObject({ kind: 'recalls', version: 1, items: [{ recallId: 'r-1', batches: ['B123', 'B124'] }] });
    }
    expect((await h.pull(other)).json.events).toEqual([]);
  });

  it('refuses invalid items, an unknown kind, an unknown tenant, and a branch device pushing a head-office type', async () => {
    const h = await setup();
    const a = await h.branchWithDevice();
    expect(await h.admin(`/v1/admin/tenants/${a.tenantId}/publish/recalls`, { items: [recall] })).toMatchObject({ status: 400, json: { error: { code: 'publish.invalid' } } });
    expect(await h.admin(`/v1/admin/tenants/${a.tenantId}/publish/prices`, { items: [{ productId: 'p', currency: 'EUR', priceMinor: 3.49, validFrom: 0 }] })).toMatchObject({ status: 400 });
    expect(await h.admin(`/v1/admin/tenants/${a.tenantId}/publish/products`, { items: [] })).toMatchObject({ status: 400 });
    expect(await h.admin(`/v1/admin/tenants/${a.tenantId}/publish/patients`, { items: [{}] })).toMatchObject({ status: 404, json: { error: { code: 'publish.unknownKind' } } });
    expect(await h.admin('/v1/admin/tenants/0190b5a4-0000-7000-8000-000000000000/publish/products', { items: [product] })).toMatchObject({ status: 404, json: { error: { code: 'tenant.notFound' } } });
    const forged = makeEvent(a, 'inventory.recallsPublished', { payload: { kind: 'recalls', version: 99, items: [] } });
    expect(await h.push(a, [forged])).toMatchObject({ status: 403, json: { error: { code: 'events.headOfficeOnly', details: { index: 0 } } } });
    expect((await h.pull(a)).json.events).toEqual([]);
  });
});
