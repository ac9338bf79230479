// A purchase order leaves the pharmacy as an X12 850 (through edi/), a CSV or a printed PDF. An 850 goes only
// once the order is approved, and each one takes new envelope control numbers kept in edi_document, since a
// supplier's translator refuses an interchange number it has already seen.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import type { ParsedInputOf } from '../contract.js';
import { generate850, orderToCsv, toX12Text, type Address, type EdiError, type PurchaseOrder as EdiOrder } from '../edi/index.js';
import { getCurrency, toDecimalString } from '../money/index.js';
import { readPharmacy } from '../setup/terminal-store.js';
import { perDatabase } from '../store/per-database.js';
import type { PurchaseOrderView } from './contract/purchasing-schemas.js';
import { addDays, isoDay, passThrough } from './inventory-rules.js';
import { readPurchaseOrder } from './purchase-order-store.js';
import { purchasingError } from './purchasing-errors.js';
import { A4, tablePages, writePdf, type PdfText } from './pdf-writer.js';
import { requireSupplier, type SupplierRow } from './suppliers.js';

type Exported = { filename: string; mediaType: string; encoding: 'utf8' | 'base64'; content: string; bytes: number };

const statements = perDatabase((db: Database) => ({
  lastControl: db.prepare<[], { n: number | null }>("SELECT max(interchange_control_number) AS n FROM edi_document WHERE direction = 'out'"),
  insertDocument: db.prepare(
    `INSERT INTO edi_document (id, purchase_order_id, direction, transaction_set, sender_id, interchange_control_number, group_control_number,
       transaction_control_number, document_number, content, at, actor_id)
     VALUES (@id, @orderId, 'out', '850', @senderId, @control, @control, @transaction, @documentNumber, @content, @at, @actorId)`,
  ),
}));

function ediText(text: string, max: number, fallback: string): string {
  const t = toX12Text(text, max);
  return t.length > 0 ? t : fallback;
}

/** The pharmacy's one-line address as X12 wants it: street lines, then the city after the last comma. */
function addressOf(text: string): Address {
  const parts = text.split(/[,\n]/).map((p) => ediText(p, 55, '')).filter((p) => p.length > 0);
  const city = parts.length > 1 ? (parts.pop() ?? 'Unknown') : 'Unknown';
  const lines = parts.length > 0 ? parts.slice(0, 4) : ['Address not given'];
  return { lines, city: city.length >= 2 ? city.slice(0, 30) : 'Unknown' };
}

function ediFailure(error: EdiError): CoreError {
  return passThrough(error);
}

/** The order in the edi module's shape: our branch buys and receives, the supplier is named by GLN when known. */
export function toEdiOrder(db: Database, view: PurchaseOrderView, supplier: SupplierRow, branchId: string, today: string): EdiOrder {
  const pharmacy = readPharmacy(db);
  const name = ediText(pharmacy?.name ?? 'Pharmacy', 60, 'Pharmacy');
  const currency = getCurrency(view.currency);
  const exponent = currency.ok ? currency.value.exponent : 2;
  return {
    poNumber: view.number,
    orderDate: isoDay(view.approvedAt ?? view.createdAt),
    buyer: { name, idQualifier: '92', id: branchId },
    supplier: {
      name: ediText(supplier.name, 60, 'Supplier'),
      ...(supplier.gln !== null ? { idQualifier: 'UL', id: supplier.gln } : { idQualifier: '92', id: ediText(supplier.edi_id ?? supplier.id, 80, supplier.id) }),
    },
    shipTo: { name, idQualifier: '92', id: branchId, address: addressOf(pharmacy?.address ?? '') },
    currency: view.currency,
    requestedDeliveryDate: addDays(today, supplier.lead_time_days),
    lines: view.lines.map((l) => ({
      lineNo: l.lineNo,
      quantity: l.packs,
      unit: 'PK',
      unitPriceMinor: l.costMinor ?? 0,
      currencyExponent: exponent,
      ...(l.gtin !== null ? { gtin: l.gtin } : { supplierSku: ediText(l.sku, 48, 'SKU') }),
      description: ediText(l.name, 80, ediText(l.sku, 80, 'Item')),
    })),
  };
}

function senderId(db: Database): string {
  const taxId = readPharmacy(db)?.tax_id ?? '';
  const id = toX12Text(taxId.replace(/\s+/g, ''), 15);
  return id.length >= 2 ? id : 'MORTAR';
}

