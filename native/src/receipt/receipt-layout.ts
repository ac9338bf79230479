// One layout of a receipt, shared by the ESC/POS bytes and the plain-text preview, so that what the cashier
// sees on screen is, line for line, what the printer prints.
import { toPrintable, type Codepage } from './codepage.js';
import {
  columnsForPaper,
  receiptLabels,
  type ReceiptLabels,
  type ReceiptLine,
  type ReceiptModel,
  type ReceiptTender,
} from './receipt-model.js';
import { code128ModuleWidth } from './code128.js';
import { leftRight, tableRow, wrapIndented, wrapText } from './text-fit.js';

export type LayoutAlign = 'left' | 'center' | 'right';
/** `tall` is double height (full columns); `large` is double width and height (half the columns). */
export type LayoutSize = 'normal' | 'tall' | 'large';

/** What a line is for, so a preview can style it (the printer only sees alignment, emphasis and size). */
export const layoutRoles = ['store', 'marker', 'meta', 'rule', 'item', 'itemDetail', 'summary', 'total', 'tender', 'change', 'tax', 'footer', 'blank', 'barcodeText'] as const;
export type LayoutRole = (typeof layoutRoles)[number];

export type LayoutBlock =
  | { kind: 'text'; text: string; align: LayoutAlign; bold: boolean; size: LayoutSize; role: LayoutRole }
  | { kind: 'barcode'; symbology: 'CODE128'; data: string; moduleWidth: number; heightDots: number };

export type ReceiptLayout = { columns: number; codepage: Codepage; paperWidthMm: 58 | 80; blocks: LayoutBlock[] };

export type LayoutOptions = { columns?: number; codepage?: Codepage };

function formatIssuedAt(model: ReceiptModel): string {
  const { iso, locale, timeZone, display } = model.issuedAt;
  if (display) return display;
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  } catch (error: unknown) {
    // An unknown locale or zone must not stop a receipt: the instant itself is still right.
    if (error instanceof RangeError) return iso.replace('T', ' ').replace(/(:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, '$1 $3');
    throw error;
  }
}

type Style = { bold?: boolean; size?: LayoutSize; align?: LayoutAlign };

class LayoutBuilder {
  readonly blocks: LayoutBlock[] = [];
  constructor(
    readonly columns: number,
    readonly codepage: Codepage,
  ) {}

  p(text: string): string {
    return toPrintable(text, this.codepage);
  }

  lines(role: LayoutRole, lines: string[], style: Style = {}): void {
    for (const line of lines) {
      // Trailing spaces print as nothing; dropping them keeps the stream short and the preview honest.
      this.blocks.push({ kind: 'text', text: line.trimEnd(), align: 'left', bold: false, size: 'normal', role, ...style });
    }
  }

  blank(): void {
    this.lines('blank', ['']);
  }

  rule(): void {
    this.lines('rule', ['-'.repeat(this.columns)]);
  }

  centered(role: LayoutRole, text: string, style: Style = {}): void {
    const width = style.size === 'large' ? Math.floor(this.columns / 2) : this.columns;
    this.lines(role, wrapText(this.p(text), width), { align: 'center', ...style });
  }

  amountRow(role: LayoutRole, left: string, right: string, style: Style & { indent?: number } = {}): void {
    const { indent = 0, ...rest } = style;
    this.lines(role, leftRight(this.p(left), this.p(right), this.columns, indent), rest);
  }
}

// Amounts carry their tax letter after them; amounts without one get two spaces so that all amounts align.
function withTax(amount: string, code?: string): string {
  return `${amount} ${code ?? ' '}`;
}

function layoutLine(b: LayoutBuilder, line: ReceiptLine, labels: ReceiptLabels): void {
  b.lines('item', wrapText(b.p(line.description), b.columns));
  const qty = `${line.quantity}${line.unit ? ` ${line.unit}` : ''} x ${line.unitPrice.formatted}`;
  b.amountRow('itemDetail', qty, withTax(line.lineTotal.formatted, line.taxCode), { indent: 2 });
  if (line.medicine) {
    const text = `${labels.batch} ${line.medicine.batch}  ${labels.expiry} ${line.medicine.expiry}`;
    b.lines('itemDetail', wrapIndented(b.p(text), b.columns, 2));
  }
  if (line.discount) {
    b.amountRow('itemDetail', line.discount.label, withTax(line.discount.amount.formatted, line.taxCode), { indent: 2 });
  }
}

function tenderRows(b: LayoutBuilder, tender: ReceiptTender, labels: ReceiptLabels): void {
  switch (tender.kind) {
    case 'cash':
      b.amountRow('tender', labels.cash, withTax(tender.amount.formatted));
      return;
    case 'card': {
      const name = [labels.card, tender.brand, tender.maskedPan].filter((x) => x).join(' ');
      b.amountRow('tender', name, withTax(tender.amount.formatted));
      b.lines('tender', wrapIndented(b.p(`${labels.approval} ${tender.approvalRef}`), b.columns, 2));
      return;
    }
    case 'storeCredit':
      b.amountRow('tender', [labels.storeCredit, tender.reference].filter((x) => x).join(' '), withTax(tender.amount.formatted));
      return;
    case 'foreignCash':
      b.amountRow('tender', `${labels.foreignCash} ${tender.foreignAmount.formatted}`, withTax(tender.amount.formatted));
      b.lines('tender', wrapIndented(b.p(tender.rate), b.columns, 2));
      return;
  }
}

