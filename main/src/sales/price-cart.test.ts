import { afterEach, describe, expect, it } from 'vitest';
import { ukLikeVatRules } from '../money/index.js';
import { ADMIN, createTestCore, expectOk, PHARMACY, type TestCore } from '../testing/index.js';
import { addStaff, line, payKey, setUpCounter, type Counter } from './sales-fixtures.js';

let counter: Counter | undefined;
let extra: TestCore | undefined;
afterEach(() => {
  counter?.core.dispose();
  extra?.dispose();
  extra = undefined;
});

describe('sales.priceCart', () => {
  it('prices loose units pro rata from the pack price, rounding half-up', async () => {
    counter = await setUpCounter();
    // 6 of 24 tablets at 2.49 a pack: 0.6225 → 0.62.
    const priced = expectOk(await counter.cashier.invoke('sales.priceCart', { lines: [line(counter, 'ibuprofen', 6, { unit: 'unit' })] }));
    expect(priced.lines[0]).toMatchObject({ quantity: 6, unit: 'unit', stockUnits: 6, unitPriceMinor: 249, extendedMinor: 62, grossMinor: 62, taxMinor: 10 });
  });

  it('applies line discounts (amount or percent) before the basket discount, shared by what each line costs', async () => {
    counter = await setUpCounter();
    const priced = expectOk(
      await counter.cashier.invoke('sales.priceCart', {
        lines: [line(counter, 'ibuprofen', 1, { discount: { percent: '4' } }), line(counter, 'pads', 1, { discount: { amount: '0.10' } })],
        basketDiscount: { amount: '0.05' },
      }),
    );
    // 2.49 − 4% (0.0996 → 0.10) = 2.39; 4.50 − 0.10 = 4.40; the 0.05 off the basket splits 2 / 3.
    expect(priced.lines.map((l) => [l.lineDiscountMinor, l.basketDiscountMinor, l.grossMinor])).toEqual([
      [10, 2, 237],
      [10, 3, 437],
    ]);
    expect(priced.discount).toEqual({ totalMinor: 25, maxLinePercent: '4.82', limitPercent: '5', needsApproval: false, approvalId: null });
  });

  it('refuses a malformed discount and one larger than the line', async () => {
    counter = await setUpCounter();
    const price = (discount: { percent: string } | { amount: string }) =>
      counter!.cashier.invoke('sales.priceCart', { lines: [line(counter!, 'pads', 1, { discount })] });
    expect(await price({ percent: '101' })).toMatchObject({ ok: false, error: { code: 'sales.invalidDiscount' } });
    expect(await price({ percent: 'ten' })).toMatchObject({ ok: false, error: { code: 'sales.invalidDiscount' } });
    expect(await price({ amount: '5.00' })).toMatchObject({ ok: false, error: { code: 'money.invalidDiscount' } });
    expect(await price({ amount: '0.001' })).toMatchObject({ ok: false, error: { code: 'money.tooManyDecimals' } });
  });

  it('says where the tenders stand while they are being taken', async () => {
    counter = await setUpCounter();
    const price = (tenders: { kind: 'cash' | 'card'; amount: string; reference?: string }[]) =>
      counter!.cashier.invoke('sales.priceCart', { lines: [line(counter!, 'nicotine')], tenders });
    expect(expectOk(await price([{ kind: 'card', amount: '10.00', reference: 'A' }])).payment).toMatchObject({ status: 'short', remainingMinor: 899 });
    expect(expectOk(await price([{ kind: 'cash', amount: '20.00' }])).payment).toMatchObject({ status: 'settled', changeMinor: 101 });
    expect(expectOk(await counter.cashier.invoke('sales.priceCart', { lines: [] })).totals.grossMinor).toBe(0);
  });
});

