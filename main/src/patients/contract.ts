// The patients' operations: profiles, search, medication history and the access log. Pure: schemas only.
// Reads are role-aware (HIPAA minimum necessary): a cashier sees a name and whether a prescription is ready.
import { z } from 'zod';
import { operation } from '../api/contract.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const shortText = z.string().trim().max(200);

export const allergySchema = z.object({
  substance: z.string().trim().min(1).max(120),
  kind: z.enum(['allergy', 'intolerance']).default('allergy'),
  reaction: shortText.optional(),
});
export type Allergy = z.infer<typeof allergySchema>;

export const conditionSchema = z.object({ name: z.string().trim().min(1).max(120), note: shortText.optional() });
export type Condition = z.infer<typeof conditionSchema>;

/** A profile's fields as given, without defaults: a change names only what it changes. */
const patientFields = {
  name: z.string().trim().min(2).max(120),
  birthDate: isoDate.nullable(),
  phone: z.string().trim().max(40).nullable(),
  email: z.string().trim().max(120).nullable(),
  address: shortText.nullable(),
  allergies: z.array(allergySchema).max(50),
  conditions: z.array(conditionSchema).max(50),
  reminderConsent: z.boolean(),
};

export const newPatientSchema = z.object({
  name: patientFields.name,
  birthDate: patientFields.birthDate.default(null),
  phone: patientFields.phone.default(null),
  email: patientFields.email.default(null),
  address: patientFields.address.default(null),
  allergies: patientFields.allergies.default([]),
  conditions: patientFields.conditions.default([]),
  reminderConsent: patientFields.reminderConsent.default(false),
});

/**
 * A change to a profile: only the fields it names. (A partial of newPatientSchema would fill every field it
 * leaves out with its default, clearing it, and the cleared fields would then win at the branch's other tills.)
 */
export const patientChangeSchema = z.object(patientFields).partial();
export type NewPatient = z.input<typeof newPatientSchema>;

export const patientProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  allergies: z.array(allergySchema),
  conditions: z.array(conditionSchema),
  reminderConsent: z.boolean(),
  reminderConsentAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type PatientProfile = z.infer<typeof patientProfileSchema>;

/** What anyone at the counter may see: enough to hand over a prescription, nothing clinical. */
export const patientSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  prescriptionReady: z.boolean(),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

export const dispensedMedicineSchema = z.object({
  dispenseId: z.string(),
  prescriptionId: z.string(),
  at: z.number(),
  lineNo: z.number().int(),
  fillNo: z.number().int(),
  /** Null for a fill at another till of the branch of a product this till does not list. */
  productId: z.string().nullable(),
  productName: z.string(),
  ingredient: z.string(),
  strength: z.string().nullable(),
  quantity: z.number().int(),
  sig: z.string(),
  batch: z.string(),
  expiry: z.string(),
  daysSupply: z.number().int().nullable(),
  /** Still being taken: within its days' supply (or within 90 days when that is unknown). */
  active: z.boolean(),
});
export type DispensedMedicine = z.infer<typeof dispensedMedicineSchema>;

export const accessLogEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  actorId: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  op: z.string(),
  deviceId: z.string(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;

const patientIdInput = z.object({ patientId: z.string().min(1).max(64) });

export const patientsOperations = {
  'patients.createPatient': operation({
    input: newPatientSchema,
    output: patientProfileSchema,
    permission: 'patients.readClinical',
    writes: true,
    topics: ['patients'],
    summary: 'Create a patient profile',
  }),
  'patients.updatePatient': operation({
    input: patientIdInput.extend(patientChangeSchema.shape),
    output: patientProfileSchema,
    permission: 'patients.readClinical',
    writes: true,
    topics: ['patients'],
    summary: 'Change a patient profile',
  }),
  'patients.searchPatients': operation({
    input: z
      .object({ name: z.string().trim().max(120).optional(), birthDate: isoDate.optional(), limit: z.number().int().min(1).max(100).default(20) })
      .refine((i) => (i.name !== undefined && i.name.length >= 2) || i.birthDate !== undefined, 'give at least two letters of a name or a birth date'),
    output: z.object({ patients: z.array(patientSummarySchema) }),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'Find patients by name or birth date',
  }),
  'patients.getPatient': operation({
    input: patientIdInput,
    output: patientProfileSchema,
    permission: 'patients.readClinical',
    writes: false,
    topics: [],
    summary: "Read a patient's clinical profile",
  }),
  'patients.getMedicationHistory': operation({
    input: patientIdInput,
    output: z.object({ patientId: z.string(), medicines: z.array(dispensedMedicineSchema) }),
    permission: 'patients.readClinical',
    writes: false,
    topics: [],
    summary: "Read a patient's medication history",
  }),
  'patients.listAccessLog': operation({
    input: patientIdInput.extend({ limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ patientId: z.string(), entries: z.array(accessLogEntrySchema) }),
    permission: 'audit.read',
    writes: false,
    topics: [],
    summary: "Read who viewed a patient's clinical data",
  }),
};
