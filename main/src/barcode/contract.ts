// Schemas of a parsed scan and of a scan error, so that the typed API can carry parseScan results to the
// renderer and the CLI. Pure: schemas and types only.
import { z } from 'zod';

export const gs1ErrorCodes = [
  'gs1.empty',
  'gs1.inputTooLong',
  'gs1.invalidOption',
  'gs1.unknownSymbology',
  'gs1.unrecognisedFormat',
  'gs1.malformedElementString',
  'gs1.unknownAi',
  'gs1.valueTooShort',
  'gs1.valueTooLong',
  'gs1.missingSeparator',
  'gs1.characterNotAllowed',
  'gs1.badCheckDigit',
  'gs1.impossibleDate',
  'gs1.invalidValue',
  'gs1.gcpUnavailable',
  'gs1.tooManyAis',
  'gs1.repeatedAiMismatch',
  'gs1.aiNotAllowedTogether',
  'gs1.requiredAiMissing',
  'gs1.signatureNeedsSerialisedKey',
  'gs1.invalidDigitalLink',
  'gs1.internalError',
] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const scanAiSchema = z.object({
  ai: z.string().regex(/^\d{2,4}$/),
  value: z.string(),
  title: z.string(),
});

export const scanSchema = z.object({
  source: z.enum(['gs1', 'digitalLink', 'ean', 'text']),
  symbology: z.string().nullable(),
  symbologyId: z.string().nullable(),
  ais: z.array(scanAiSchema),
  gtin: z.string().regex(/^\d{14}$/).nullable(),
  expiry: isoDate.nullable(),
  batch: z.string().nullable(),
  serial: z.string().nullable(),
  dates: z.record(z.string(), isoDate),
  elementString: z.string().nullable(),
  text: z.string().nullable(),
  digitalLinkStem: z.string().nullable(),
});

const detailSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const gs1ErrorSchema = z.object({
  code: z.enum(gs1ErrorCodes),
  message: z.string().min(1),
  details: z.record(z.string(), detailSchema),
});

export const scanResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: scanSchema }),
  z.object({ ok: z.literal(false), error: gs1ErrorSchema }),
]);

export type ScanPayload = z.infer<typeof scanSchema>;
export type ScanResultPayload = z.infer<typeof scanResultSchema>;