describe('OTC quantity limits', () => {
  it('allows two packs of paracetamol and refuses a third, counting every product that contains it', async () => {
    counter = await setUpCounter();
    const price = (lines: ReturnType<typeof line>[]) => counter!.cashier.invoke('sales.priceCart', { lines });
    expectOk(await price([line(counter, 'paracetamol', 2)]));
    expect(await price([line(counter, 'paracetamol', 3)])).toMatchObject({
      ok: false,
      error: { code: 'sales.quantityLimit', details: { group: 'paracetamol', maxPacks: 2, requestedPacks: 3 } },
    });
    expect(await price([line(counter, 'paracetamol', 1), line(counter, 'cocodamol', 2)])).toMatchObject({
      ok: false,
      error: { code: 'sales.quantityLimit', details: { group: 'paracetamol' } },
    });
    expect(await price([line(counter, 'aspirin', 3)])).toMatchObject({ ok: false, error: { code: 'sales.quantityLimit', details: { group: 'aspirin' } } });
  });

  it('counts loose units as their share of a pack, and salts by their base ingredient', async () => {
    counter = await setUpCounter();
    const price = (lines: ReturnType<typeof line>[]) => counter!.cashier.invoke('sales.priceCart', { lines });
    expectOk(await price([line(counter, 'paracetamol', 1), line(counter, 'paracetamol', 16, { unit: 'unit' })]));
    expect(await price([line(counter, 'paracetamol', 1), line(counter, 'paracetamol', 17, { unit: 'unit' })])).toMatchObject({
      ok: false,
      error: { code: 'sales.quantityLimit', details: { requestedPacks: 2.06 } },
    });
    expect(await price([line(counter, 'sudafed', 2)])).toMatchObject({
      ok: false,
      error: { code: 'sales.quantityLimit', details: { group: 'pseudoephedrine-ephedrine', maxPacks: 1 } },
    });
  });

  it('keeps the limits as data an administrator can change', async () => {
    counter = await setUpCounter();
    const limits = expectOk(await counter.cashier.invoke('sales.listQuantityLimits', {}));
    expect(limits.find((l) => l.ingredient === 'paracetamol')).toMatchObject({ group: 'paracetamol', maxPacks: 2 });
    expectOk(await counter.admin.invoke('sales.setQuantityLimit', { ingredient: 'Ibuprofen', maxPacks: 1 }));
    expect(await counter.cashier.invoke('sales.priceCart', { lines: [line(counter, 'ibuprofen', 2)] })).toMatchObject({
      ok: false,
      error: { code: 'sales.quantityLimit', details: { group: 'ibuprofen' } },
    });
    expectOk(await counter.admin.invoke('sales.setQuantityLimit', { ingredient: 'ibuprofen', maxPacks: null }));
    expectOk(await counter.cashier.invoke('sales.priceCart', { lines: [line(counter, 'ibuprofen', 2)] }));
    expect(await counter.cashier.invoke('sales.setQuantityLimit', { ingredient: 'ibuprofen', maxPacks: 3 })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
  });
});

describe('discount limits and approval', () => {
  const bigDiscount = (c: Counter) => ({ lines: [line(c, 'nicotine', 1, { discount: { percent: '20' } })] });

  it("needs an approval beyond the cashier's limit, which a manager gives by override for this cart only", async () => {
    counter = await setUpCounter();
    const c = counter;
    await addStaff(c, 'manager', 'morgan', '8642');
    const priced = expectOk(await c.cashier.invoke('sales.priceCart', bigDiscount(c)));
    // 20% of 18.99 is 3.798, rounded to 3.80: 20.01% of the line.
    expect(priced.discount).toMatchObject({ maxLinePercent: '20.01', limitPercent: '5', needsApproval: true });
    const sell = (approvalId?: string, cart = bigDiscount(c)) =>
      c.cashier.invoke('sales.completeSale', {
        ...cart,
        ...(approvalId ? { discountApprovalId: approvalId } : {}),
        idempotencyKey: payKey(),
        tenders: [{ kind: 'cash', amount: '20.00' }],
      });
    expect(await sell()).toMatchObject({ ok: false, error: { code: 'sales.discountNeedsApproval', details: { percent: '20.01', limitPercent: '5' } } });
    expect(await c.cashier.invoke('sales.authorizeDiscount', { ...bigDiscount(c), reason: 'damaged box' })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden', details: { overridable: true } },
    });
    const approval = expectOk(
      await c.cashier.invoke('sales.authorizeDiscount', { ...bigDiscount(c), reason: 'damaged box' }, { override: { username: 'morgan', secret: '8642', reason: 'damaged box' } }),
    );
    expect(approval).toMatchObject({ percent: '20.01', discountMinor: 380 });
    const otherCart = { lines: [line(c, 'nicotine', 1, { discount: { percent: '25' } })] };
    expect(await sell(approval.approvalId, otherCart)).toMatchObject({ ok: false, error: { code: 'sales.approvalInvalid', details: { reason: 'cartChanged' } } });
    const sale = expectOk(await sell(approval.approvalId));
    expect(sale.discountApproval).toMatchObject({ id: approval.approvalId, percent: '20.01' });
    expect(sale.totals.lineDiscountMinor).toBe(380);
    expect(await sell(approval.approvalId)).toMatchObject({ ok: false, error: { code: 'sales.approvalInvalid', details: { reason: 'used' } } });
    const audit = c.core.db.prepare("SELECT approved_by_id FROM audit_log WHERE action = 'sales.authorizeDiscount'").get() as { approved_by_id: string };
    expect(audit.approved_by_id).not.toBeNull();
  });

  it('lets an approval lapse, and refuses one beyond the approver’s own limit', async () => {
    counter = await setUpCounter();
    const c = counter;
    const pharmacist = await addStaff(c, 'pharmacist', 'pat', '2222');
    const tenPercent = { lines: [line(c, 'nicotine', 1, { discount: { percent: '10' } })] };
    const approval = expectOk(await pharmacist.invoke('sales.authorizeDiscount', { ...tenPercent, reason: 'loyal customer' }));
    c.core.clock.advance(16 * 60_000);
    expectOk(await pharmacist.invoke('auth.unlock', { secret: 'pat-password-1' }));
    expectOk(await c.cashier.invoke('auth.unlock', { secret: 'cashier-pass-1' }));
    expect(await c.cashier.invoke('sales.priceCart', { ...tenPercent, discountApprovalId: approval.approvalId })).toMatchObject({
      ok: false,
      error: { code: 'sales.approvalInvalid', details: { reason: 'expired' } },
    });
    expect(
      await pharmacist.invoke('sales.authorizeDiscount', { lines: [line(c, 'nicotine', 1, { discount: { percent: '50' } })], reason: 'too generous' }),
    ).toMatchObject({ ok: false, error: { code: 'sales.discountLimit', details: { limitPercent: '15' } } });
  });

  it('keeps discount limits per role as policy data', async () => {
    counter = await setUpCounter();
    expectOk(await counter.admin.invoke('sales.updatePolicy', { discountLimitPercent: { cashier: '25' } }));
    expect(expectOk(await counter.cashier.invoke('sales.getPolicy', {})).discountLimitPercent).toEqual({ cashier: '25', pharmacist: '15', manager: '100', admin: '100' });
    expect(expectOk(await counter.cashier.invoke('sales.priceCart', bigDiscount(counter))).discount.needsApproval).toBe(false);
    expect(await counter.admin.invoke('sales.updatePolicy', { discountLimitPercent: { cashier: '250' } })).toMatchObject({ ok: false, error: { code: 'sales.invalidDiscount' } });
  });
});

