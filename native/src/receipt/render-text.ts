// The plain-text preview: the same layout as the printed receipt, one string per printed line, padded to the
// printer's columns, so the screen shows what the paper will.
import type { Codepage } from './codepage.js';
import { layoutReceipt, type LayoutBlock, type ReceiptLayout } from './receipt-layout.js';
import type { ReceiptModel } from './receipt-model.js';

export type TextPreviewOptions = { columns?: number; codepage?: Codepage };

function place(text: string, align: 'left' | 'center' | 'right', columns: number): string {
  if (align === 'left') return text;
  const room = Math.max(0, columns - text.length);
  const before = align === 'center' ? Math.floor(room / 2) : room;
  return ' '.repeat(before) + text;
}

function blockLines(block: LayoutBlock, columns: number): string[] {
  if (block.kind === 'barcode') {
    // Bars cannot be drawn in text; a strip of the same centring stands in, with the readable text below it.
    const bars = '|'.repeat(Math.min(columns, Math.max(8, block.data.length + 8)));
    return [place(bars, 'center', columns), place(block.data, 'center', columns)];
  }
  // A double-width line is centred on the paper by the printer; in text it is centred in the same columns.
  return [place(block.text, block.align, columns)];
}

/** The lines of a laid-out receipt, trailing spaces removed. */
export function layoutToText(layout: ReceiptLayout): string[] {
  return layout.blocks.flatMap((b) => blockLines(b, layout.columns)).map((l) => l.trimEnd());
}

/** The receipt as plain text, with the printer's columns and characters (32 for 58 mm, 48 for 80 mm). */
export function renderTextPreview(model: ReceiptModel, options: TextPreviewOptions = {}): string {
  return `${layoutToText(layoutReceipt(model, options)).join('\n')}\n`;
}
