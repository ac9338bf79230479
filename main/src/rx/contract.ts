// The prescription operations: read an image, save the reviewed draft, check it, sign it, dispense it, label
// it. Pure: schemas only, so the renderer can type its screens against them.
import { z } from 'zod';
import { operation } from '../api/contract.js';
import { medicationSafetyReportSchema, severitySchema } from '../clinical/contract.js';
import { collectorSchema } from './contract/controlled-register.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** A FHIR R4 Dosage as the sig parser makes it; its shape is the sig module's, carried here as JSON. */
const dosageSchema = z.record(z.string(), z.unknown());
const boxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

/** 50 MB of image as base64 (4 characters per 3 bytes), plus a little for padding. */
export const MAX_IMAGE_BASE64 = Math.ceil((50 * 1024 * 1024 * 4) / 3) + 4;

/** Chosen by the screen that asks, so that it can show the read's progress notices as they come. */
const progressIdSchema = z.string().min(8).max(64).optional();

export const readImageInputSchema = z.union([
  z.object({ base64: z.string().min(1).max(MAX_IMAGE_BASE64), fileName: z.string().max(200).optional(), progressId: progressIdSchema }),
  /** A file in this terminal's scanner folder (`<data dir>/scans`), by its name or path inside it. */
  z.object({ scanPath: z.string().min(1).max(500), progressId: progressIdSchema }),
]);

export const readItemSchema = z.object({
  medication: z.object({ ingredient: z.string().nullable(), strength: z.string().nullable(), form: z.string().nullable(), productId: z.string().nullable() }),
  quantity: z.number().nullable(),
  refills: z.number().nullable(),
  sig: z.string().nullable(),
  dosage: dosageSchema.nullable(),
  confidence: z.number(),
  written: z.string(),
  candidates: z.array(
    z.object({ ingredient: z.string(), via: z.string(), written: z.string(), confidence: z.number(), productId: z.string().nullable() }),
  ),
});

export const prescriptionReadingSchema = z.object({
  patient: z.object({ name: z.string().nullable(), birthDate: z.string().nullable() }),
  prescriber: z.object({ name: z.string().nullable(), npi: z.string().nullable(), dea: z.string().nullable() }),
  writtenDate: z.string().nullable(),
  items: z.array(readItemSchema),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), field: z.string().optional() })),
  fields: z.record(z.string(), z.object({ read: z.string(), confidence: z.number(), box: boxSchema.nullable() })),
  page: z.object({ width: z.number(), height: z.number(), ocrConfidence: z.number(), deskewRadians: z.number(), convention: z.string() }),
});
export type PrescriptionReadingOut = z.infer<typeof prescriptionReadingSchema>;

export const rxItemInputSchema = z.object({
  productId: z.string().min(1).max(64).nullable().default(null),
  ingredient: z.string().trim().min(1).max(120),
  strength: z.string().trim().max(60).nullable().default(null),
  form: z.string().trim().max(60).nullable().default(null),
  quantity: z.number().int().min(1).max(100_000),
  refills: z.number().int().min(0).max(99),
  sig: z.string().trim().min(1).max(500),
});

/** One field the pharmacist changed from what was read: kept as a record beside the OCR output. */
export const correctionSchema = z.object({ field: z.string().min(1).max(80), read: z.string().max(500).nullable(), corrected: z.string().max(500).nullable() });
export type Correction = z.infer<typeof correctionSchema>;

export const prescriberSchema = z.object({
  name: z.string().trim().min(2).max(120),
  npi: z.string().trim().max(20).nullable().default(null),
  dea: z.string().trim().max(20).nullable().default(null),
  licence: z.string().trim().max(40).nullable().default(null),
});

export const rxItemSchema = z.object({
  lineNo: z.number().int(),
  productId: z.string().nullable(),
  productName: z.string().nullable(),
  ingredient: z.string(),
  strength: z.string().nullable(),
  form: z.string().nullable(),
  quantity: z.number().int(),
  refills: z.number().int(),
  refillsLeft: z.number().int(),
  fills: z.number().int(),
  sig: z.string(),
  dosage: dosageSchema.nullable(),
  directions: z.string(),
});

export const signatureSchema = z.object({
  meaning: z.literal('verified'),
  signerId: z.string(),
  signerName: z.string(),
  signedAt: z.number(),
  secondFactor: z.enum(['password', 'pin']),
  contentHash: z.string(),
  signature: z.string(),
  acknowledgements: z.array(z.object({ alertId: z.string(), severity: severitySchema, reason: z.string() })),
});

export type Acknowledgement = z.infer<typeof signatureSchema>['acknowledgements'][number];

export const prescriptionSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  status: z.enum(['draft', 'verified']),
  prescriber: z.object({ name: z.string(), npi: z.string().nullable(), dea: z.string().nullable(), licence: z.string().nullable() }),
  writtenDate: z.string(),
  items: z.array(rxItemSchema),
  reading: prescriptionReadingSchema.nullable(),
  corrections: z.array(correctionSchema),
  createdAt: z.number(),
  createdBy: z.string(),
  signature: signatureSchema.nullable(),
});
export type Prescription = z.infer<typeof prescriptionSchema>;

