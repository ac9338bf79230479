import { afterEach, describe, expect, it } from 'vitest';
import { interchangeOf } from '../edi/test-fixtures.js';
import { expectOk } from '../testing/index.js';
import { gtinOf, setUpStore, tableCounts, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

async function sentOrder(): Promise<{ s: Store; id: string }> {
  const s = await setUpStore();
  store = s;
  const po = expectOk(
    await s.pharmacist.invoke('inventory.createPurchaseOrder', {
      supplierId: s.supplierId,
      lines: [
        { productId: s.products.paracetamol.id, packs: 10, cost: '0.41' },
        { productId: s.products.cocodamol.id, packs: 3, cost: '1.25' },
        { productId: s.products.nicotine.id, packs: 2, cost: '9.00' },
      ],
    }),
  );
  expectOk(await s.admin.invoke('inventory.approvePurchaseOrder', { id: po.id }));
  expectOk(await s.admin.invoke('inventory.sendPurchaseOrder', { id: po.id }));
  return { s, id: po.id };
}

function po1(s: Store, line: number, key: 'paracetamol' | 'cocodamol' | 'nicotine', qty: number, price: string): string {
  return `PO1*${line}*${qty}*PK*${price}**UK*${gtinOf(s, key)}`;
}

function ack(s: Store): string {
  return interchangeOf('855', [
    'BAK*00*AC*PO-000001*20261127**SO-5521',
    'CUR*SE*GBP',
    po1(s, 1, 'paracetamol', 10, '0.41'),
    'ACK*IA*10*PK',
    po1(s, 2, 'cocodamol', 3, '1.25'),
    'ACK*IA*2*PK',
    'ACK*IB*1*PK',
    po1(s, 3, 'nicotine', 2, '9.50'),
    'ACK*IA*2*PK',
  ]);
}

function invoice(s: Store, it1: string[], total: string): string {
  return interchangeOf('810', ['BIG*20261128*INV-77*20261127*PO-000001', 'CUR*SE*GBP', ...it1, `TDS*${total}`]);
}

const kinds = (report: { discrepancies: { kind: string; orderLineNo: number | null; expected: unknown; actual: unknown; against: string | null }[] }) =>
  report.discrepancies.map((d) => [d.kind, d.orderLineNo, d.expected, d.actual, d.against]);

describe('importing 855 acknowledgements and 810 invoices', () => {
  it('matches an 855 against the order, lists the backorder and the changed price, and keeps the document', async () => {
    const { s, id } = await sentOrder();
    const report = expectOk(await s.pharmacist.invoke('inventory.importAcknowledgement', { text: ack(s) }));
    expect(report).toMatchObject({ purchaseOrderId: id, poNumber: 'PO-000001', transactionSet: '855', documentNumber: 'SO-5521', matches: false });
    expect(kinds(report)).toEqual([
      ['backordered', 2, 3, 1, 'ordered'],
      ['priceDifferent', 3, '9.00', '9.50', 'ordered'],
    ]);
    expect(report.lines.map((l) => [l.orderLineNo, l.ordered, l.answered])).toEqual([
      [1, 10, 10],
      [2, 3, 2],
      [3, 2, 2],
    ]);
    const kept = s.core.db.prepare('SELECT direction, transaction_set, content, matches, match_report FROM edi_document WHERE id = ?').get(report.documentId) as Record<string, unknown>;
    expect(kept).toMatchObject({ direction: 'in', transaction_set: '855', content: ack(s), matches: 0 });
    expect(JSON.parse(String(kept.match_report))).toEqual(report);
    expect(expectOk(await s.pharmacist.invoke('inventory.getPurchaseOrder', { id })).documents).toEqual([
      expect.objectContaining({ direction: 'in', transactionSet: '855', matches: false }),
    ]);
  });

  it('matches an 810 against the order and what was received: over-billed against receipt, a different price, damaged packs shown', async () => {
    const { s, id } = await sentOrder();
    expectOk(
      await s.pharmacist.invoke('inventory.receiveDelivery', {
        supplierId: s.supplierId,
        purchaseOrderId: id,
        lines: [
          { gtin: gtinOf(s, 'paracetamol'), batch: 'P1', expiry: '2028-01-31', quantity: 8, damagedQuantity: 1, orderedQuantity: 10, cost: '0.41' },
          { gtin: gtinOf(s, 'cocodamol'), batch: 'C1', expiry: '2028-01-31', quantity: 3, cost: '1.25' },
          { gtin: gtinOf(s, 'nicotine'), batch: 'N1', expiry: '2028-01-31', quantity: 2, cost: '9.00' },
        ],
      }),
    );
    const text = invoice(s, [po1(s, 1, 'paracetamol', 10, '0.41').replace('PO1', 'IT1'), po1(s, 2, 'cocodamol', 3, '1.30').replace('PO1', 'IT1'), po1(s, 3, 'nicotine', 2, '9.00').replace('PO1', 'IT1')], '2600');
    const report = expectOk(await s.pharmacist.invoke('inventory.importInvoice', { text }));
    expect(report).toMatchObject({ transactionSet: '810', documentNumber: 'INV-77', matches: false });
    expect(kinds(report)).toEqual([
      ['quantityOver', 1, 8, 10, 'received'],
      ['priceDifferent', 2, '1.25', '1.30', 'ordered'],
    ]);
    expect(report.lines.map((l) => [l.orderLineNo, l.ordered, l.answered, l.received, l.damaged])).toEqual([
      [1, 10, 10, 8, 1],
      [2, 3, 3, 3, 0],
      [3, 2, 2, 2, 0],
    ]);
    expect(report.totals).toMatchObject({ invoiceTotalMinor: 2600, computedTotalMinor: 2600 });
  });

  it('refuses a malformed file, an unknown order and a second import of the same document, writing nothing', async () => {
    const { s } = await sentOrder();
    const before = tableCounts(s);
    const broken = ack(s).replace(/SE\*\d+\*0001/, 'SE*99*0001');
    expect(await s.pharmacist.invoke('inventory.importAcknowledgement', { text: broken })).toMatchObject({ ok: false, error: { code: 'edi.segmentCountMismatch', details: { segmentId: 'SE' } } });
    expect(await s.pharmacist.invoke('inventory.importInvoice', { text: ack(s) })).toMatchObject({ ok: false, error: { code: 'edi.unsupportedTransaction' } });
    expect(await s.pharmacist.invoke('inventory.importAcknowledgement', { text: ack(s).replace('PO-000001', 'PO-000099') })).toMatchObject({
      ok: false,
      error: { code: 'inventory.ediOrderNotFound', details: { poNumber: 'PO-000099' } },
    });
    expect(tableCounts(s)).toEqual(before);
    expectOk(await s.pharmacist.invoke('inventory.importAcknowledgement', { text: ack(s) }));
    const once = tableCounts(s);
    expect(await s.pharmacist.invoke('inventory.importAcknowledgement', { text: ack(s) })).toMatchObject({ ok: false, error: { code: 'inventory.ediDocumentDuplicate' } });
    expect(tableCounts(s)).toEqual(once);
  });
});
