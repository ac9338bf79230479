// Rule: a pharmacist's verification is an electronic signature bound to its record (21 CFR 11.50, 11.70):
// the signer, the time and the meaning are hashed together with the canonical content of the prescription
// and the findings acknowledged, so a changed record, a moved signature or an edited reason no longer matches.
import { createHash } from 'node:crypto';
import type { ItemRow, PrescriptionRow } from './rx-store.js';

/** JSON with object keys sorted at every level: one text for one content, whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What the pharmacist vouches for: who it is for, who wrote it, when, and each item as it will be dispensed. */
export function prescriptionContent(rx: PrescriptionRow, items: readonly ItemRow[]): unknown {
  return {
    id: rx.id,
    patientId: rx.patient_id,
    prescriber: { name: rx.prescriber_name, npi: rx.prescriber_npi, dea: rx.prescriber_dea, licence: rx.prescriber_licence },
    writtenDate: rx.written_date,
    items: items.map((i) => ({
      lineNo: i.line_no,
      productId: i.product_id,
      ingredient: i.ingredient,
      strength: i.strength,
      form: i.form,
      quantity: i.quantity,
      refills: i.refills,
      sig: i.sig,
    })),
  };
}

export function contentHash(rx: PrescriptionRow, items: readonly ItemRow[]): string {
  return sha256(canonicalJson(prescriptionContent(rx, items)));
}

export type SignatureInput = {
  contentHash: string;
  findings: readonly { id: string; severity: string }[];
  acknowledgements: readonly { alertId: string; severity: string; reason: string }[];
  signerId: string;
  signedAt: number;
  meaning: 'verified';
};

export function signatureOf(s: SignatureInput): string {
  return sha256(canonicalJson({ ...s, findings: [...s.findings], acknowledgements: [...s.acknowledgements] }));
}
