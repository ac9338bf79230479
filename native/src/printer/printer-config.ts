// A terminal's receipt printer, as data the core stores per terminal: how to reach it, its paper, its code table
// and whether a cash drawer hangs off its kick-out connector. USB printers are not supported yet (see README).
import { z } from 'zod';
import { codepages } from '../receipt/codepage.js';
import { columnsForPaper, paperWidthSchema } from '../receipt/receipt-model.js';
import type { PrinterError } from './printer-errors.js';

export const printerConnectionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('tcp'),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535),
  }),
  z.object({
    kind: z.literal('serial'),
    path: z.string().min(1).max(260),
    baudRate: z.number().int().min(1200).max(921_600),
    rtscts: z.boolean().optional(),
  }),
]);
export type PrinterConnection = z.infer<typeof printerConnectionSchema>;

export const printerConfigSchema = z.object({
  connection: printerConnectionSchema,
  paperWidthMm: paperWidthSchema,
  /** Overrides 32 / 48 columns for printers with another font A width (e.g. 42 on some 80 mm models). */
  columns: z.number().int().min(16).max(64).optional(),
  codepage: z.enum(codepages),
  drawer: z.object({
    attached: z.boolean(),
    /** Kick-out connector pin the drawer solenoid is wired to; 2 on nearly every drawer. */
    pin: z.union([z.literal(2), z.literal(5)]).optional(),
  }),
  /** False for printers with a tear bar only: the receipt is fed past it instead of cut. */
  cutter: z.boolean(),
  /** Whether to ask DLE EOT status before and after each job; off for printers that never answer. */
  statusQueries: z.boolean().optional(),
});
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

export function parsePrinterConfig(input: unknown): { ok: true; value: PrinterConfig } | { ok: false; error: PrinterError } {
  const parsed = printerConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    error: {
      code: 'printer.invalidConfig',
      message: 'The printer configuration is not valid.',
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) },
    },
  };
}

export function printerColumns(config: PrinterConfig): number {
  return config.columns ?? columnsForPaper(config.paperWidthMm);
}
