// The structured preview the UI renders as HTML: the printed lines with their alignment, emphasis, size and
// what each line is for, plus the bar code as data. It is JSON, so it crosses IPC unchanged; the UI draws it in
// a monospace box `columns` characters wide (a `large` line at twice the size, half as many characters).
import { z } from 'zod';
import { codepages, type Codepage } from './codepage.js';
import { layoutReceipt, layoutRoles } from './receipt-layout.js';
import { paperWidthSchema, type ReceiptModel } from './receipt-model.js';

export const receiptPreviewLineSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    align: z.enum(['left', 'center', 'right']),
    bold: z.boolean(),
    size: z.enum(['normal', 'tall', 'large']),
    role: z.enum(layoutRoles),
  }),
  z.object({
    kind: z.literal('barcode'),
    symbology: z.literal('CODE128'),
    data: z.string(),
    moduleWidth: z.number().int(),
    heightDots: z.number().int(),
  }),
]);
export type ReceiptPreviewLine = z.infer<typeof receiptPreviewLineSchema>;

export const receiptPreviewSchema = z.object({
  paperWidthMm: paperWidthSchema,
  columns: z.number().int().positive(),
  codepage: z.enum(codepages),
  receiptNumber: z.string(),
  marker: z.enum(['copy', 'reprint']).optional(),
  total: z.string(),
  lines: z.array(receiptPreviewLineSchema),
});
export type ReceiptPreview = z.infer<typeof receiptPreviewSchema>;

export function buildReceiptPreview(model: ReceiptModel, options: { columns?: number; codepage?: Codepage } = {}): ReceiptPreview {
  const layout = layoutReceipt(model, options);
  return {
    paperWidthMm: layout.paperWidthMm,
    columns: layout.columns,
    codepage: layout.codepage,
    receiptNumber: model.receiptNumber,
    ...(model.marker ? { marker: model.marker } : {}),
    total: (model.cashRounding?.totalDue ?? model.totals.total).formatted,
    lines: layout.blocks.map((b) => ({ ...b })),
  };
}
