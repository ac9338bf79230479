import { afterEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { EXP_LATER, EXP_PAST, EXP_SOON, receiveStock, setUpCounter, type Counter } from './sales-fixtures.js';

let counter: Counter | undefined;
afterEach(() => counter?.core.dispose());

const yymmdd = (iso: string) => iso.slice(2).replace(/-/g, '');
const gs1 = (gtin14: string, expiry: string, batch: string) => `(01)${gtin14}(17)${yymmdd(expiry)}(10)${batch}`;

async function scan(c: Counter, text: string, gsSubstitute?: string) {
  return c.cashier.invoke('sales.lookupScan', gsSubstitute === undefined ? { scan: text } : { scan: text, gsSubstitute });
}

describe('sales.lookupScan', () => {
  it('turns an EAN-13 into a cart line from the lot that expires first, skipping expired and quarantined stock', async () => {
    counter = await setUpCounter();
    const { core, products } = counter;
    const id = products.ibuprofen.id;
    receiveStock(core, id, 'OLD', EXP_PAST, 'shelf', 24);
    receiveStock(core, id, 'RET', '2026-12-15', 'quarantine', 24);
    const later = receiveStock(core, id, 'LATER', EXP_LATER, 'shelf', 48);
    const proposal = expectOk(await scan(counter, products.ibuprofen.gtins[0]!.slice(1)));
    expect(proposal.lotSource).toBe('fefo');
    expect(proposal.lot).toMatchObject({ lotId: counter.lots.ibuprofen, batch: 'B-IBUPROFEN', expiry: EXP_SOON, location: 'shelf' });
    expect(proposal.line).toEqual({ productId: id, lotId: counter.lots.ibuprofen, quantity: 1, unit: 'pack' });
    expect(proposal).toMatchObject({ unitPriceMinor: 249, packSize: 24, warnings: [] });
    expect(proposal.product).toMatchObject({ name: 'Ibuprofen 200 mg tablets', taxCategory: 'standard', legalCategory: 'pharmacy' });
    // Once the first lot is sold out, the next expiry is chosen.
    core.db.prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('m-out', ?, ?, 'adjustment', ?, 1)").run(
      counter.lots.ibuprofen,
      id,
      -480,
    );
    expect(expectOk(await scan(counter, products.ibuprofen.gtins[0]!)).lot.lotId).toBe(later);
  });

  it('prefers the shelf to the dispensary when two lots expire on the same day', async () => {
    counter = await setUpCounter();
    const { core, products } = counter;
    const id = products.pads.id;
    core.db.prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('m-out', ?, ?, 'adjustment', -200, 1)").run(counter.lots.pads, id);
    receiveStock(core, id, 'BACK', '2026-12-31', 'dispensary', 10);
    const shelf = receiveStock(core, id, 'FRONT', '2026-12-31', 'shelf', 10);
    expect(expectOk(await scan(counter, products.pads.gtins[0]!)).lot.lotId).toBe(shelf);
  });

  it('takes the batch and expiry printed on a GS1 DataMatrix, from a keyboard wedge too', async () => {
    counter = await setUpCounter();
    const { core, products } = counter;
    const later = receiveStock(core, products.aspirin.id, 'A77', EXP_LATER, 'shelf', 32);
    const proposal = expectOk(await scan(counter, gs1(products.aspirin.gtins[0]!, EXP_LATER, 'A77')));
    expect(proposal.lotSource).toBe('scanned');
    expect(proposal.lot).toMatchObject({ lotId: later, batch: 'A77', expiry: EXP_LATER, onHand: 32 });
    expect(proposal.scan).toEqual({ gtin: products.aspirin.gtins[0], batch: 'A77', expiry: EXP_LATER, serial: null });
    // A wedge that cannot type GS sends '|' after the variable-length batch.
    const wedge = `01${products.aspirin.gtins[0]}10A77|17${yymmdd(EXP_LATER)}`;
    expect(expectOk(await scan(counter, wedge, '|')).lot.lotId).toBe(later);
  });

  it('refuses an expired pack with stock.batchExpired', async () => {
    counter = await setUpCounter();
    const { core, products } = counter;
    receiveStock(core, products.aspirin.id, 'X1', EXP_PAST, 'shelf', 16);
    expect(await scan(counter, gs1(products.aspirin.gtins[0]!, EXP_PAST, 'X1'))).toMatchObject({
      ok: false,
      error: { code: 'stock.batchExpired', details: { expiry: EXP_PAST } },
    });
  });

  it('refuses a batch that is only in quarantine, and a batch this pharmacy does not hold', async () => {
    counter = await setUpCounter();
    const { core, products } = counter;
    receiveStock(core, products.aspirin.id, 'Q9', EXP_LATER, 'quarantine', 16);
    expect(await scan(counter, gs1(products.aspirin.gtins[0]!, EXP_LATER, 'Q9'))).toMatchObject({
      ok: false,
      error: { code: 'stock.batchQuarantined', details: { batch: 'Q9', location: 'quarantine' } },
    });
    expect(await scan(counter, gs1(products.aspirin.gtins[0]!, EXP_LATER, 'NOPE'))).toMatchObject({
      ok: false,
      error: { code: 'stock.batchNotFound', details: { batch: 'NOPE' } },
    });
  });

  it('names the unknown GTIN so the screen can offer to look it up or add it', async () => {
    counter = await setUpCounter();
    expect(await scan(counter, '4006381333931')).toMatchObject({ ok: false, error: { code: 'sales.unknownGtin', details: { gtin: '04006381333931' } } });
  });

  it('refuses prescription-only medicines at the till with sales.prescriptionRequired', async () => {
    counter = await setUpCounter();
    expect(await scan(counter, counter.products.amoxicillin.gtins[0]!)).toMatchObject({
      ok: false,
      error: { code: 'sales.prescriptionRequired', details: { legalCategory: 'rx' } },
    });
  });

  it("passes the GS1 parser's code through for a garbled barcode, and refuses a symbol that names no product", async () => {
    counter = await setUpCounter();
    expect(await scan(counter, '5010000000019')).toMatchObject({ ok: false, error: { code: 'gs1.badCheckDigit' } });
    expect(await scan(counter, 'garbage!!')).toMatchObject({ ok: false, error: { code: 'gs1.unrecognisedFormat' } });
    expect(await scan(counter, ']C0MR1-ABC-1')).toMatchObject({ ok: false, error: { code: 'sales.scanHasNoGtin', details: { text: 'MR1-ABC-1' } } });
  });

  it('says out of stock, unless the store sells past the ledger, which it then flags', async () => {
    counter = await setUpCounter();
    const { core, products, admin } = counter;
    core.db.prepare("INSERT INTO stock_movement (id, lot_id, product_id, kind, quantity, at) VALUES ('m-out', ?, ?, 'adjustment', -140, 1)").run(counter.lots.nicotine, products.nicotine.id);
    expect(await scan(counter, products.nicotine.gtins[0]!)).toMatchObject({ ok: false, error: { code: 'sales.outOfStock' } });
    expectOk(await admin.invoke('sales.updatePolicy', { allowNegativeStock: true }));
    const proposal = expectOk(await scan(counter, products.nicotine.gtins[0]!));
    expect(proposal).toMatchObject({ lot: { lotId: counter.lots.nicotine, onHand: 0 }, warnings: ['noStockOnRecord'] });
  });

  it('takes a product chosen by id (quick key, search pick) with no barcode at all, first expiry first out', async () => {
    counter = await setUpCounter();
    const { core, admin } = counter;
    const loose = expectOk(
      await admin.invoke('catalog.createProduct', {
        sku: 'COTTON-LOOSE',
        name: 'Cotton wool balls, loose',
        form: 'ball',
        packSize: 1,
        unit: 'ball',
        legalCategory: 'gsl',
        taxCategory: 'standard',
        priceMinor: 5,
        gtins: [],
      }),
    );
    receiveStock(core, loose.id, 'LATE', EXP_LATER, 'shelf', 100);
    const soon = receiveStock(core, loose.id, 'SOON', EXP_SOON, 'shelf', 100);
    const proposal = expectOk(await counter.cashier.invoke('sales.lookupScan', { productId: loose.id }));
    expect(proposal).toMatchObject({ lotSource: 'fefo', scan: null, line: { productId: loose.id, lotId: soon, quantity: 1 } });
    // The same rules as a scan: a prescription-only product stays refused, an unknown id is named as such.
    expect(await counter.cashier.invoke('sales.lookupScan', { productId: counter.products.amoxicillin.id })).toMatchObject({
      ok: false,
      error: { code: 'sales.prescriptionRequired' },
    });
    expect(await counter.cashier.invoke('sales.lookupScan', { productId: 'no-such-product' })).toMatchObject({
      ok: false,
      error: { code: 'sales.unknownProduct' },
    });
    // Exactly one of the two ways in.
    expect(await counter.cashier.invoke('sales.lookupScan', {})).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
    expect(
      await counter.cashier.invoke('sales.lookupScan', { productId: loose.id, scan: counter.products.pads.gtins[0]! }),
    ).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
  });

  it('needs a session that may sell', async () => {
    counter = await setUpCounter();
    expect(await counter.core.connect().invoke('sales.lookupScan', { scan: '5010000000019' })).toMatchObject({ ok: false, error: { code: 'auth.notLoggedIn' } });
  });
});
