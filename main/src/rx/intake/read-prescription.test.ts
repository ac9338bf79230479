// The OCR tests: one reader (one worker, one tesseract engine) for the whole file, since each start costs
// about a second and each page one to two more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IntakeProgress } from './protocol.js';
import { createPrescriptionReader, type PrescriptionReader } from './read-prescription.js';

const samples = new URL('../../../../models/rx-images/samples/', import.meta.url);
const sample = (name: string): string => fileURLToPath(new URL(name, samples));

let reader: PrescriptionReader;
let dir: string;

beforeAll(() => {
  reader = createPrescriptionReader();
  dir = mkdtempSync(join(tmpdir(), 'rx-intake-test-'));
});

afterAll(async () => {
  await reader.close();
  rmSync(dir, { recursive: true, force: true });
});

function convert(name: string, ...args: string[]): string {
  const out = join(dir, name);
  execFileSync('/usr/bin/convert', [...args, out]);
  return out;
}

async function errorCode(path: string): Promise<string> {
  const r = await reader.read(path);
  return r.ok ? 'ok' : r.error.code;
}

describe('readPrescription on a generated US prescription', () => {
  it('reads every field, parses the directions and reports progress in order', async () => {
    const stages: IntakeProgress['stage'][] = [];
    const r = await reader.read(sample('rx-002.png'), { onProgress: (p) => stages.push(p.stage) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v.patient).toEqual({ name: 'Robert King', birthDate: '1964-06-14' });
    expect(v.prescriber).toEqual({ name: 'Margaret Patel', npi: '2331193161', dea: 'FP3069588' });
    expect(v.writtenDate).toBe('2026-11-04');
    expect(v.items.map((i) => [i.medication.ingredient, i.medication.strength, i.medication.form, i.quantity, i.refills])).toEqual([
      ['Atomoxetine', '40 mg', 'capsule', 90, 5],
      ['Nitrofurantoin', '25 mg/5 mL', 'oral suspension', 300, 0],
    ]);
    expect(v.items[0]?.medication.productId).toBe('DMD-407038000-40MG-CAP-28');
    expect(v.items[0]?.dosage?.timing?.repeat?.period).toBe(12);
    expect(v.items[1]?.dosage?.doseAndRate?.[0]).toMatchObject({ doseQuantity: { value: 10, unit: 'mL' } });
    expect(stages).toEqual(['checking', 'recognising', 'extracting', 'done']);
    // every field carries a box inside the page and a confidence in [0, 1]
    for (const [name, f] of Object.entries(v.fields)) {
      expect(f.box, name).not.toBeNull();
      expect(f.box?.x1).toBeLessThanOrEqual(v.page.width);
      expect(f.confidence).toBeGreaterThanOrEqual(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(v.fields)).toEqual(
      expect.arrayContaining(['patient.name', 'patient.birthDate', 'prescriber.npi', 'prescriber.dea', 'writtenDate', 'items.1.sig', 'items.1.refills']),
    );
  }, 60_000);
});

describe('readPrescription on bad input', () => {
  it('answers intake.notFound for a missing file', async () => {
    expect(await errorCode(join(dir, 'missing.png'))).toBe('intake.notFound');
  });

  it('answers intake.notAnImage for a text file and for an empty file', async () => {
    const text = join(dir, 'notes.png');
    writeFileSync(text, 'Take 1 tablet twice a day\n');
    expect(await errorCode(text)).toBe('intake.notAnImage');
    const empty = join(dir, 'empty.jpg');
    writeFileSync(empty, '');
    expect(await errorCode(empty)).toBe('intake.notAnImage');
  });

  it('answers intake.corruptImage for a truncated PNG', async () => {
    const cut = join(dir, 'cut.png');
    writeFileSync(cut, readFileSync(sample('rx-001.png')).subarray(0, 20_000));
    expect(await errorCode(cut)).toBe('intake.corruptImage');
  });

  it('refuses a file over 50 MB on its size, before decoding it', async () => {
    const huge = join(dir, 'huge.png');
    writeFileSync(huge, readFileSync(sample('rx-001.png')).subarray(0, 64));
    truncateSync(huge, 50 * 1024 * 1024 + 1); // sparse: costs no disk, and no decoder could read it quickly
    const started = performance.now();
    const r = await reader.read(huge);
    expect(r.ok ? 'ok' : r.error.code).toBe('intake.tooLarge');
    expect(r.ok ? null : r.error.details).toMatchObject({ bytes: 50 * 1024 * 1024 + 1 });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses an image of more than 40 megapixels from its header', async () => {
    const wide = convert('wide.png', '-size', '8000x6000', 'xc:white');
    expect(await errorCode(wide)).toBe('intake.tooLarge');
  });

  it('answers intake.blankPage for a white page and for a noisy empty scan', async () => {
    expect(await errorCode(convert('white.png', '-size', '1200x1500', 'xc:white'))).toBe('intake.blankPage');
    const noisy = convert('noisy.png', '-size', '1200x1500', 'xc:gray90', '-seed', '3', '-attenuate', '0.5', '+noise', 'Gaussian', '-colorspace', 'Gray');
    expect(await errorCode(noisy)).toBe('intake.blankPage');
  }, 60_000);

  it('answers intake.notAPrescription for a page of other text', async () => {
    const letter = convert(
      'letter.png',
      '-size', '1200x900', 'xc:white', '-fill', 'black', '-font', '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf', '-pointsize', '30',
      '-annotate', '+60+100', 'Quarterly stock report for the north branch',
      '-annotate', '+60+160', 'Deliveries arrived on time in every week of the quarter',
      '-annotate', '+60+220', 'The cold chain log shows no excursions this season',
    );
    expect(await errorCode(letter)).toBe('intake.notAPrescription');
  }, 60_000);

  it('still reads a good page after the refusals (the worker survived them)', async () => {
    const r = await reader.read(sample('rx-011.png'));
    expect(r.ok ? r.value.prescriber.npi : r.error.code).toBe('2857993887');
  }, 60_000);
});
