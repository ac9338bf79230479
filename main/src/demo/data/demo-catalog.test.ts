import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DemoCatalog } from './demo-catalog-types.js';
import { DEMO_REFERENCE_DAY } from './build/batches.js';
import { gs1CheckDigit, isRestrictedCirculation, ndcToGtin14 } from './build/gtin.js';

const catalogPath = fileURLToPath(new URL('./demo-catalog.json', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const committed = readFileSync(catalogPath);
const catalog = JSON.parse(committed.toString('utf8')) as DemoCatalog;
const products = catalog.products;

const isValidGtin14 = (gtin: string): boolean =>
  /^\d{14}$/.test(gtin) && gs1CheckDigit(gtin.slice(0, 13)) === Number(gtin[13]);

const isIsoDay = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
};

describe('demo catalog', () => {
  it('holds at least 2,000 products from all three sources in a file well under 5 MB', () => {
    expect(products.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(products.map((p) => p.source))).toEqual(new Set(['dmd', 'dailymed', 'openfda']));
    expect(committed.byteLength).toBeLessThan(5 * 1024 * 1024);
  });

  it('gives every product a unique sku and every barcode to one product only', () => {
    expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
    const gtins = products.flatMap((p) => p.gtins);
    expect(new Set(gtins).size).toBe(gtins.length);
  });

  it('carries only 14-digit GTINs with valid check digits, at least one per product', () => {
    for (const p of products) {
      expect(p.gtins.length, p.sku).toBeGreaterThan(0);
      for (const g of p.gtins) expect(isValidGtin14(g), `${p.sku} ${g}`).toBe(true);
    }
  });

  it('keeps made-up GTINs in the restricted-circulation range and real ones out of it', () => {
    for (const p of products) {
      const synthetic = p.source === 'dmd';
      for (const g of p.gtins) expect(isRestrictedCirculation(g), `${p.sku} ${g}`).toBe(synthetic);
    }
  });

  it('derives each DailyMed GTIN from its own NDC package code', () => {
    const dailyMed = products.filter((p) => p.source === 'dailymed');
    expect(dailyMed.length).toBeGreaterThan(300);
    for (const p of dailyMed) {
      expect(p.ndc, p.sku).not.toBeNull();
      expect(p.gtins).toEqual([ndcToGtin14(p.ndc ?? '')]);
      const gtin = p.gtins[0] ?? '';
      expect(gtin.slice(0, 3)).toBe('003');
      expect(gtin.slice(3, 13)).toBe((p.ndc ?? '').replace(/-/g, ''));
    }
    expect(products.filter((p) => p.source !== 'dailymed').every((p) => p.ndc === null)).toBe(true);
  });

  it('prices every product in whole cents with a cost below the price', () => {
    for (const p of products) {
      expect(Number.isInteger(p.priceMinor) && Number.isInteger(p.costMinor), p.sku).toBe(true);
      expect(p.costMinor, p.sku).toBeGreaterThan(0);
      expect(p.costMinor, p.sku).toBeLessThan(p.priceMinor);
    }
  });

  it('stocks every product in 1–5 batches with real dates, positive quantities and distinct codes', () => {
    for (const p of products) {
      expect(p.batches.length, p.sku).toBeGreaterThanOrEqual(1);
      expect(p.batches.length, p.sku).toBeLessThanOrEqual(5);
      expect(new Set(p.batches.map((b) => b.batch)).size, p.sku).toBe(p.batches.length);
      for (const b of p.batches) {
        expect(isIsoDay(b.expiry), `${p.sku} ${b.expiry}`).toBe(true);
        expect(Number.isInteger(b.quantity) && b.quantity > 0, p.sku).toBe(true);
        expect(b.batch).toMatch(/^[A-Z]\d{2}[A-M]\d{3}$/);
      }
    }
  });

  it('spreads expiries so that expired and soon-expiring stock exists beside long-dated stock', () => {
    const days = products.flatMap((p) =>
      p.batches.map((b) => (Date.parse(b.expiry) - Date.parse(DEMO_REFERENCE_DAY)) / 86_400_000),
    );
    const share = (test: (d: number) => boolean): number => days.filter(test).length / days.length;
    expect(share((d) => d < 0)).toBeGreaterThan(0.002);
    expect(share((d) => d < 0)).toBeLessThan(0.03);
    expect(days.filter((d) => d >= 0 && d <= 30).length).toBeGreaterThan(10);
    expect(days.filter((d) => d > 30 && d <= 90).length).toBeGreaterThan(10);
    expect(share((d) => d >= 182 && d <= 1096)).toBeGreaterThan(0.8);
  });

  it('puts schedules only on controlled drugs, every controlled drug in the controlled cabinet', () => {
    for (const p of products) {
      if (p.legalCategory === 'controlled') {
        expect(p.schedule, p.sku).not.toBeNull();
        expect(
          p.batches.every((b) => b.location === 'controlled-cabinet'),
          p.sku,
        ).toBe(true);
      } else {
        expect(p.schedule, p.sku).toBeNull();
        expect(
          p.batches.some((b) => b.location === 'controlled-cabinet'),
          p.sku,
        ).toBe(false);
      }
    }
  });

  it('taxes prescriptions at zero or exempt and counter sales at standard or reduced', () => {
    const codes = new Set(catalog.taxCategories.map((t) => t.code));
    for (const p of products) {
      expect(codes.has(p.taxCategory), p.sku).toBe(true);
      const dispensed = p.legalCategory === 'rx' || p.legalCategory === 'controlled';
      expect(dispensed ? ['zero', 'exempt'] : ['standard', 'reduced'], p.sku).toContain(p.taxCategory);
      if (p.legalCategory === 'otc') expect(p.taxCategory, p.sku).toBe('standard');
    }
  });

  it('describes every product with a name, a positive pack size and a unit', () => {
    for (const p of products) {
      expect(p.name.length, p.sku).toBeGreaterThan(2);
      expect(Number.isInteger(p.packSize) && p.packSize > 0, p.sku).toBe(true);
      expect(p.unit.length, p.sku).toBeGreaterThan(0);
      expect(p.form).toBe(p.form.toLowerCase());
    }
  });

  it('is exactly what the generator produces from the shared reference data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-catalog-'));
    try {
      const out = join(dir, 'demo-catalog.json');
      execFileSync(
        process.execPath,
        ['--import', 'tsx', join(repoRoot, 'scripts', 'build-demo-catalog.ts'), '--out', out, '--quiet'],
        { cwd: repoRoot, stdio: 'pipe' },
      );
      expect(readFileSync(out).equals(committed)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
