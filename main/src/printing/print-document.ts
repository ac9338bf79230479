// What a print job keeps: a receipt model, or a plain report (Z report, test page) of label/value rows. Both are
// rendered for the printer only when the job is sent, with the printer's paper, code table, cutter and drawer.
import {
  parseReceiptModel,
  renderDrawerKick,
  renderEscPos,
  renderLayoutEscPos,
  toPrintable,
  type LayoutBlock,
  type ReceiptModel,
} from '@mortar/native';
import type { RxLabel } from '../rx/contract.js';
import { layoutLabel } from '../rx/label.js';
import type { PrinterRow } from './printing-store.js';

export type ReportRow = { left: string; right?: string; bold?: boolean; center?: boolean; large?: boolean };
export type ReportDocument = { title: string; rows: ReportRow[] };

export type PrintDocument =
  | { type: 'receipt'; model: ReceiptModel }
  | { type: 'report'; report: ReportDocument }
  | { type: 'rxLabel'; label: RxLabel }
  | { type: 'drawer' };

export function columnsOf(printer: Pick<PrinterRow, 'paper_width_mm'>): number {
  return printer.paper_width_mm === 58 ? 32 : 48;
}

/** Left text and right text on one line, the left cut short when both do not fit. */
export function padRow(left: string, right: string, columns: number): string {
  if (right === '') return left.slice(0, columns);
  const room = Math.max(0, columns - right.length - 1);
  const l = left.length > room ? left.slice(0, room) : left;
  return `${l}${' '.repeat(Math.max(1, columns - l.length - right.length))}${right}`.slice(0, Math.max(columns, right.length));
}

export function reportLayoutBlocks(report: ReportDocument, printer: Pick<PrinterRow, 'paper_width_mm' | 'codepage'>): LayoutBlock[] {
  const columns = columnsOf(printer);
  const p = (text: string) => toPrintable(text, printer.codepage);
  const blocks: LayoutBlock[] = [
    { kind: 'text', text: p(report.title).slice(0, columns / 2), align: 'center', bold: true, size: 'large', role: 'store' },
    { kind: 'text', text: '', align: 'left', bold: false, size: 'normal', role: 'blank' },
  ];
  for (const row of report.rows) {
    const width = row.large ? columns / 2 : columns;
    blocks.push({
      kind: 'text',
      text: row.center ? p(row.left).slice(0, width) : padRow(p(row.left), p(row.right ?? ''), width),
      align: row.center ? 'center' : 'left',
      bold: row.bold === true,
      size: row.large ? 'large' : 'normal',
      role: 'summary',
    });
  }
  return blocks;
}

export type RenderResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** The bytes of a job for this printer; a drawer kick only when the job asks for one and a drawer is attached. */
export function renderDocument(document: unknown, printer: PrinterRow, openDrawer: boolean): RenderResult {
  const doc = document as PrintDocument;
  const kick = openDrawer && printer.has_drawer === 1;
  const cut = printer.cutter === 1 ? 'partial' : 'none';
  const columns = columnsOf(printer);
  switch (doc?.type) {
    case 'receipt': {
      const parsed = parseReceiptModel(doc.model);
      if (!parsed.ok) return { ok: false, message: parsed.error.message };
      return {
        ok: true,
        bytes: renderEscPos(
          { ...parsed.value, paperWidthMm: printer.paper_width_mm },
          { columns, codepage: printer.codepage, cut, ...(kick ? { openDrawer: { pin: 2 } } : {}) },
        ),
      };
    }
    case 'report':
      return {
        ok: true,
        bytes: renderLayoutEscPos(
          { columns, codepage: printer.codepage, paperWidthMm: printer.paper_width_mm, blocks: reportLayoutBlocks(doc.report, printer) },
          { cut, ...(kick ? { openDrawer: { pin: 2 } } : {}) },
        ),
      };
    case 'rxLabel': {
      // The label keeps its own 32-column layout (a 2-inch label or a 58 mm roll); on an 80 mm roll it is
      // simply narrower than a receipt. The printer's code table wins over the layout's default.
      const layout = layoutLabel(doc.label);
      return { ok: true, bytes: renderLayoutEscPos({ ...layout, codepage: printer.codepage }, { cut }) };
    }
    case 'drawer':
      return { ok: true, bytes: renderDrawerKick({ pin: 2 }) };
    default:
      return { ok: false, message: 'The print job holds no document this version can print.' };
  }
}
