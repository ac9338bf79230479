// The dispensing label as a model first (DESIGN.md "Devices": printers take a model, not strings), then laid
// out once for the receipt printer's 58 mm roll, so the on-screen text and the ESC/POS bytes are the same
// lines. The layout is the receipt renderer's own (native/src/receipt), with label-sized content.
import { layoutToText, renderLayoutEscPos, toPrintable, type LayoutBlock, type LayoutRole, type ReceiptLayout } from '@mortar/native';
import type { RxLabel } from './contract.js';

/** 32 characters: the normal font on a 58 mm roll, which is also what a 2-inch label printer takes. */
export const LABEL_COLUMNS = 32;

export const STANDARD_WARNINGS = ['Keep out of the sight and reach of children.'];

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (word.length > width) {
      if (line) out.push(line);
      for (let i = 0; i < word.length; i += width) out.push(word.slice(i, i + width));
      line = out.pop() ?? '';
      continue;
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  return out;
}

export function layoutLabel(label: RxLabel): ReceiptLayout {
  const codepage = 'cp858' as const;
  const blocks: LayoutBlock[] = [];
  const add = (role: LayoutRole, text: string, style: { bold?: boolean; align?: 'left' | 'center' } = {}): void => {
    for (const line of wrap(toPrintable(text, codepage), LABEL_COLUMNS)) {
      blocks.push({ kind: 'text', text: line, align: style.align ?? 'left', bold: style.bold ?? false, size: 'normal', role });
    }
  };
  add('store', label.pharmacy.name, { bold: true, align: 'center' });
  add('store', label.pharmacy.address, { align: 'center' });
  blocks.push({ kind: 'text', text: '-'.repeat(LABEL_COLUMNS), align: 'left', bold: false, size: 'normal', role: 'rule' });
  add('meta', `Rx ${label.rxNumber}  ${label.date}`);
  add('item', label.patient, { bold: true });
  add('item', [label.drug, label.strength, label.form].filter(Boolean).join(' '), { bold: true });
  add('itemDetail', label.directions);
  add('itemDetail', `Qty: ${label.quantity} ${label.unit}`);
  add('meta', `Prescriber: ${label.prescriber}`);
  add('meta', `Batch ${label.batch}  Exp ${label.expiry}`);
  add('meta', `Refills left: ${label.refillsLeft}`);
  for (const w of label.warnings) add('footer', w);
  return { columns: LABEL_COLUMNS, codepage, paperWidthMm: 58, blocks };
}

export function labelText(label: RxLabel): string {
  return `${layoutToText(layoutLabel(label)).join('\n')}\n`;
}

export function labelEscPos(label: RxLabel): Uint8Array {
  return renderLayoutEscPos(layoutLabel(label), { cut: 'partial' });
}