function taxTable(b: LayoutBuilder, model: ReceiptModel, labels: ReceiptLabels): void {
  if (model.taxes.length === 0) return;
  const taxable = [labels.taxable, ...model.taxes.map((t) => t.taxable.formatted)].map((s) => b.p(s));
  const tax = [labels.tax, ...model.taxes.map((t) => t.tax.formatted)].map((s) => b.p(s));
  const widths = [Math.max(...taxable.map((s) => s.length)), Math.max(...tax.map((s) => s.length))];
  const aligns = ['left', 'right', 'right'] as const;
  if (widths[0]! + widths[1]! + 2 + 8 <= b.columns) {
    b.lines('tax', tableRow([b.p(labels.taxHeader), taxable[0]!, tax[0]!], widths, b.columns, [...aligns]));
    model.taxes.forEach((row, i) => {
      b.lines('tax', tableRow([b.p(`${row.code} ${row.label}`), taxable[i + 1]!, tax[i + 1]!], widths, b.columns, [...aligns]));
    });
  } else {
    // Too narrow for three columns: each rate gets its own small block.
    for (const row of model.taxes) {
      b.lines('tax', wrapText(b.p(`${row.code} ${row.label}`), b.columns));
      b.amountRow('tax', labels.taxable, row.taxable.formatted, { indent: 2 });
      b.amountRow('tax', labels.tax, row.tax.formatted, { indent: 2 });
    }
  }
}

/** Lays out the receipt into printed lines for the given columns and code page. */
export function layoutReceipt(model: ReceiptModel, options: LayoutOptions = {}): ReceiptLayout {
  const columns = options.columns ?? columnsForPaper(model.paperWidthMm);
  const codepage = options.codepage ?? 'cp858';
  const labels = receiptLabels(model);
  const b = new LayoutBuilder(columns, codepage);
  const marker = model.marker ? labels[model.marker] : undefined;

  b.centered('store', model.store.name, { bold: true, size: 'large' });
  for (const line of model.store.addressLines) b.centered('store', line);
  if (model.store.taxId) b.centered('store', `${labels.taxId} ${model.store.taxId}`);
  if (model.store.phone) b.centered('store', `${labels.phone} ${model.store.phone}`);
  if (marker) {
    b.blank();
    b.centered('marker', marker, { bold: true });
  }
  b.blank();
  b.amountRow('meta', `${labels.receipt} ${model.receiptNumber}`, formatIssuedAt(model));
  b.amountRow('meta', `${labels.cashier} ${model.cashier}`, `${labels.terminal} ${model.terminal}`);
  b.rule();

  for (const line of model.lines) layoutLine(b, line, labels);
  b.rule();

  if (model.basketDiscount) {
    b.amountRow('summary', model.basketDiscount.label, withTax(model.basketDiscount.amount.formatted));
  }
  if (model.totals.subtotal) b.amountRow('summary', labels.subtotal, withTax(model.totals.subtotal.formatted));
  b.amountRow('total', labels.total, withTax(model.totals.total.formatted), { bold: true, size: 'tall' });
  if (model.cashRounding) {
    b.amountRow('summary', labels.cashRounding, withTax(model.cashRounding.amount.formatted));
    b.amountRow('total', labels.totalDue, withTax(model.cashRounding.totalDue.formatted), { bold: true });
  }
  if (model.tenders.length > 0 || model.change) b.blank();
  for (const tender of model.tenders) tenderRows(b, tender, labels);
  if (model.change) b.amountRow('change', labels.change, withTax(model.change.formatted), { bold: true });

  if (model.taxes.length > 0) {
    b.rule();
    taxTable(b, model, labels);
    if (model.totals.taxTotal) b.amountRow('tax', labels.taxTotal, model.totals.taxTotal.formatted);
  }

  if (model.barcode) {
    b.blank();
    const moduleWidth = code128ModuleWidth(model.barcode.data, model.paperWidthMm);
    if (moduleWidth > 0) {
      b.blocks.push({ kind: 'barcode', symbology: 'CODE128', data: model.barcode.data, moduleWidth, heightDots: 80 });
    } else {
      // Too long to scan at this paper width: the number is still printed, for typing in at a return.
      b.centered('barcodeText', model.barcode.data, { bold: true });
    }
  }
  if (model.footerLines.length > 0) b.blank();
  for (const line of model.footerLines) b.centered('footer', line);
  if (marker) {
    b.blank();
    b.centered('marker', marker, { bold: true });
  }
  return { columns, codepage, paperWidthMm: model.paperWidthMm, blocks: b.blocks };
}
