// A cashier's day at the counter: the pharmacy is set up with the demo catalog, a manager sets the dollar's
// rate, the cashier opens a shift with a float, scans packs with a keyboard-wedge scanner (a GS1 DataMatrix
// with batch and expiry, a plain EAN-13), is refused an expired pack and an unknown barcode with the reason,
// finds a product from a misspelt search, pays part in dollars and the rest in pounds, reads the receipt,
// takes one pack back by the receipt's code and closes the shift with a blind count.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, screenshotter, serveMortar, type Served, fillFirstRunSetup } from './harness.js';
import { startFakePrinter, waitForPrinted, type FakePrinter } from './checkout-printer.js';
import { demoPacks, gs1ElementString, wedgeScan } from './checkout-scans.js';

let served: Served;
let browser: Browser;
let page: Page;
let shot: (step: string) => Promise<void>;
let printer: FakePrinter;
const consoleErrors: string[] = [];

beforeAll(async () => {
  // This run's screenshots only: a stage renamed since the last run leaves no stale picture behind.
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS, { withFileTypes: true })) {
    if (f.isFile() && f.name.startsWith('checkout-')) rmSync(join(ARTIFACTS, f.name));
  }
  printer = await startFakePrinter();
  served = await serveMortar();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  shot = screenshotter(page, 'checkout');
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await printer?.stop();
});

const byTest = (id: string) => page.getByTestId(id);
const text = async (id: string) => ((await byTest(id).textContent()) ?? '').replace(/\s+/g, ' ').trim();
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const texts = async (id: string) => (await byTest(id).allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());

/** Pence as the screen writes pounds: 1249 → "£12.49". */
const gbp = (minor: number) => `£${(minor / 100).toFixed(2)}`;

const { gel, softgels, expiredCream, unknownEan, paracetamol } = demoPacks;
const FLOAT_MINOR = 10_000;
const USD_GIVEN = '10.00';
const USD_RATE = '0.80';
const USD_IN_GBP_MINOR = 800;
const CASH_GIVEN_MINOR = 2_000;
const CASH_OUT_MINOR = 5_000;

// Filled in as the day goes on, and checked against what later screens say.
let searchedPriceMinor = 0;
let totalMinor = 0;
let changeMinor = 0;
let secondTotalMinor = 0;

/** The float, the pounds taken in both sales, less the refund and the notes taken to the safe. */
const expectedCashMinor = () => FLOAT_MINOR + (totalMinor - USD_IN_GBP_MINOR) + secondTotalMinor - softgels.priceMinor - CASH_OUT_MINOR;
let receiptCode = '';

