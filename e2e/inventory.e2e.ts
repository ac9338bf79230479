// A branch manager's inventory day: a supplier with EDI ids, an order drafted, approved and sent; its delivery
// received by scanning GS1 DataMatrix packs with a keyboard wedge (two batches, one expiring within 30 days);
// the stock card shows the receipt; the short-dated batch is in the 30-day expiry view; a recall of it makes it
// unsellable at the till; a cycle count; and orders suggested from the sales history, one approved and
// exported as an X12 850.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, screenshotter, serveMortar, type Served, fillFirstRunSetup } from './harness.js';
import { demoPacks, GS, gs1ElementString, wedgeScan } from './checkout-scans.js';
import { seedSalesHistory } from './inventory-history.js';

let served: Served;
let browser: Browser;
let page: Page;
let shot: (step: string) => Promise<void>;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS, { withFileTypes: true })) {
    if (f.isFile() && f.name.startsWith('inventory-')) rmSync(join(ARTIFACTS, f.name));
  }
  served = await serveMortar();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 960 }, locale: 'en-GB', acceptDownloads: true });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  shot = screenshotter(page, 'inventory');
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const byTest = (id: string) => page.getByTestId(id);
const text = async (id: string) => ((await byTest(id).textContent()) ?? '').replace(/\s+/g, ' ').trim();
const POLL = { timeout: 20_000, interval: 200 };
const texts = async (id: string) => (await byTest(id).allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());

/** A calendar day `days` from today where the test runs, as YYYY-MM-DD. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A pack's DataMatrix as a scanner sends it: GTIN, serial, batch (each variable field ended by GS), expiry. */
function packScan(gtin: string, serial: string, batch: string, expiry: string): string {
  const [y, m, d] = expiry.split('-');
  return `]d201${gtin}21${serial}${GS}10${batch}${GS}17${(y ?? '').slice(2)}${m ?? ''}${d ?? ''}`;
}

const gel = demoPacks.gel;
const SHORT = { batch: 'E2E30A', expiry: dayFromToday(20), packs: 4 };
const LONG = { batch: 'E2E90B', expiry: dayFromToday(400), packs: 2 };
const SUPPLIER = { name: 'North Wholesale', qualifier: 'ZZ', id: 'NORTHWHOLE1' };
let orderNumber = '';

/** On-hand per `<batch>-<location>` of a product, as its stock card lists its lots. */
async function stockByLot(name: string): Promise<Map<string, number>> {
  await openInventoryTab('stock');
  await byTest('stock-search').fill(name);
  await byTest('stock-result').first().waitFor();
  await byTest('stock-search').press('Enter');
  await expect.poll(() => text('stock-card'), POLL).toContain(`Stock card: ${name}`);
  await byTest('stock-card-lot').first().waitFor();
  const rows = byTest('stock-card-lot');
  const found = new Map<string, number>();
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    found.set(`${await row.getAttribute('data-batch')}-${await row.getAttribute('data-location')}`, Number(await row.getAttribute('data-on-hand')));
  }
  return found;
}

async function openInventoryTab(id: string): Promise<void> {
  await page.keyboard.press('F3');
  await byTest(`inventory-tab-${id}`).click();
  await byTest(`inventory-panel-${id}`).waitFor();
}

