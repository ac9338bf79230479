// The foundation journey: a new pharmacy sets up Mortar with the demo catalog, the administrator adds a
// cashier, the cashier logs in, finds a product by a misspelt name, locks the terminal and unlocks it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotter, serveMortar, type Served, fillFirstRunSetup } from './harness.js';

let served: Served;
let browser: Browser;
let page: Page;
let shot: (step: string) => Promise<void>;
const consoleErrors: string[] = [];

beforeAll(async () => {
  served = await serveMortar();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  shot = screenshotter(page, 'foundation');
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const byTest = (id: string) => page.getByTestId(id);

describe('a new pharmacy on Mortar', () => {
  it('sets up the pharmacy with the demo catalog', async () => {
    await page.goto(served.url);
    await fillFirstRunSetup(page, {
      pharmacyName: 'Riverside Pharmacy',
      address: '1 River Street, Springfield',
      taxId: 'GB123456789',
      terminalName: 'Counter 1',
      adminDisplayName: 'Avery Admin',
    });
    await shot('setup-filled');
    await byTest('setup-submit').click();
    await byTest('nav-inventory').waitFor({ timeout: 90_000 });
    await shot('setup-done');
  });

  it('lets the administrator add a cashier', async () => {
    await byTest('nav-settings').click();
    await byTest('users-add').click();
    await byTest('user-form-username').fill('casey');
    await byTest('user-form-display-name').fill('Casey Cashier');
    await byTest('user-form-role').selectOption('cashier');
    await byTest('user-form-password').fill('cashier-pass-1');
    await byTest('user-form-pin').fill('1357');
    await byTest('user-form-submit').click();
    await expect.poll(async () => (await byTest('user-row').allTextContents()).join('\n')).toContain('Casey Cashier');
    await shot('cashier-added');
    await byTest('topbar-logout').click();
    await byTest('login-username').waitFor();
  });

  it('refuses a wrong password with a clear message', async () => {
    await byTest('login-username').fill('casey');
    await byTest('login-password').fill('not-the-password');
    await byTest('login-submit').click();
    await byTest('login-error').waitFor();
    await shot('login-refused');
  });

  it('logs the cashier in and finds ibuprofen from a misspelt search', async () => {
    await byTest('login-password').fill('cashier-pass-1');
    await byTest('login-submit').click();
    await byTest('topbar-user').waitFor();
    expect(await byTest('topbar-user').textContent()).toContain('Casey Cashier');
    await byTest('nav-inventory').click();
    await byTest('catalog-search').fill('ibuprofn');
    await expect.poll(async () => (await byTest('catalog-result').allTextContents()).join('\n'), { timeout: 10_000 }).toMatch(/ibuprofen/i);
    await byTest('catalog-corrections').waitFor();
    await shot('search-misspelt');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await byTest('product-detail').waitFor();
    expect(await byTest('product-detail').textContent()).toMatch(/ibuprofen/i);
    await shot('product-detail');
  });

  it('locks with Ctrl+L and unlocks with the password', async () => {
    await page.keyboard.press('Control+l');
    await byTest('lock-screen').waitFor();
    await shot('locked');
    await byTest('lock-secret').fill('cashier-pass-1');
    await byTest('lock-submit').click();
    await byTest('lock-screen').waitFor({ state: 'detached' });
    await byTest('topbar-user').waitFor();
    await shot('unlocked');
  });

  it('raised no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
