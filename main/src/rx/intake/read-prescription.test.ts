// The OCR tests: one reader (one worker, one tesseract engine) for the whole file, since each start costs
// about a second and each page one to two more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { IntakeProgress } from './protocol.js';
import { createPrescriptionReader, type PrescriptionReader } from './read-prescription.js';

const samples = new URL('../../../../models/rx-images/samples/', import.meta.url);
const sample = (name: string): string => fileURLToPath(new URL(name, samples));

let reader: PrescriptionReader;

beforeAll(() => {
  reader = createPrescriptionReader();
});

afterAll(async () => {
  await reader.close();
});

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