describe("a branch manager's inventory day", () => {
  it('sets up the pharmacy with the demo catalog and a manager, who logs in', async () => {
    await page.goto(served.url);
    await fillFirstRunSetup(page, {
      pharmacyName: 'Harbour Pharmacy',
      address: '4 Quay Lane, Portsmouth',
      taxId: 'GB987654321',
      terminalName: 'Back office',
      adminDisplayName: 'Ada Admin',
    });
    await byTest('setup-submit').click();
    await byTest('nav-inventory').waitFor({ timeout: 90_000 });
    await byTest('nav-settings').click();
    await byTest('users-add').click();
    await byTest('user-form-username').fill('morgan');
    await byTest('user-form-display-name').fill('Morgan Manager');
    await byTest('user-form-role').selectOption('manager');
    await byTest('user-form-password').fill('manager-pass-1');
    await byTest('user-form-pin').fill('8642');
    await byTest('user-form-submit').click();
    await expect.poll(async () => (await texts('user-row')).join('\n'), POLL).toContain('Morgan Manager');
    await byTest('topbar-logout').click();
    await byTest('login-username').fill('morgan');
    await byTest('login-password').fill('manager-pass-1');
    await byTest('login-submit').click();
    await byTest('topbar-user').waitFor();
    await page.keyboard.press('F3');
    await byTest('inventory').waitFor();
    // The section's tabs answer the keyboard: the tablist moves with the arrow keys.
    await byTest('inventory-tab-catalog').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => byTest('inventory-tab-stock').getAttribute('aria-selected'), POLL).toBe('true');
    await shot('inventory-tabs');
  });

  it('adds a supplier with its terms and EDI ids', async () => {
    await openInventoryTab('suppliers');
    await byTest('supplier-new').click();
    await byTest('supplier-name').fill(SUPPLIER.name);
    // Two weeks: the seeded sales history leaves less than that in stock, so the forecast orders.
    await byTest('supplier-leadTimeDays').fill('14');
    await byTest('supplier-ediQualifier').fill(SUPPLIER.qualifier);
    await byTest('supplier-ediId').fill(SUPPLIER.id);
    await byTest('supplier-save').click();
    await expect.poll(async () => (await texts('supplier-row')).join('\n'), POLL).toContain(`${SUPPLIER.qualifier}:${SUPPLIER.id}`);
    await shot('supplier-added');
  });

  it('drafts an order for the gel, approves it and marks it sent', async () => {
    await openInventoryTab('orders');
    await byTest('order-new').click();
    await byTest('order-supplier').selectOption({ index: 1 });
    await byTest('order-add-product').fill(gel.name);
    await byTest('order-add-product-hit').first().waitFor();
    await byTest('order-add-product').press('Enter');
    await byTest('order-edit-packs').fill(String(SHORT.packs + LONG.packs));
    await byTest('order-edit-cost').fill('4.10');
    await shot('order-draft');
    await byTest('order-save').click();
    await byTest('order-detail').waitFor();
    orderNumber = /PO-\d{6}/.exec(await text('order-detail'))?.[0] ?? '';
    expect(orderNumber).toMatch(/^PO-\d{6}$/);
    await byTest('order-approve').click();
    await expect.poll(() => text('order-status'), POLL).toBe('Approved');
    await byTest('order-send').click();
    await expect.poll(() => text('order-status'), POLL).toBe('Sent');
    await shot('order-sent');
  });

  it('receives the order by scanning each DataMatrix pack with a keyboard wedge, counted per batch', async () => {
    await openInventoryTab('receiving');
    await expect.poll(async () => (await byTest('receiving-order').locator('option').allTextContents()).join('\n'), POLL).toContain(orderNumber);
    await byTest('receiving-order').selectOption({ index: 1 });
    await byTest('receiving-order-lines').waitFor();
    await byTest('receiving-reference').fill('DN-E2E-1');
    await byTest('receiving-scan').click();
    for (let i = 1; i <= SHORT.packs; i++) await wedgeScan(page, packScan(gel.gtin, `S30-${i}`, SHORT.batch, SHORT.expiry));
    for (let i = 1; i <= LONG.packs; i++) await wedgeScan(page, packScan(gel.gtin, `S90-${i}`, LONG.batch, LONG.expiry));
    // The same pack scanned twice counts once.
    await wedgeScan(page, packScan(gel.gtin, 'S90-1', LONG.batch, LONG.expiry));
    await expect.poll(() => text('receiving-message'), POLL).toContain('scanned already');
    await expect.poll(async () => (await byTest('receiving-line').count()), POLL).toBe(2);
    expect(await byTest('receiving-count').nth(0).inputValue()).toBe(String(SHORT.packs));
    expect(await byTest('receiving-count').nth(1).inputValue()).toBe(String(LONG.packs));
    expect(await byTest('receiving-cost').nth(0).inputValue()).toBe('4.10');
    expect(await text('receiving-order-lines')).toContain('complete');
    await byTest('receiving-note').nth(1).fill('outer carton dented');
    await shot('receiving-scanned');
    await byTest('receiving-submit').click();
    await byTest('receiving-done').waitFor();
    expect(await text('receiving-done')).toContain('Received 2 lines into stock.');
    await shot('receiving-done');
  });

  it('shows the receipt on the stock card of the gel, by batch with its delivery note', async () => {
    await openInventoryTab('stock');
    await byTest('stock-search').fill(gel.name);
    await byTest('stock-result').first().waitFor();
    await byTest('stock-search').press('Enter');
    await expect.poll(() => text('stock-card'), POLL).toContain(`Stock card: ${gel.name}`);
    await expect.poll(async () => (await texts('stock-card-lot')).join('\n'), POLL).toContain(SHORT.batch);
    const movements = await texts('stock-card-movement');
    expect(movements.find((m) => m.includes(SHORT.batch))).toMatch(/Receipt.*Delivery DN-E2E-1/);
    await page.getByRole('button', { name: `Stock card of batch ${SHORT.batch}` }).click();
    await expect.poll(async () => (await texts('stock-card-movement')).length, POLL).toBe(1);
    await shot('stock-card-batch');
  });

  it('shows the short-dated batch in the 30-day expiry view, valued at cost', async () => {
    await openInventoryTab('expiry');
    await byTest('expiry-view-30').click();
    await byTest(`expiry-row-${SHORT.batch}`).waitFor();
    expect(await text(`expiry-row-${SHORT.batch}`)).toContain(gel.name);
    // Not yet in the expired view: it has three weeks left.
    await byTest('expiry-view-expired').click();
    await byTest(`expiry-row-${SHORT.batch}`).waitFor({ state: 'detached' });
    await byTest('expiry-view-30').click();
    await byTest(`expiry-row-${SHORT.batch}`).waitFor();
    await shot('expiry-30');
  });

  it('enters a recall of the short-dated batch, which goes into quarantine at once', async () => {
    await openInventoryTab('recalls');
    await byTest('recall-gtin').fill(gel.gtin);
    await byTest('recall-batches').fill(SHORT.batch);
    await byTest('recall-class').selectOption('II');
    await byTest('recall-reason').fill('Supplier recall: seal may be faulty');
    await byTest('recall-submit').click();
    await byTest('recall-done').waitFor();
    await shot('recall-entered');
    await openInventoryTab('quarantine');
    await byTest(`quarantine-row-${SHORT.batch}`).waitFor();
  });

  it('refuses the recalled batch at the till, while the other batch of the delivery sells', async () => {
    await page.keyboard.press('F1');
    await byTest('shift-open-float').waitFor();
    await byTest('shift-open-float').fill('50.00');
    await byTest('shift-open-float').press('Enter');
    await byTest('shift-bar').waitFor();
    await byTest('checkout-scan').click();
    await wedgeScan(page, gs1ElementString({ gtin: gel.gtin, batch: SHORT.batch, expiry: SHORT.expiry }));
    await byTest('checkout-refusal').waitFor();
    expect(await byTest('checkout-refusal').getAttribute('data-code')).toBe('stock.batchQuarantined');
    await shot('till-refuses-recalled');
    await page.keyboard.press('Escape');
    await byTest('checkout-refusal').waitFor({ state: 'detached' });
    await wedgeScan(page, gs1ElementString({ gtin: gel.gtin, batch: LONG.batch, expiry: LONG.expiry }));
    await expect.poll(async () => (await texts('cart-line-batch')).join('\n'), POLL).toContain(LONG.batch);
    await shot('till-sells-other-batch');
  });

  it('orders from the sales history: a suggested draft is approved and exported as an X12 850', async () => {
    const seeded = seedSalesHistory(served.dataDir, [demoPacks.paracetamol.ean13.padStart(14, '0'), '0' + demoPacks.softgels.ean13]);
    expect(seeded).toHaveLength(2);
    await openInventoryTab('suggested');
    await byTest('suggest-supplier').selectOption({ label: SUPPLIER.name });
    await byTest('suggest-run').click();
    await byTest('suggest-summary').waitFor({ timeout: 120_000 });
    await shot('suggested');
    await byTest('suggested-open').first().click();
    await byTest('order-detail').waitFor();
    expect(await text('order-lines')).toMatch(new RegExp(seeded.map((s) => s.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')));
    await byTest('order-approve').click();
    await expect.poll(() => text('order-status'), POLL).toBe('Approved');
    const download = page.waitForEvent('download');
    await byTest('order-export-850').click();
    const file = await download;
    const path = await file.path();
    const edi = readFileSync(path, 'utf8');
    expect(file.suggestedFilename()).toMatch(/850/);
    expect(edi).toMatch(/^ISA\*/);
    expect(edi).toContain('ST*850*');
    expect(edi).toContain(`${SUPPLIER.qualifier}*${SUPPLIER.id.padEnd(15, ' ')}`);
    await shot('suggested-850');
  });

  it('counts the gel blind, reviews the variance with a reason and approves the correction', async () => {
    const expected = await stockByLot(gel.name);
    await openInventoryTab('stocktake');
    await byTest('stocktake-scope').selectOption('partial');
    await byTest('stocktake-product-input').fill(gel.name);
    await page.locator('[data-testid^="stocktake-product-hit-"]', { hasText: gel.name }).first().click();
    await byTest('stocktake-start-submit').click();
    await byTest('stocktake-sheet').waitFor();
    // Blind: the sheet lists the batches, never what the ledger expects. One unit of the long batch is missing.
    const count = byTest(`stocktake-count-${LONG.batch}-shelf`);
    await count.waitFor();
    expect(await count.inputValue()).toBe('');
    const inputs = page.locator('[data-testid^="stocktake-count-"]');
    const n = await inputs.count();
    for (let i = 0; i < n; i++) {
      const input = inputs.nth(i);
      const lot = ((await input.getAttribute('data-testid')) ?? '').replace('stocktake-count-', '');
      const units = expected.get(lot) ?? 0;
      await input.fill(String(lot === `${LONG.batch}-shelf` ? units - 1 : units));
    }
    // Each figure was saved as its field was left; Save confirms that nothing is left unsaved.
    await byTest('stocktake-save').click();
    await expect.poll(() => text('stocktake-message'), POLL).toMatch(/Every count is saved; 0 lots still to count/);
    await byTest('stocktake-close').click();
    await byTest('stocktake-review').waitFor({ timeout: 60_000 });
    await byTest(`stocktake-reason-${LONG.batch}-shelf`).fill('Sold before the count was entered');
    await shot('stocktake-review');
    await byTest('stocktake-approve').click();
    await byTest('stocktake-message').waitFor();
    await shot('stocktake-approved');
    // The approval posted the variance as a stocktake correction: the stock card shows one unit fewer.
    const after = await stockByLot(gel.name);
    expect(after.get(`${LONG.batch}-shelf`)).toBe((expected.get(`${LONG.batch}-shelf`) ?? 0) - 1);
    expect((await texts('stock-card-movement'))[0]).toMatch(/Stocktake.*-1/);
  });

  it('starts a cycle count of the products counted least recently, listed blind', async () => {
    await openInventoryTab('stocktake');
    const leave = byTest('stocktake-leave');
    if (await leave.isVisible()) await leave.click();
    await byTest('stocktake-scope').selectOption('cycle');
    await byTest('stocktake-cycle-size').fill('3');
    await byTest('stocktake-start-submit').click();
    await byTest('stocktake-sheet').waitFor();
    const inputs = page.locator('[data-testid^="stocktake-count-"]');
    await expect.poll(() => inputs.count(), POLL).toBeGreaterThan(0);
    // The gel was counted a moment ago: a cycle count takes others first.
    expect(await text('stocktake-lines')).not.toContain(gel.name);
    for (let i = 0; i < (await inputs.count()); i++) expect(await inputs.nth(i).inputValue()).toBe('');
    await shot('cycle-count-sheet');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