export const checkReportSchema = medicationSafetyReportSchema.extend({
  prescriptionId: z.string(),
  contentHash: z.string(),
  bySeverity: z.object({ contraindicated: z.number(), major: z.number(), moderate: z.number(), minor: z.number() }),
  activeIngredients: z.array(z.string()),
  allergies: z.array(z.string()),
});
export type CheckReport = z.infer<typeof checkReportSchema>;

export const labelSchema = z.object({
  pharmacy: z.object({ name: z.string(), address: z.string() }),
  patient: z.string(),
  drug: z.string(),
  strength: z.string().nullable(),
  form: z.string().nullable(),
  directions: z.string(),
  quantity: z.number().int(),
  unit: z.string(),
  date: z.string(),
  prescriber: z.string(),
  batch: z.string(),
  expiry: z.string(),
  refillsLeft: z.number().int(),
  rxNumber: z.string(),
  warnings: z.array(z.string()),
});
export type RxLabel = z.infer<typeof labelSchema>;

export const dispenseSchema = z.object({
  id: z.string(),
  prescriptionId: z.string(),
  at: z.number(),
  location: z.string(),
  actorName: z.string(),
  replayed: z.boolean(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      fillNo: z.number().int(),
      productId: z.string(),
      lotId: z.string(),
      batch: z.string(),
      expiry: z.string(),
      quantity: z.number().int(),
      refillsLeft: z.number().int(),
      daysSupply: z.number().int().nullable(),
    }),
  ),
  labels: z.array(z.object({ lineNo: z.number().int(), label: labelSchema, text: z.string(), escPosBase64: z.string() })),
  /**
   * What became of the labels: queued on the terminal's receipt printer, no printer set up, queueing failed (the
   * dispense stands; print them again), or not queued again for a replayed dispense. Absent outside a terminal.
   */
  labelPrinting: z.enum(['queued', 'noPrinter', 'failed', 'notAgain']).optional(),
});
export type Dispense = z.infer<typeof dispenseSchema>;

/** Directions as understood: plain words, the FHIR Dosage, and what could not be understood, stated. */
export const sigReadingSchema = z.object({
  understood: z.boolean(),
  directions: z.string().nullable(),
  dosage: dosageSchema.nullable(),
  confidence: z.number(),
  unparsed: z.array(z.string()),
  notes: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type SigReading = z.infer<typeof sigReadingSchema>;

export const intakeFolderSchema = z.object({
  folder: z.string(),
  configured: z.boolean(),
  exists: z.boolean(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int(), modifiedAt: z.number() })),
});

/** A dispensed item not yet sold, with the cart line that sells it (what a cashier needs, nothing clinical). */
export const readyForTillSchema = z.object({
  dispenseId: z.string(),
  lineNo: z.number().int(),
  dispensedAt: z.number(),
  rxNumber: z.string(),
  patientName: z.string(),
  productName: z.string(),
  batch: z.string(),
  quantity: z.number().int(),
  line: z.object({
    productId: z.string(),
    lotId: z.string(),
    quantity: z.number().int(),
    unit: z.literal('unit'),
    dispense: z.object({ dispenseId: z.string(), lineNo: z.number().int() }),
  }),
});
export type ReadyForTill = z.infer<typeof readyForTillSchema>;

/** One item of a patient's prescription as the refill list shows it: what was given, and whether it can be given now. */
export const patientRxItemSchema = z.object({
  lineNo: z.number().int(),
  ingredient: z.string(),
  strength: z.string().nullable(),
  /** Null when the item is not matched to a product of this till's catalog (it cannot be dispensed here). */
  productName: z.string().nullable(),
  quantity: z.number().int(),
  refills: z.number().int(),
  /** Fills at this till and at the branch's other tills; the first is the original. */
  fills: z.number().int(),
  refillsLeft: z.number().int(),
  lastFillAt: z.number().nullable(),
  /** When a refill is due without a reason; null when nothing was filled yet or the last supply is not known. */
  refillDueAt: z.number().nullable(),
  dispensable: z.boolean(),
  /** Why the item cannot be dispensed now; null when it can. */
  blockedBy: z.enum(['notVerified', 'productRequired', 'noRefillsLeft']).nullable(),
});

export const patientPrescriptionSchema = z.object({
  id: z.string(),
  rxNumber: z.string(),
  status: z.enum(['draft', 'verified']),
  writtenDate: z.string(),
  prescriberName: z.string(),
  createdAt: z.number(),
  signedAt: z.number().nullable(),
  signerName: z.string().nullable(),
  /** Signed at this till, or received signed from another till of the branch (then which till, and when). */
  origin: z.enum(['thisTill', 'otherTill']),
  fromDeviceId: z.string().nullable(),
  receivedAt: z.number().nullable(),
  /** At least one item can be dispensed now (a refill before its due date still needs a reason). */
  dispensable: z.boolean(),
  items: z.array(patientRxItemSchema),
});
export type PatientPrescription = z.infer<typeof patientPrescriptionSchema>;