describe("a cashier's day at the counter", () => {
  it('sets up the pharmacy with the demo catalog and adds a cashier and a manager', async () => {
    await page.goto(served.url);
    await fillFirstRunSetup(page, {
      pharmacyName: 'Harbour Pharmacy',
      address: '4 Quay Lane, Portsmouth',
      taxId: 'GB987654321',
      terminalName: 'Till 1',
      adminDisplayName: 'Ada Admin',
    });
    await byTest('setup-submit').click();
    await byTest('nav-inventory').waitFor({ timeout: 90_000 });

    await byTest('nav-settings').click();
    for (const u of [
      { username: 'casey', name: 'Casey Cashier', role: 'cashier', password: 'cashier-pass-1', pin: '1357' },
      { username: 'morgan', name: 'Morgan Manager', role: 'manager', password: 'manager-pass-1', pin: '8642' },
    ]) {
      await byTest('users-add').click();
      await byTest('user-form-username').fill(u.username);
      await byTest('user-form-display-name').fill(u.name);
      await byTest('user-form-role').selectOption(u.role);
      await byTest('user-form-password').fill(u.password);
      await byTest('user-form-pin').fill(u.pin);
      await byTest('user-form-submit').click();
      await expect.poll(async () => (await texts('user-row')).join('\n')).toContain(u.name);
    }
    await shot('staff-added');

    // The counter's receipt printer, on the network.
    await byTest('settings-tab-terminal').click();
    await byTest('printer-add').click();
    await byTest('printer-name').fill('Counter printer');
    await byTest('printer-host').fill('127.0.0.1');
    await byTest('printer-port').fill(String(printer.port));
    await byTest('printer-save').click();
    await expect.poll(async () => (await texts('printer-row')).join('\n')).toContain('Counter printer');
    await shot('printer-added');
    await byTest('topbar-logout').click();
    await byTest('login-username').waitFor();
  });

  it('opens the cashier’s shift with a float', async () => {
    await byTest('login-username').fill('casey');
    await byTest('login-password').fill('cashier-pass-1');
    await byTest('login-submit').click();
    await byTest('topbar-user').waitFor();
    await page.keyboard.press('F1');
    await byTest('shift-open-float').waitFor();
    await page.keyboard.type('100.00');
    await shot('shift-float');
    await page.keyboard.press('Enter');
    await byTest('shift-bar').waitFor();
    expect(await text('shift-bar')).toContain('Casey Cashier');
    expect(await text('shift-bar')).toContain(gbp(FLOAT_MINOR));
    await byTest('cart-empty').waitFor();
  });

  it('takes US dollars at the rate a manager sets with their credential', async () => {
    await page.keyboard.press('Alt+e');
    await byTest('rates-panel').waitFor();
    await page.keyboard.type('USD');
    await byTest('rates-rate').fill(USD_RATE);
    await byTest('rates-rate').press('Enter');
    // A cashier may not set rates: the core asks for a manager, and the manager gives their PIN.
    await byTest('override-dialog').waitFor();
    await byTest('override-username').fill('morgan');
    await byTest('override-secret').fill('8642');
    await byTest('override-reason').fill('Rate from the bank this morning');
    await shot('rate-override');
    await byTest('override-submit').click();
    await byTest('rates-done').waitFor();
    // The table follows once the core has said the rate changed.
    await expect.poll(async () => (await texts('rates-row')).join('\n')).toMatch(new RegExp(`^USD ?${USD_RATE.replace('.', '\\.')}`));
    await shot('rate-set');
    await page.keyboard.press('Escape');
    await byTest('checkout-scan').waitFor();
  });

  it('sells the scanned batch of a GS1 DataMatrix sent by a keyboard wedge, with GS between the fields', async () => {
    const scan = gs1ElementString({ gtin: gel.gtin, batch: gel.batch, expiry: gel.expiry });
    expect(scan).toContain('\u001d');
    await wedgeScan(page, scan);
    await expect.poll(async () => (await texts('cart-line-name')).length).toBe(1);
    expect((await texts('cart-line-name'))[0]).toContain(gel.name);
    expect((await texts('cart-line-batch'))[0]).toContain(gel.batch);
    await expect.poll(() => text('cart-total')).toBe(gbp(gel.priceMinor));
    // The burst went to the cart, not into the box as a search.
    expect(await byTest('checkout-scan').inputValue()).toBe('');
    await shot('scanned-gs1');
  });

  it('sells a plain EAN-13 from the first batch to expire that is still in date', async () => {
    await wedgeScan(page, softgels.ean13);
    await expect.poll(async () => (await texts('cart-line-name')).length).toBe(2);
    expect((await texts('cart-line-name'))[1]).toContain(softgels.name);
    // The oldest batch on the shelf is past its date; the till skips it for the next one.
    expect((await texts('cart-line-batch'))[1]).toContain(softgels.fefoBatch);
    await expect.poll(() => text('cart-total')).toBe(gbp(gel.priceMinor + softgels.priceMinor));
    await shot('scanned-ean13');
  });

  it('refuses an expired pack with the reason, and leaves the cart as it was', async () => {
    await wedgeScan(page, gs1ElementString({ gtin: expiredCream.gtin, batch: expiredCream.batch, expiry: expiredCream.expiry }));
    await byTest('checkout-refusal').waitFor();
    expect(await byTest('checkout-refusal').getAttribute('data-code')).toBe('stock.batchExpired');
    expect(await text('checkout-refusal')).toMatch(/expired on/i);
    expect(await texts('cart-line-name')).toHaveLength(2);
    await shot('refused-expired');
    await page.keyboard.press('Escape');
    await byTest('checkout-refusal').waitFor({ state: 'detached' });
  });

  it('refuses a barcode the catalog does not know, and offers to look it up', async () => {
    await wedgeScan(page, unknownEan);
    await byTest('checkout-refusal').waitFor();
    expect(await byTest('checkout-refusal').getAttribute('data-code')).toBe('sales.unknownGtin');
    expect(await text('checkout-refusal')).toContain(unknownEan);
    await byTest('checkout-lookup-gtin').waitFor();
    expect(await texts('cart-line-name')).toHaveLength(2);
    await shot('refused-unknown');
    await page.keyboard.press('Escape');
    await byTest('checkout-refusal').waitFor({ state: 'detached' });
  });

  it('finds a product from a misspelt search typed by hand and adds it with the keyboard', async () => {
    // Typed at a person's pace: the wedge detector must not take it for a scan.
    await page.keyboard.type(demoPacks.searched.typed, { delay: 90 });
    await byTest('checkout-corrections').waitFor();
    const hits = await texts('checkout-pick');
    const index = hits.findIndex((h) => h.includes(demoPacks.searched.name));
    expect(index, hits.join('\n')).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await shot('search-misspelt');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await texts('cart-line-name')).length).toBe(3);
    expect((await texts('cart-line-name'))[2]).toContain(demoPacks.searched.name);
    searchedPriceMinor = demoPacks.searched.priceMinor;
    totalMinor = gel.priceMinor + softgels.priceMinor + searchedPriceMinor;
    await expect.poll(() => text('cart-total')).toBe(gbp(totalMinor));
    expect(await texts('cart-tax-row')).not.toHaveLength(0);
    await shot('cart-three-lines');
  });

  it('takes ten dollars and the rest in pounds, and says the change', async () => {
    await page.keyboard.press('F12');
    await byTest('pay-view').waitFor();
    await expect.poll(() => text('pay-due')).toBe(gbp(totalMinor));
    await page.keyboard.press('Alt+3');
    await byTest('tender-currency').waitFor();
    await page.keyboard.type(USD_GIVEN);
    await page.keyboard.press('Enter');
    await expect.poll(() => text('pay-remaining')).toBe(gbp(totalMinor - USD_IN_GBP_MINOR));
    expect((await texts('tender-row'))[0]).toContain(gbp(USD_IN_GBP_MINOR));
    await shot('paid-dollars');
    await page.keyboard.press('Alt+1');
    await page.keyboard.type((CASH_GIVEN_MINOR / 100).toFixed(2));
    await page.keyboard.press('Enter');
    changeMinor = USD_IN_GBP_MINOR + CASH_GIVEN_MINOR - totalMinor;
    await expect.poll(() => text('pay-change')).toBe(gbp(changeMinor));
    await shot('paid-settled');
    // The tenders cover the sale: the focus is on Complete, and Enter completes it.
    await page.keyboard.press('Enter');
    await byTest('receipt-view').waitFor();
  });

  it('shows the receipt with its number, batches, both tenders and the change', async () => {
    expect(await text('receipt-number')).toBe('Receipt 1');
    receiptCode = await text('receipt-code');
    expect(receiptCode).toMatch(/^MR1-[0-9A-F]{8}-1$/);
    expect(await text('receipt-total')).toBe(gbp(totalMinor));
    expect(await text('receipt-change')).toBe(gbp(changeMinor));
    expect(await text('receipt-change-callout')).toContain(gbp(changeMinor));
    const lines = await texts('receipt-line');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(gel.batch);
    expect(lines[1]).toContain(softgels.fefoBatch);
    const payments = await texts('receipt-payment');
    expect(payments).toHaveLength(2);
    expect(payments.join('\n')).toContain(USD_RATE);
    expect(payments.join('\n')).toContain(gbp(CASH_GIVEN_MINOR));
    expect(await text('receipt-preview')).toContain('Harbour Pharmacy');
    await shot('receipt');
    // The same receipt went to the printer: its bytes read back as the receipt, with its barcode and a cut.
    const printed = await waitForPrinted(printer, gel.batch);
    expect(printed.text).toContain('Harbour Pharmacy');
    expect(printed.text).toContain('GB987654321');
    expect(printed.text).toContain(softgels.fefoBatch);
    expect(printed.text).toContain('Casey Cashier');
    expect(printed.commands.some((c) => c.type === 'barcode' && 'data' in c && c.data.includes(receiptCode))).toBe(true);
    expect(printed.commands.some((c) => c.type === 'cut')).toBe(true);
    await page.keyboard.press('Enter');
    await byTest('cart-empty').waitFor();
  });

  it('serves the next customer: a scanner sending ~ for GS, two bursts back to back, and the limits of the till', async () => {
    // This terminal's scanner cannot send character 29; it is set to send ~ instead.
    await page.keyboard.press('F6');
    await byTest('settings-tab-appearance').click();
    await byTest('appearance-gs-substitute').selectOption('~');
    await page.keyboard.press('F1');
    await byTest('cart-empty').waitFor();
    // Back at the till, the focus is already where the next scan lands.
    await expect.poll(focused).toBe('checkout-scan');
    // The cashier had started a search when the customer handed over a pack: the scan goes to the cart, and what
    // was typed stays in the box.
    await page.keyboard.type('ibu', { delay: 90 });
    await wedgeScan(page, gs1ElementString({ gtin: gel.gtin, ...demoPacks.gelLater }, '~'));
    await expect.poll(async () => (await texts('cart-line-batch')).join('|')).toContain(demoPacks.gelLater.batch);
    expect(await byTest('checkout-scan').inputValue()).toBe('ibu');
    await shot('scan-during-search');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTest('checkout-scan').inputValue()).toBe('');

    // Two packs scanned one right after the other: neither scan may overwrite the other.
    await wedgeScan(page, paracetamol.ean13);
    await wedgeScan(page, paracetamol.ean13);
    await expect.poll(async () => (await texts('cart-line-quantity'))[1]).toBe('2');
    expect((await texts('cart-line-name'))[1]).toContain(paracetamol.name);
    await expect.poll(() => text('cart-total')).toBe(gbp(gel.priceMinor + 2 * paracetamol.priceMinor));

    // A third pack of paracetamol is over the limit for one sale: refused with the reason, the cart unchanged.
    await page.keyboard.press('+');
    await byTest('checkout-refusal').waitFor();
    expect(await byTest('checkout-refusal').getAttribute('data-code')).toBe('sales.quantityLimit');
    expect(await text('checkout-refusal')).toMatch(/paracetamol/i);
    expect((await texts('cart-line-quantity'))[1]).toBe('2');
    await shot('refused-quantity-limit');
    await page.keyboard.press('Escape');
    await byTest('checkout-refusal').waitFor({ state: 'detached' });

    // A prescription-only medicine is refused with that reason.
    await wedgeScan(page, demoPacks.amoxicillinEan13);
    await byTest('checkout-refusal').waitFor();
    expect(await byTest('checkout-refusal').getAttribute('data-code')).toBe('sales.prescriptionRequired');
    expect(await texts('cart-line-name')).toHaveLength(2);
    await shot('refused-prescription');
    await page.keyboard.press('Escape');
    await byTest('checkout-refusal').waitFor({ state: 'detached' });

    secondTotalMinor = gel.priceMinor + 2 * paracetamol.priceMinor;
    await page.keyboard.press('F12');
    await byTest('pay-view').waitFor();
    await expect.poll(() => text('pay-due')).toBe(gbp(secondTotalMinor));
    // One more pack scanned while paying lands in the amount field: it is a barcode, not money.
    await expect.poll(focused).toBe('tender-amount');
    await wedgeScan(page, paracetamol.ean13);
    await byTest('pay-error').waitFor();
    expect(await text('pay-error')).toMatch(/barcode, not an amount/);
    expect(await byTest('tender-row').count()).toBe(0);
    expect(await text('pay-remaining')).toBe(gbp(secondTotalMinor));
    expect(await byTest('tender-amount').inputValue()).toBe('');
    await shot('scan-while-paying');
    // Enter alone takes exactly what is owed in cash; the next Enter completes the sale.
    await expect.poll(focused).toBe('tender-amount');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('pay-change')).toBe(gbp(0));
    await expect.poll(focused).toBe('pay-complete');
    await page.keyboard.press('Enter');
    await byTest('receipt-view').waitFor();
    expect(await text('receipt-number')).toBe('Receipt 2');
    expect(await text('receipt-total')).toBe(gbp(secondTotalMinor));
    expect(await byTest('receipt-change-callout').count()).toBe(0);
    await shot('second-receipt');
    await page.keyboard.press('Enter');
    await byTest('cart-empty').waitFor();
  });

  it('takes one pack back by the receipt code and refunds it', async () => {
    await page.keyboard.press('Alt+r');
    await byTest('returns-receipt').waitFor();
    // The receipt's barcode, read by the same wedge scanner into the receipt field.
    await page.keyboard.type(receiptCode, { delay: 5 });
    await page.keyboard.press('Enter');
    await byTest('returns-sale').waitFor();
    expect(await texts('returns-line')).toHaveLength(3);
    await byTest('returns-line-quantity').nth(1).fill('1');
    await byTest('returns-reason').fill('Bought the wrong strength');
    await shot('return-chosen');
    await page.keyboard.press('F12');
    // A cashier may not refund alone: the manager gives their credential.
    await byTest('override-dialog').waitFor();
    await byTest('override-username').fill('morgan');
    await byTest('override-secret').fill('8642');
    await byTest('override-submit').click();
    await byTest('returns-summary').waitFor();
    expect(await text('returns-refund-total')).toContain(gbp(softgels.priceMinor));
    expect(await text('returns-summary')).toContain('Return 3 recorded');
    expect(await texts('returns-line')).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`${softgels.name}.*£3\\.99`))]));
    for (const box of await byTest('returns-line-quantity').all()) {
      expect(await box.inputValue()).toBe('');
      expect(await box.isDisabled()).toBe(true);
    }
    await shot('returned');
    await page.keyboard.press('Escape');
    await byTest('cart-empty').waitFor();
  });

  it('takes cash out of the drawer with a reason, and a manager reads the X report', async () => {
    await page.keyboard.press('Alt+m');
    await byTest('cash-amount').waitFor();
    await byTest('cash-direction-out').check();
    await byTest('cash-amount').fill((CASH_OUT_MINOR / 100).toFixed(2));
    await byTest('cash-reason').fill('Notes to the safe');
    await byTest('cash-reason').press('Enter');
    // A cashier may move cash alone; the reason goes with it into the report.
    await byTest('cash-done').waitFor();
    expect(await text('cash-done')).toContain(gbp(CASH_OUT_MINOR));
    await shot('cash-out');
    await page.keyboard.press('Escape');
    await byTest('checkout-scan').waitFor();

    // The X report shows what the drawer should hold, so it needs a manager.
    await page.keyboard.press('Alt+x');
    await byTest('override-dialog').waitFor();
    await byTest('override-username').fill('morgan');
    await byTest('override-secret').fill('8642');
    await byTest('override-reason').fill('Mid-shift check');
    await byTest('override-submit').click();
    await byTest('x-report').waitFor();
    expect(await text('report-sales-count')).toBe('2');
    expect(await text('report-expected-cash')).toBe(gbp(expectedCashMinor()));
    expect(await text('x-report')).toContain('Notes to the safe');
    await shot('x-report');
    await page.keyboard.press('Escape');
    await byTest('checkout-scan').waitFor();
  });

  it('closes the shift with a blind count and shows the Z report with the shortfall', async () => {
    await page.keyboard.press('Alt+z');
    await byTest('close-counted').waitFor();
    // The count is blind: nothing on the screen says what the drawer should hold.
    const expectedCash = expectedCashMinor();
    expect(await text('close-shift-panel')).not.toContain(gbp(expectedCash));
    const counted = expectedCash - 100;
    await page.keyboard.type((counted / 100).toFixed(2));
    await byTest('close-foreign-USD').fill(USD_GIVEN);
    await byTest('close-note').fill('One pound coin missing');
    await shot('blind-count');
    await byTest('close-submit').click();
    await byTest('z-report').waitFor();
    expect(await text('z-over-short')).toContain(`Short by ${gbp(100)}`);
    expect(await text('z-over-short')).toContain(gbp(expectedCash));
    expect(await text('report-sales-count')).toBe('2');
    expect(await text('report-expected-cash')).toBe(gbp(expectedCash));
    expect(await text('report-net-sales')).toBe(gbp(totalMinor + secondTotalMinor - softgels.priceMinor));
    await shot('z-report');
    await page.keyboard.press('Enter');
    await byTest('shift-open-float').waitFor();
  });

  it('raised no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
