import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '@mortar/main/testing';

const BIN = fileURLToPath(new URL('../bin/mortar.js', import.meta.url));
const sample = (name: string): string => fileURLToPath(new URL(`../../../models/rx-images/samples/${name}`, import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function mortar(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.MORTAR_DATA_DIR;
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...base, ...env }, input: '', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Summary = {
  patient: { name: string; birthDate: string };
  prescriber: { name: string; npi: string; dea: string };
  writtenDate: string;
  items: { medication: { ingredient: string; strength: string; form: string; productId: string | null }; quantity: number; refills: number; sig: string; dosage: { timing?: { repeat?: { period?: number } } }; confidence: number }[];
  warnings: unknown[];
};

describe('mortar rx read', () => {
  it('prints the documented shape for a sample image, with productId null when no terminal is named', () => {
    const r = mortar(['rx', 'read', sample('rx-002.png'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Summary;
    expect(Object.keys(out)).toEqual(['patient', 'prescriber', 'writtenDate', 'items', 'warnings']);
    expect(out.patient).toEqual({ name: 'Robert King', birthDate: '1964-06-14' });
    expect(out.prescriber).toEqual({ name: 'Margaret Patel', npi: '2331193161', dea: 'FP3069588' });
    expect(out.writtenDate).toBe('2026-11-04');
    expect(out.items.map((i) => Object.keys(i))).toEqual([
      ['medication', 'quantity', 'refills', 'sig', 'dosage', 'confidence'],
      ['medication', 'quantity', 'refills', 'sig', 'dosage', 'confidence'],
    ]);
    expect(out.items[0]?.medication).toEqual({ ingredient: 'Atomoxetine', strength: '40 mg', form: 'capsule', productId: null });
    expect(out.items[0]).toMatchObject({ quantity: 90, refills: 5 });
    expect(out.items[0]?.dosage.timing?.repeat?.period).toBe(12);
    expect(out.items[0]?.confidence).toBeGreaterThan(0);
  }, 120_000);

  it("matches products against a terminal's catalog when its data directory is given", () => {
    const d = tempDir('mortar-cli-rx-');
    dirs.push(d);
    const setup = mortar(
      ['--data-dir', d, 'setup', '--pharmacy-name', 'Hill Pharmacy', '--address', '2 Hill Road, Town', '--tax-id', 'GB2', '--currency', 'gbp', '--admin-username', 'admin', '--admin-name', 'Ada Admin', '--json'],
      { MORTAR_ADMIN_PASSWORD: 'admin-password-1' },
    );
    expect(setup.code, setup.stderr).toBe(0);
    const demo = mortar(['--data-dir', d, 'demo', '--user', 'admin', '--json'], { MORTAR_PASSWORD: 'admin-password-1' });
    expect(demo.code, demo.stderr).toBe(0);
    const r = mortar(['--data-dir', d, 'rx', 'read', sample('rx-002.png'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Summary;
    expect(out.items[0]?.medication.productId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  }, 180_000);

  it('answers a file that is not an image with a coded error and exit code 1', () => {
    const r = mortar(['rx', 'read', fileURLToPath(new URL('../package.json', import.meta.url)), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'intake.notAnImage' } });
  }, 60_000);
});
