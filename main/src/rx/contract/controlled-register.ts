// The controlled-drug register's operations and the collector of a controlled dispense. Pure: schemas only.
import { z } from 'zod';
import { operation } from '../../api/contract.js';
import { legalCategories } from '../../catalog/contract.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const collectorIdTypes = ['passport', 'drivingLicence', 'nationalId', 'other'] as const;

/** The person who takes a controlled medicine away, and the identity document they showed. */
export const collectorSchema = z.object({
  name: z.string().trim().min(2).max(120),
  idType: z.enum(collectorIdTypes),
  idNumber: z.string().trim().min(2).max(40),
});
export type Collector = z.infer<typeof collectorSchema>;

export const controlledProductSchema = z.object({
  productId: z.string(),
  name: z.string(),
  strength: z.string().nullable(),
  form: z.string().nullable(),
  unit: z.string(),
  legalCategory: z.enum(legalCategories),
  schedule: z.string().nullable(),
  /** Units held now, every location together: the register's closing balance. */
  balance: z.number().int(),
});
export type ControlledProduct = z.infer<typeof controlledProductSchema>;

export const registerKinds = [
  'receipt',
  'sale',
  'return',
  'dispense',
  'adjustment',
  'stocktake',
  'destruction',
  'writeOff',
  'supplierReturn',
  'transferOut',
  'transferIn',
  'quarantine',
  'release',
] as const;
export type RegisterKind = (typeof registerKinds)[number];

export const registerEntrySchema = z.object({
  /** The first ledger movement of the entry: one entry is one document's movements of this product. */
  id: z.string(),
  at: z.number(),
  kind: z.enum(registerKinds),
  /** Units in (positive) or out (negative). */
  quantity: z.number().int(),
  /** The running balance after this entry. */
  balance: z.number().int(),
  batches: z.array(z.string()),
  actorName: z.string().nullable(),
  documentType: z.string().nullable(),
  documentId: z.string().nullable(),
  reason: z.string().nullable(),
  witness: z.string().nullable(),
  dispense: z
    .object({
      prescriptionId: z.string(),
      rxNumber: z.string(),
      patientName: z.string(),
      prescriberName: z.string(),
      prescriberDea: z.string().nullable(),
      fillNo: z.number().int(),
      collector: collectorSchema.nullable(),
      /** Set when this fill came before the previous one should have run out: when it was due, and why it was given. */
      earlyRefill: z.object({ dueAt: z.number(), reason: z.string().nullable() }).nullable(),
    })
    .nullable(),
});
export type RegisterEntry = z.infer<typeof registerEntrySchema>;

export const controlledRegisterOperations = {
  'rx.listControlledProducts': operation({
    input: z.object({}).default({}),
    output: z.object({ products: z.array(controlledProductSchema) }),
    permission: 'rx.verify',
    writes: false,
    topics: [],
    summary: 'List the products kept in the controlled-drug register',
  }),
  'rx.controlledRegister': operation({
    input: z
      .object({ productId: z.string().min(1).max(64), from: isoDate.optional(), to: isoDate.optional() })
      .refine((i) => i.from === undefined || i.to === undefined || i.from <= i.to, 'the first day comes before the last'),
    output: z.object({
      product: controlledProductSchema,
      from: z.string().nullable(),
      to: z.string().nullable(),
      opening: z.number().int(),
      closing: z.number().int(),
      entries: z.array(registerEntrySchema),
    }),
    permission: 'rx.verify',
    writes: false,
    topics: [],
    summary: "Read a controlled product's register with its running balance",
  }),
};
