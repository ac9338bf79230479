// A pharmacist's prescription from paper to the till: the pharmacy is set up with the demo catalog; the
// pharmacist reads a printed prescription (a generated sample image), corrects a field, picks the patient,
// signs and dispenses it; a second prescription for the same patient interacts with the first medicine, the
// alert is answered with a reason, the prescription signed and dispensed; the cashier sells it from the till's
// list of ready prescriptions.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, REPO, screenshotter, serveMortar, type Served, fillFirstRunSetup } from './harness.js';

let served: Served;
let browser: Browser;
let page: Page;
let shot: (step: string) => Promise<void>;

const SAMPLES = join(REPO, 'models', 'rx-images', 'samples');
const PHARMACIST = { username: 'pat', name: 'Pat Pharmacist', password: 'pharmacist-pass-1', pin: '4321' };
const CASHIER = { username: 'casey', name: 'Casey Cashier', password: 'cashier-pass-1', pin: '1357' };
const PATIENT = 'Sample Patient';

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS, { withFileTypes: true })) {
    if (f.isFile() && f.name.startsWith('prescriptions-')) rmSync(join(ARTIFACTS, f.name));
  }
  served = await serveMortar();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 1000 }, locale: 'en-GB' });
  shot = screenshotter(page, 'prescriptions');
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const byTest = (id: string) => page.getByTestId(id);
const text = async (id: string) => ((await byTest(id).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

async function login(user: { username: string; password: string }) {
  await byTest('login-username').fill(user.username);
  await byTest('login-password').fill(user.password);
  await byTest('login-submit').click();
  await byTest('topbar-user').waitFor();
}

async function logout() {
  await byTest('topbar-logout').click();
  await byTest('login-username').waitFor();
}

/** Reads a sample page and waits for the review; OCR runs in the core's worker, seconds on a busy machine. */
async function readSample(name: string) {
  await page.keyboard.press('F2');
  await byTest('rx-file').setInputFiles(join(SAMPLES, name));
  await byTest('rx-reading').waitFor();
  await byTest('rx-review').waitFor({ timeout: 150_000 });
}

/** The patient: found by name once created, created the first time. */
async function choosePatient(create: boolean) {
  await byTest('rx-patient-search').fill(PATIENT);
  if (create) await byTest('rx-patient-create').click();
  else await byTest('rx-patient-pick').first().click();
  await byTest('rx-patient-chosen').waitFor();
}

async function signAndDispense() {
  // Any finding that needs a reason gets one (a child's dose, say); the journey's interaction has its own.
  await byTest('rx-checks').waitFor();
  for (const box of await byTest('rx-override-reason').all()) {
    if ((await box.inputValue()) === '') await box.fill('Checked with the prescriber; dose confirmed for this patient');
  }
  await byTest('rx-sign-secret').fill(PHARMACIST.pin);
  await byTest('rx-sign-submit').click();
  await page.locator('[data-testid="rx-signature"], [data-testid="rx-sign-error"]').first().waitFor();
  if (await byTest('rx-sign-error').count()) throw new Error(`signing refused: ${await text('rx-sign-error')}`);
  expect(await text('rx-signature')).toContain(`Verified by ${PHARMACIST.name}`);
  await byTest('rx-dispense-submit').click();
  await page.locator('[data-testid="rx-dispensed"], [data-testid="rx-dispense-error"]').first().waitFor({ timeout: 30_000 });
  if (await byTest('rx-dispense-error').count()) throw new Error(`dispense refused: ${await text('rx-dispense-error')}`);
}

describe("a pharmacist's prescription, from paper to the till", () => {
  it('sets up the pharmacy with the demo catalog and adds a pharmacist and a cashier', async () => {
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
    for (const u of [{ ...PHARMACIST, role: 'pharmacist' }, { ...CASHIER, role: 'cashier' }]) {
      await byTest('users-add').click();
      await byTest('user-form-username').fill(u.username);
      await byTest('user-form-display-name').fill(u.name);
      await byTest('user-form-role').selectOption(u.role);
      await byTest('user-form-password').fill(u.password);
      await byTest('user-form-pin').fill(u.pin);
      await byTest('user-form-submit').click();
      await expect.poll(async () => (await byTest('user-row').allTextContents()).join('\n')).toContain(u.name);
    }
    await logout();
  });

  it('reads a printed prescription, takes a corrected field, signs and dispenses it', async () => {
    await login(PHARMACIST);
    await readSample('rx-001.png');
    await shot('read');
    expect(await byTest('rx-box').count()).toBeGreaterThan(0);
    // The pharmacist corrects the quantity: the correction is kept beside what was read.
    const quantity = byTest('rx-input-items.0.quantity');
    await quantity.focus();
    expect(await page.locator('[data-testid="rx-box"][data-active="true"]').count()).toBeLessThanOrEqual(1);
    await quantity.fill('28');
    await byTest('rx-input-patient.name').fill(PATIENT);
    await choosePatient(true);
    await shot('corrected');
    await byTest('rx-save').click();
    await byTest('rx-saved').waitFor();
    expect(await text('rx-summary-item')).toContain('28');
    await signAndDispense();
    expect(await text('rx-label-text')).toMatch(/Telmisartan/i);
    await shot('first-dispensed');
    await byTest('rx-next').click();
  });

  it('sees the interaction with the medicine just dispensed, answers it with a reason, signs and dispenses', async () => {
    await readSample('rx-005.png');
    await byTest('rx-input-patient.name').fill(PATIENT);
    await choosePatient(false);
    await byTest('rx-save').click();
    await byTest('rx-saved').waitFor();
    const interaction = page.locator('[data-testid="rx-alert"]', { hasText: /Interaction/ }).first();
    await interaction.waitFor();
    expect(((await interaction.textContent()) ?? '').toLowerCase()).toContain('telmisartan');
    await interaction.locator('textarea').fill('Blood pressure and kidney function checked; short course agreed with the prescriber');
    await shot('interaction');
    await signAndDispense();
    await shot('second-dispensed');
    await logout();
  });

  it('the cashier sells the dispensed prescriptions from the till’s ready list', async () => {
    await login(CASHIER);
    await page.keyboard.press('F1');
    await byTest('shift-open-float').waitFor();
    await page.keyboard.type('100.00');
    await page.keyboard.press('Enter');
    await byTest('shift-bar').waitFor();
    await byTest('ready-rx-pick').first().waitFor();
    expect(await text('ready-prescriptions')).toContain(PATIENT);
    await byTest('ready-rx-pick').first().click();
    await byTest('cart-line-dispensed').first().waitFor();
    await shot('till-cart');
    await expect.poll(() => text('cart-total')).toMatch(/^£\d+\.\d\d$/);
    await page.keyboard.press('F12');
    await byTest('pay-view').waitFor();
    await page.keyboard.press('Alt+1');
    await page.keyboard.type('500.00');
    await page.keyboard.press('Enter');
    await byTest('pay-change').waitFor();
    await shot('till-pay');
    await page.keyboard.press('Enter');
    await byTest('receipt-view').waitFor();
    await shot('till-receipt');
  });
});
