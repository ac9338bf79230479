// A reading as rx.readImage answers it and a saved prescription, for the prescription screen's tests.
import type { Prescription, PrescriptionReadingOut } from '@mortar/main/contract';

export const PATIENT_ID = '01900000-0000-7000-8000-0000000000a1';
export const RX_ID = '01900000-0000-7000-8000-0000000000b1';
export const PRODUCT_ID = '01900000-0000-7000-8000-0000000000c1';

export function reading(overrides: Partial<PrescriptionReadingOut> = {}): PrescriptionReadingOut {
  return {
    patient: { name: 'James Johnson', birthDate: '2014-09-15' },
    prescriber: { name: 'Jessica Moore', npi: '1572175135', dea: 'AM2529280' },
    writtenDate: '2026-02-05',
    items: [
      {
        medication: { ingredient: 'Telmisartan', strength: '40 mg', form: 'tablet', productId: PRODUCT_ID },
        quantity: 14,
        refills: 5,
        sig: 'Take 1 tablet by mouth every 6 hours as needed for pain',
        dosage: { text: 'Take 1 tablet by mouth every 6 hours as needed for pain' },
        confidence: 0.9,
        written: 'Telmisartan 40 mg tablet',
        candidates: [],
      },
    ],
    warnings: [],
    fields: {
      'patient.name': { read: 'James Johnson', confidence: 0.95, box: { x0: 10, y0: 10, x1: 200, y1: 30 } },
      'prescriber.name': { read: 'Jessica Moore', confidence: 0.9, box: { x0: 10, y0: 40, x1: 200, y1: 60 } },
      writtenDate: { read: '02/05/2026', confidence: 0.9, box: null },
      'items.0.medication': { read: 'Telmisartan 40 mg tablet', confidence: 0.88, box: { x0: 10, y0: 100, x1: 300, y1: 120 } },
      'items.0.quantity': { read: '14', confidence: 0.42, box: { x0: 10, y0: 130, x1: 60, y1: 150 } },
      'items.0.sig': { read: 'Take 1 tablet by mouth every 6 hours as needed for pain', confidence: 0.8, box: { x0: 10, y0: 160, x1: 400, y1: 180 } },
    },
    page: { width: 800, height: 1000, ocrConfidence: 0.9, deskewRadians: 0, convention: 'us' },
    ...overrides,
  };
}

export function prescription(overrides: Partial<Prescription> = {}): Prescription {
  return {
    id: RX_ID,
    patientId: PATIENT_ID,
    status: 'draft',
    prescriber: { name: 'Jessica Moore', npi: '1572175135', dea: 'AM2529280', licence: null },
    writtenDate: '2026-02-05',
    items: [
      {
        lineNo: 1,
        productId: PRODUCT_ID,
        productName: 'Telmisartan 40 mg tablets',
        ingredient: 'Telmisartan',
        strength: '40 mg',
        form: 'tablet',
        quantity: 28,
        refills: 5,
        refillsLeft: 5,
        fills: 0,
        sig: 'Take 1 tablet by mouth every 6 hours as needed for pain',
        dosage: { text: 'x' },
        directions: 'Take 1 tablet by mouth every 6 hours if needed for pain.',
      },
    ],
    reading: null,
    corrections: [],
    createdAt: Date.UTC(2026, 10, 27, 9),
    createdBy: 'u1',
    signature: null,
    ...overrides,
  };
}