describe('tax rules as data', () => {
  it('starts from the example rule set of the base currency, and refuses to guess for others', async () => {
    for (const [currency, id] of [
      ['EUR', 'de-ust-2021'],
      ['CHF', 'ch-mwst-2024'],
      ['USD', 'us-xx-sales-tax'],
      ['CAD', 'ca-qc-2012'],
      ['SEK', null],
    ] as const) {
      extra = createTestCore();
      const admin = extra.connect();
      expectOk(await admin.invoke('setup.initialize', { pharmacy: { ...PHARMACY, baseCurrency: currency }, admin: ADMIN }));
      const r = await admin.invoke('sales.getTaxRules', {});
      if (id === null) expect(r).toMatchObject({ ok: false, error: { code: 'sales.taxRulesMissing' } });
      else expect(expectOk(r)).toMatchObject({ source: 'default', stored: false, rules: { id, currency } });
      extra.dispose();
      extra = undefined;
    }
  });

  it('lets a manager replace the rule set, validated, and prices with it from then on', async () => {
    counter = await setUpCounter();
    const c = counter;
    const manager = await addStaff(c, 'manager', 'morgan', '8642');
    const old = { ...ukLikeVatRules, id: 'gb-vat-2010', categories: { ...ukLikeVatRules.categories, standard: { treatment: 'standard' as const, components: [{ code: 'VAT', name: 'VAT', ratePercent: '17.5' }] } } };
    expect(await c.cashier.invoke('sales.setTaxRules', { rules: old })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const compoundFirst = { ...old, categories: { ...old.categories, standard: { treatment: 'standard' as const, components: [{ code: 'VAT', name: 'VAT', ratePercent: '20', compound: true }] } } };
    expect(await manager.invoke('sales.setTaxRules', { rules: compoundFirst })).toMatchObject({ ok: false, error: { code: 'money.invalidRuleSet' } });
    const withoutReduced = Object.fromEntries(Object.entries(old.categories).filter(([key]) => key !== 'reduced'));
    expect(await manager.invoke('sales.setTaxRules', { rules: { ...old, categories: withoutReduced } })).toMatchObject({
      ok: false,
      error: { code: 'sales.taxCategoryMissing', details: { missing: ['reduced'] } },
    });
    expect(await manager.invoke('sales.setTaxRules', { rules: { ...old, currency: 'EUR' } })).toMatchObject({ ok: false, error: { code: 'money.currencyMismatch' } });
    expect(expectOk(await manager.invoke('sales.setTaxRules', { rules: old }))).toMatchObject({ source: 'manager', stored: true, rules: { id: 'gb-vat-2010' } });
    // 4.70 incl. 17.5% VAT: 0.70 VAT.
    const priced = expectOk(await c.cashier.invoke('sales.priceCart', { lines: [line(c, 'sudafed')] }));
    expect(priced).toMatchObject({ taxRuleSetId: 'gb-vat-2010', totals: { grossMinor: 475, taxMinor: 71 } });
  });
});
