// The prescription events the tills of one branch share (DESIGN.md "Sync": a branch's patients and
// prescriptions never leave it, and any of its tills may dispense them). Pure: zod only.
// A verified prescription is final, so its signed content travels whole once, with the verification; drafts
// stay on the till where they are being read and reviewed.
import { z } from 'zod';
import { patientProfileSchema } from '../../patients/contract.js';

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const sharedPersonSchema = z.object({ id, displayName: text(120), role: z.enum(['cashier', 'pharmacist', 'manager', 'admin']) });
export type SharedPerson = z.infer<typeof sharedPersonSchema>;

export const sharedItemSchema = z.object({
  lineNo: z.number().int().min(1),
  /** The sender's product id; the receiver matches by id, head office's link, SKU, then GTIN. */
  productId: id.nullable(),
  sku: text(64).nullable(),
  gtin: z.string().regex(/^\d{8,14}$/).nullable(),
  ingredient: text(200),
  strength: text(100).nullable(),
  form: text(100).nullable(),
  quantity: z.number().int().positive(),
  refills: z.number().int().nonnegative(),
  sig: text(1000),
  /** The parsed FHIR Dosage as JSON text, as stored. */
  dosage: z.string().max(20_000).nullable(),
});

export const sharedPrescriptionSchema = z.object({
  id,
  patientId: id,
  prescriber: z.object({ name: text(200), npi: text(20).nullable(), dea: text(20).nullable(), licence: text(60).nullable() }),
  writtenDate: isoDate,
  createdAt: z.number().int(),
  createdBy: sharedPersonSchema,
  items: z.array(sharedItemSchema).min(1).max(50),
  signature: z.object({
    id,
    signer: sharedPersonSchema,
    signedAt: z.number().int(),
    secondFactor: z.enum(['password', 'pin']),
    contentHash: text(128),
    /** JSON text as stored: the findings and the answers to them, bound by the signature. */
    findings: z.string().max(100_000),
    acknowledgements: z.string().max(100_000),
    signature: text(512),
  }),
});
export type SharedPrescription = z.infer<typeof sharedPrescriptionSchema>;

/**
 * `rx.prescriptionVerified` v1. `prescription` and `patient` are absent from events written before the tills
 * of a branch shared prescriptions: such a prescription stays on the till where it was signed.
 */
export const prescriptionVerifiedSchema = z.object({
  prescriptionId: id,
  signerId: id,
  signedAt: z.number().int(),
  contentHash: z.string(),
  signature: z.string(),
  prescription: sharedPrescriptionSchema.optional(),
  patient: patientProfileSchema.optional(),
});

/** `rx.dispensed` v1. `at` and `actorName` are absent from events of older builds (the envelope's time stands in). */
export const dispensedSchema = z.object({
  dispenseId: id,
  prescriptionId: id,
  patientId: id,
  location: z.string(),
  at: z.number().int().optional(),
  actorName: text(120).optional(),
  actorId: id.nullable().optional(),
  lines: z
    .array(
      z.object({
        lineNo: z.number().int().min(1),
        fillNo: z.number().int().min(1),
        productId: id,
        batch: z.string().max(64),
        expiry: z.string().max(10),
        quantity: z.number().int().positive(),
        daysSupply: z.number().int().nullable(),
      }),
    )
    .min(1)
    .max(500),
});
export type Dispensed = z.infer<typeof dispensedSchema>;