const prescriptionIdInput = z.object({ prescriptionId: z.string().min(1).max(64) });

export const rxOperations = {
  'rx.readImage': operation({
    input: readImageInputSchema,
    output: prescriptionReadingSchema,
    permission: 'patients.readClinical',
    writes: false,
    topics: [],
    summary: 'Read a prescription image',
  }),
  'rx.save': operation({
    input: z.object({
      patientId: z.string().min(1).max(64),
      prescriber: prescriberSchema,
      writtenDate: isoDate,
      items: z.array(rxItemInputSchema).min(1).max(20),
      reading: prescriptionReadingSchema.nullable().default(null),
      corrections: z.array(correctionSchema).max(200).default([]),
    }),
    output: prescriptionSchema,
    permission: 'patients.readClinical',
    writes: true,
    topics: ['rx'],
    summary: 'Save a prescription draft',
  }),
  'rx.getPrescription': operation({
    input: prescriptionIdInput,
    output: prescriptionSchema,
    permission: 'patients.readClinical',
    writes: false,
    topics: [],
    summary: 'Read a prescription',
  }),
  'rx.listPatientPrescriptions': operation({
    input: z.object({ patientId: z.string().min(1).max(64), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ patientId: z.string(), prescriptions: z.array(patientPrescriptionSchema), more: z.boolean() }),
    permission: 'patients.readClinical',
    writes: false,
    topics: [],
    summary: "A patient's prescriptions, newest written first, with fills, refills left and when each is due",
  }),
  'rx.check': operation({
    input: prescriptionIdInput,
    output: checkReportSchema,
    permission: 'patients.readClinical',
    writes: false,
    topics: [],
    summary: 'Check a prescription against the patient',
  }),
  'rx.verify': operation({
    input: prescriptionIdInput.extend({
      /** The pharmacist's password or PIN, given again for this signature. */
      secret: z.string().min(1).max(256),
      acknowledgements: z.array(z.object({ alertId: z.string().min(1).max(300), reason: z.string().trim().min(3).max(500) })).max(100).default([]),
    }),
    output: prescriptionSchema,
    permission: 'rx.verify',
    writes: true,
    topics: ['rx'],
    summary: 'Verify and sign a prescription',
  }),
  'rx.parseSig': operation({
    input: z.object({ sig: z.string().trim().min(1).max(1000), form: z.string().trim().max(60).nullable().optional() }),
    output: sigReadingSchema,
    permission: 'patients.readClinical',
    writes: false,
    topics: [],
    summary: 'Read directions as the review shows them',
  }),
  'rx.listReady': operation({
    input: z.object({}),
    output: z.object({ ready: z.array(readyForTillSchema) }),
    permission: 'sales.sell',
    writes: false,
    topics: [],
    summary: 'Dispensed prescriptions ready to sell at the till',
  }),
  'rx.listIntakeFolder': operation({
    input: z.object({}),
    output: intakeFolderSchema,
    permission: 'patients.readClinical',
    writes: false,
    topics: [],
    summary: "The pages waiting in the sheet scanner's folder",
  }),
  'rx.setIntakeFolder': operation({
    input: z.object({ folder: z.string().trim().min(1).max(500).nullable() }),
    output: intakeFolderSchema,
    permission: 'settings.manage',
    writes: true,
    topics: ['settings'],
    summary: "Name the sheet scanner's folder",
  }),
  'rx.takeIntakeFile': operation({
    input: z.object({ name: z.string().min(1).max(255) }),
    output: z.object({ name: z.string(), mediaType: z.string(), image: z.string(), reading: prescriptionReadingSchema }),
    permission: 'patients.readClinical',
    writes: false,
    topics: [],
    summary: "Read a page from the sheet scanner's folder and set it aside",
  }),
  'rx.dispense': operation({
    input: prescriptionIdInput.extend({
      idempotencyKey: z.string().trim().min(8).max(80),
      location: z.string().min(1).max(40).default('dispensary'),
      /** Which items to fill (all by default), each optionally from a scanned batch. */
      lines: z.array(z.object({ lineNo: z.number().int().min(1), batch: z.string().trim().min(1).max(40).optional() })).max(20).optional(),
      /** Why a refill is given before most of the last supply should have been used (lost, travel ...). */
      earlyRefillReason: z.string().trim().min(3).max(500).optional(),
      /** Who takes the medicine away, with their identity document: required when an item is a controlled medicine. */
      collector: collectorSchema.optional(),
    }),
    output: dispenseSchema,
    permission: 'rx.verify',
    writes: true,
    topics: ['rx', 'stock', 'patients'],
    summary: 'Dispense a verified prescription',
  }),
};