function export850(ctx: CommandContext, view: PurchaseOrderView, supplier: SupplierRow, usage: 'P' | 'T'): Exported {
  if (!['approved', 'sent', 'partlyReceived'].includes(view.status)) {
    throw new CoreError('inventory.purchaseOrderState', `A ${view.status} purchase order cannot be sent as an 850.`, { purchaseOrderId: view.id, status: view.status });
  }
  if (supplier.edi_qualifier === null || supplier.edi_id === null || supplier.edi_id.length < 2) {
    throw purchasingError('inventory.supplierNoEdi', `${supplier.name} has no EDI mailbox (qualifier and id).`, { supplierId: supplier.id });
  }
  const branchId = ctx.terminal?.branchId ?? 'BRANCH';
  const s = statements(ctx.db);
  const control = (s.lastControl.get()?.n ?? 0) + 1;
  const sender = senderId(ctx.db);
  const text = generate850(toEdiOrder(ctx.db, view, supplier, branchId, isoDay(ctx.now)), {
    sender: { qualifier: 'ZZ', id: sender },
    receiver: { qualifier: supplier.edi_qualifier, id: supplier.edi_id },
    interchangeControlNumber: control,
    groupControlNumber: control,
    transactionControlNumber: control,
    createdAtMs: ctx.now,
    usage,
  });
  if (!text.ok) throw ediFailure(text.error);
  s.insertDocument.run({
    id: ctx.ids.next(),
    orderId: view.id,
    senderId: sender,
    control,
    transaction: String(control).padStart(4, '0'),
    documentNumber: view.number,
    content: text.value,
    at: ctx.now,
    actorId: ctx.actor?.id ?? null,
  });
  ctx.emit('inventory.purchaseOrderExported', { id: view.id, number: view.number, format: '850', interchangeControlNumber: control });
  return { filename: `${view.number}.850.edi`, mediaType: 'application/edi-x12', encoding: 'utf8', content: text.value, bytes: Buffer.byteLength(text.value, 'utf8') };
}

function money(minor: number | null, currency: string): string {
  if (minor === null) return '';
  const text = toDecimalString(minor, currency);
  return text.ok ? text.value : String(minor);
}

/** The printable order: who orders from whom, then one table row per line and the total. */
export function purchaseOrderPdf(db: Database, view: PurchaseOrderView, at: number): Uint8Array {
  const pharmacy = readPharmacy(db);
  const top = A4.height - 50;
  const heading: PdfText[] = [
    { x: 50, y: top, size: 16, text: `Purchase order ${view.number}`, font: 'bold' },
    { x: 50, y: top - 22, size: 10, text: pharmacy?.name ?? '' },
    { x: 50, y: top - 36, size: 10, text: pharmacy?.address ?? '' },
    { x: 330, y: top - 22, size: 10, text: `Supplier: ${view.supplierName}` },
    { x: 330, y: top - 36, size: 10, text: `Status: ${view.status}` },
    { x: 330, y: top - 50, size: 10, text: `Date: ${isoDay(view.approvedAt ?? view.createdAt)}   Currency: ${view.currency}` },
  ];
  if (view.note) heading.push({ x: 50, y: top - 64, size: 9, text: `Note: ${view.note}` });
  const rows = view.lines.map((l) => [
    String(l.lineNo),
    l.sku,
    l.gtin ?? '',
    l.name,
    String(l.packs),
    money(l.costMinor, view.currency),
    money(l.costMinor === null ? null : l.costMinor * l.packs, view.currency),
  ]);
  const pages = tablePages({
    heading,
    tableTop: top - 90,
    columns: [
      { title: 'Line', x: 50, width: 24 },
      { title: 'SKU', x: 78, width: 58 },
      { title: 'GTIN', x: 140, width: 70 },
      { title: 'Description', x: 214, width: 170 },
      { title: 'Packs', x: 388, width: 36, align: 'right' },
      { title: 'Cost/pack', x: 430, width: 50, align: 'right' },
      { title: 'Amount', x: 486, width: 59, align: 'right' },
    ],
    rows,
    footer: ['', '', '', 'Total', String(view.lines.reduce((n, l) => n + l.packs, 0)), '', money(view.totalMinor, view.currency)],
  });
  return writePdf({ title: `Purchase order ${view.number}`, createdAt: at, pages });
}

export function exportPurchaseOrder(ctx: CommandContext, input: ParsedInputOf<'inventory.exportPurchaseOrder'>): Exported {
  const view = readPurchaseOrder(ctx.db, input.id);
  const supplier = requireSupplier(ctx.db, view.supplierId);
  let out: Exported;
  if (input.format === '850') {
    out = export850(ctx, view, supplier, input.usage);
  } else if (input.format === 'csv') {
    const csv = orderToCsv(toEdiOrder(ctx.db, view, supplier, ctx.terminal?.branchId ?? 'BRANCH', isoDay(ctx.now)), { guardFormulas: true });
    if (!csv.ok) throw ediFailure(csv.error);
    out = { filename: `${view.number}.csv`, mediaType: 'text/csv', encoding: 'utf8', content: csv.value, bytes: Buffer.byteLength(csv.value, 'utf8') };
  } else {
    const pdf = purchaseOrderPdf(ctx.db, view, ctx.now);
    out = { filename: `${view.number}.pdf`, mediaType: 'application/pdf', encoding: 'base64', content: Buffer.from(pdf).toString('base64'), bytes: pdf.length };
  }
  // An order that leaves the pharmacy in any form is accounted for: who took which copy, when.
  ctx.audit({ action: 'inventory.exportPurchaseOrder', entityType: 'purchaseOrder', entityId: view.id, after: { format: input.format, filename: out.filename, bytes: out.bytes } });
  return out;
}
