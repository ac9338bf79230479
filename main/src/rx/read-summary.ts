// The headless answer of `mortar rx read`: the intake's reading cut down to the documented shape, with
// products matched against a terminal's catalog when one is given, else null (never the demo's ids).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { readPrescription, type IntakeError, type IntakeWarning } from './intake/index.js';
import { matchProduct } from './match-product.js';
import { withTerminalProducts } from './read-image.js';
import type { Dosage } from './sig/index.js';

export type RxReadSummary = {
  patient: { name: string | null; birthDate: string | null };
  prescriber: { name: string | null; npi: string | null; dea: string | null };
  writtenDate: string | null;
  items: {
    medication: { ingredient: string | null; strength: string | null; form: string | null; productId: string | null };
    quantity: number | null;
    refills: number | null;
    sig: string | null;
    dosage: Dosage | null;
    confidence: number;
  }[];
  warnings: IntakeWarning[];
};

export async function readRxSummary(imagePath: string, options: { catalogDb?: Database } = {}): Promise<{ ok: true; value: RxReadSummary } | { ok: false; error: IntakeError }> {
  const result = await readPrescription(imagePath);
  if (!result.ok) return result;
  const db = options.catalogDb;
  const reading = withTerminalProducts(result.value, (m) => (db === undefined ? null : matchProduct(db, m)));
  return {
    ok: true,
    value: {
      patient: reading.patient,
      prescriber: reading.prescriber,
      writtenDate: reading.writtenDate,
      items: reading.items.map((i) => ({
        medication: i.medication,
        quantity: i.quantity,
        refills: i.refills,
        sig: i.sig,
        dosage: i.dosage,
        confidence: i.confidence,
      })),
      warnings: reading.warnings,
    },
  };
}
