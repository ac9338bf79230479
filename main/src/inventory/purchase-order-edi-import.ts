// Rule: a supplier's 855 acknowledgement or 810 invoice is kept exactly as it arrived, once (the interchange
// and transaction control numbers identify it), and is matched against the order it names and, for an
// invoice, against what receiving counted; a file that does not parse is refused whole and nothing is kept.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import {
  matchAcknowledgement,
  matchInvoice,
  parse810,
  parse855,
  type AcknowledgementMatch,
  type EdiBatch,
  type InterchangeHeader,
  type InvoiceMatch,
} from '../edi/index.js';
import { perDatabase } from '../store/per-database.js';
import type { EdiMatchReport, PurchaseOrderView } from './contract/purchasing-schemas.js';
import { isoDay, passThrough } from './inventory-rules.js';
import { toEdiOrder } from './purchase-order-export.js';
import { findOrderRow, readPurchaseOrder, receivedByProduct } from './purchase-order-store.js';
import { purchasingError } from './purchasing-errors.js';
import { requireSupplier } from './suppliers.js';

const statements = perDatabase((db: Database) => ({
  byNum: db.prepare<[number], { id: string }>('SELECT id FROM purchase_order WHERE num = ?'),
  existing: db.prepare<[string, number, string, string], { id: string }>(
    `SELECT id FROM edi_document WHERE direction = 'in' AND sender_id = ? AND interchange_control_number = ? AND transaction_control_number = ?
       AND transaction_set = ?`,
  ),
  insert: db.prepare(
    `INSERT INTO edi_document (id, purchase_order_id, direction, transaction_set, sender_id, interchange_control_number, group_control_number,
       transaction_control_number, document_number, content, match_report, matches, at, actor_id)
     VALUES (@id, @orderId, 'in', @set, @senderId, @icn, @gcn, @tcn, @documentNumber, @content, @report, @matches, @at, @actorId)`,
  ),
}));

type Imported<T> = { header: InterchangeHeader; groupControlNumber: number; transactionControlNumber: string; document: T };

function single<T>(batch: EdiBatch<T>, set: '855' | '810'): Imported<T> {
  const first = batch.documents[0];
  if (batch.documents.length !== 1 || first === undefined) {
    throw passThrough({ code: 'edi.invalidInput', message: `Import one ${set} per file; this one holds ${batch.documents.length}.`, details: { documents: batch.documents.length } });
  }
  return { header: batch.interchange, groupControlNumber: first.groupControlNumber, transactionControlNumber: first.transactionControlNumber, document: first.document };
}

/** The order a document answers: the one the caller names, else the one whose number the document quotes. */
function orderFor(db: Database, given: string | undefined, poNumber: string | null): PurchaseOrderView {
  let id = given ?? null;
  if (id === null) {
    const m = /^PO-(\d{1,12})$/.exec(poNumber ?? '');
    id = m?.[1] !== undefined ? (statements(db).byNum.get(Number(m[1]))?.id ?? null) : null;
  }
  if (id === null || findOrderRow(db, id) === null) {
    throw purchasingError('inventory.ediOrderNotFound', `No purchase order here is numbered ${poNumber ?? '(none given)'}.`, { poNumber, purchaseOrderId: given ?? null });
  }
  const view = readPurchaseOrder(db, id);
  if (view.status === 'draft' || view.status === 'cancelled') {
    throw new CoreError('inventory.purchaseOrderState', `A ${view.status} purchase order was never sent; it cannot be acknowledged or invoiced.`, {
      purchaseOrderId: id,
      status: view.status,
    });
  }
  return view;
}

function keep(
  ctx: CommandContext,
  set: '855' | '810',
  text: string,
  imported: Imported<unknown>,
  view: PurchaseOrderView,
  documentNumber: string | null,
  report: Omit<EdiMatchReport, 'documentId'>,
): EdiMatchReport {
  const s = statements(ctx.db);
  const h = imported.header;
  const dup = s.existing.get(h.senderId, h.controlNumber, imported.transactionControlNumber, set);
  if (dup) {
    throw purchasingError('inventory.ediDocumentDuplicate', `This ${set} (interchange ${h.controlNumber} from ${h.senderId}) was imported before.`, { documentId: dup.id });
  }
  const id = ctx.ids.next();
  const full: EdiMatchReport = { documentId: id, ...report };
  s.insert.run({
    id,
    orderId: view.id,
    set,
    senderId: h.senderId,
    icn: h.controlNumber,
    gcn: imported.groupControlNumber,
    tcn: imported.transactionControlNumber,
    documentNumber,
    content: text,
    report: JSON.stringify(full),
    matches: full.matches ? 1 : 0,
    at: ctx.now,
    actorId: ctx.actor?.id ?? null,
  });
  const action = set === '855' ? 'inventory.importAcknowledgement' : 'inventory.importInvoice';
  ctx.audit({ action, entityType: 'purchaseOrder', entityId: view.id, after: { documentId: id, documentNumber, matches: full.matches, discrepancies: full.discrepancies.length } });
  ctx.emit(set === '855' ? 'inventory.acknowledgementImported' : 'inventory.invoiceImported', {
    documentId: id,
    purchaseOrderId: view.id,
    documentNumber,
    matches: full.matches,
    discrepancies: full.discrepancies.map((d) => ({ kind: d.kind, orderLineNo: d.orderLineNo })),
  });
  return full;
}

function ediOrderOf(ctx: CommandContext, view: PurchaseOrderView) {
  return toEdiOrder(ctx.db, view, requireSupplier(ctx.db, view.supplierId), ctx.terminal?.branchId ?? 'BRANCH', isoDay(ctx.now));
}

export function importAcknowledgement(ctx: CommandContext, input: { text: string; purchaseOrderId?: string | undefined }): EdiMatchReport {
  const parsed = parse855(input.text);
  if (!parsed.ok) throw passThrough(parsed.error);
  const imported = single(parsed.value, '855');
  const ack = imported.document;
  const view = orderFor(ctx.db, input.purchaseOrderId, ack.poNumber);
  const matched = matchAcknowledgement(ediOrderOf(ctx, view), ack);
  if (!matched.ok) throw passThrough(matched.error);
  const m: AcknowledgementMatch = matched.value;
  return keep(ctx, '855', input.text, imported, view, ack.referenceNumber, {
    purchaseOrderId: view.id,
    poNumber: view.number,
    transactionSet: '855',
    documentNumber: ack.referenceNumber,
    matches: m.matches,
    discrepancies: m.discrepancies,
    lines: m.lines.map((l) => ({
      orderLineNo: l.orderLineNo,
      documentLineNos: l.documentLineNos,
      ordered: l.ordered?.quantity ?? null,
      answered: l.acknowledged?.quantity ?? null,
      received: null,
      damaged: null,
      kinds: l.discrepancies.map((d) => d.kind),
    })),
    totals: { ...m.totals },
  });
}

export function importInvoice(ctx: CommandContext, input: { text: string; purchaseOrderId?: string | undefined }): EdiMatchReport {
  const parsed = parse810(input.text);
  if (!parsed.ok) throw passThrough(parsed.error);
  const imported = single(parsed.value, '810');
  const invoice = imported.document;
  const view = orderFor(ctx.db, input.purchaseOrderId, invoice.poNumber);
  // Received in good condition is what the pharmacy accepts to pay for; damaged packs billed show as over.
  const received = receivedByProduct(ctx.db, view.id);
  const byLine = new Map(view.lines.map((l) => [l.lineNo, received.get(l.productId) ?? { packs: 0, damaged: 0 }]));
  const matched = matchInvoice(
    ediOrderOf(ctx, view),
    invoice,
    view.lines.map((l) => ({ lineNo: l.lineNo, quantity: byLine.get(l.lineNo)?.packs ?? 0 })),
  );
  if (!matched.ok) throw passThrough(matched.error);
  const m: InvoiceMatch = matched.value;
  return keep(ctx, '810', input.text, imported, view, invoice.invoiceNumber, {
    purchaseOrderId: view.id,
    poNumber: view.number,
    transactionSet: '810',
    documentNumber: invoice.invoiceNumber,
    matches: m.matches,
    discrepancies: m.discrepancies,
    lines: m.lines.map((l) => ({
      orderLineNo: l.orderLineNo,
      documentLineNos: l.documentLineNos,
      ordered: l.ordered?.quantity ?? null,
      answered: l.invoiced?.quantity ?? null,
      received: l.received,
      damaged: l.orderLineNo === null ? null : (byLine.get(l.orderLineNo)?.damaged ?? 0),
      kinds: l.discrepancies.map((d) => d.kind),
    })),
    totals: { ...m.totals },
  });
}
