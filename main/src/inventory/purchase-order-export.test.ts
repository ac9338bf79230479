import { afterEach, describe, expect, it } from 'vitest';
import { orderFromParsed850, parse850 } from '../edi/index.js';
import { expectOk } from '../testing/index.js';
import { gtinOf, setUpStore, tableCounts, type Store } from './inventory-fixtures.js';

let store: Store | undefined;
afterEach(() => store?.core.dispose());

async function approvedOrder(): Promise<{ s: Store; id: string }> {
  const s = await setUpStore();
  store = s;
  const po = expectOk(
    await s.pharmacist.invoke('inventory.createPurchaseOrder', {
      supplierId: s.supplierId,
      note: 'Deliver to the back door',
      lines: [
        { productId: s.products.paracetamol.id, packs: 10, cost: '0.41' },
        { productId: s.products.cocodamol.id, packs: 3, cost: '1.25' },
        { productId: s.products.nicotine.id, packs: 2, cost: '9.00' },
      ],
    }),
  );
  expectOk(await s.admin.invoke('inventory.approvePurchaseOrder', { id: po.id }));
  return { s, id: po.id };
}

describe('inventory.exportPurchaseOrder', () => {
  it('writes an 850 that the EDI parser reads back as the same order, and keeps it with fresh control numbers', async () => {
    const { s, id } = await approvedOrder();
    const first = expectOk(await s.pharmacist.invoke('inventory.exportPurchaseOrder', { id, format: '850' }));
    expect(first).toMatchObject({ filename: 'PO-000001.850.edi', mediaType: 'application/edi-x12', encoding: 'utf8' });
    const parsed = parse850(first.content);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(parsed.value.interchange).toMatchObject({ senderId: 'GB123456789', receiverQualifier: 'ZZ', receiverId: 'WHOLESALE1', controlNumber: 1, usage: 'P' });
    const doc = parsed.value.documents[0]?.document;
    if (!doc) throw new Error('no document');
    const order = orderFromParsed850(doc);
    if (!order.ok) throw new Error(JSON.stringify(order.error));
    expect(order.value).toMatchObject({
      poNumber: 'PO-000001',
      orderDate: '2026-11-27',
      currency: 'GBP',
      requestedDeliveryDate: '2026-11-28',
      shipTo: { name: 'Riverside Pharmacy', address: { lines: ['1 River Street'], city: 'Springfield' } },
    });
    expect(order.value.lines.map((l) => [l.lineNo, l.quantity, l.unit, l.unitPriceMinor, l.currencyExponent, l.gtin, l.description])).toEqual([
      [1, 10, 'PK', 41, 2, gtinOf(s, 'paracetamol'), 'Paracetamol 500 mg tablets'],
      [2, 3, 'PK', 125, 2, gtinOf(s, 'cocodamol'), 'Co-codamol 8/500 mg tablets'],
      [3, 2, 'PK', 900, 2, gtinOf(s, 'nicotine'), 'Nicotine 21 mg patches'],
    ]);
    const second = expectOk(await s.pharmacist.invoke('inventory.exportPurchaseOrder', { id, format: '850', usage: 'T' }));
    const again = parse850(second.content);
    expect(again.ok && again.value.interchange.controlNumber).toBe(2);
    const view = expectOk(await s.pharmacist.invoke('inventory.getPurchaseOrder', { id }));
    expect(view.documents.map((d) => [d.direction, d.transactionSet, d.documentNumber])).toEqual([
      ['out', '850', 'PO-000001'],
      ['out', '850', 'PO-000001'],
    ]);
  });

  it('refuses an 850 for a supplier without an EDI mailbox and writes nothing', async () => {
    const s = await setUpStore();
    store = s;
    const paper = expectOk(await s.admin.invoke('inventory.createSupplier', { name: 'Paper Only Ltd', leadTimeDays: 3 }));
    const po = expectOk(await s.pharmacist.invoke('inventory.createPurchaseOrder', { supplierId: paper.id, lines: [{ productId: s.products.aspirin.id, packs: 5, cost: '0.30' }] }));
    expectOk(await s.admin.invoke('inventory.approvePurchaseOrder', { id: po.id }));
    const before = tableCounts(s);
    expect(await s.pharmacist.invoke('inventory.exportPurchaseOrder', { id: po.id, format: '850' })).toMatchObject({ ok: false, error: { code: 'inventory.supplierNoEdi' } });
    expect(tableCounts(s)).toEqual(before);
    expect(expectOk(await s.pharmacist.invoke('inventory.exportPurchaseOrder', { id: po.id, format: 'csv' })).content).toContain('Paper Only Ltd');
  });

  it('writes the order as RFC 4180 CSV, one record per line', async () => {
    const { s, id } = await approvedOrder();
    const csv = expectOk(await s.pharmacist.invoke('inventory.exportPurchaseOrder', { id, format: 'csv' }));
    expect(csv).toMatchObject({ filename: 'PO-000001.csv', mediaType: 'text/csv', encoding: 'utf8' });
    const records = csv.content.split('\r\n').filter((r) => r !== '');
    expect(records).toHaveLength(4);
    expect(records[0]?.startsWith('po_number,order_date,')).toBe(true);
    expect(records[1]).toContain('PO-000001');
    expect(records[1]).toContain(',10,PK,0.41,4.10,');
    expect(records[3]).toContain('Nicotine 21 mg patches');
  });

  it('prints the order as a PDF holding its number, supplier, lines and total', async () => {
    const { s, id } = await approvedOrder();
    const pdf = expectOk(await s.pharmacist.invoke('inventory.exportPurchaseOrder', { id, format: 'pdf' }));
    expect(pdf).toMatchObject({ filename: 'PO-000001.pdf', mediaType: 'application/pdf', encoding: 'base64' });
    const bytes = Buffer.from(pdf.content, 'base64');
    expect(bytes.length).toBe(pdf.bytes);
    const text = bytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    for (const needle of ['(Purchase order PO-000001)', '(Supplier: Wholesale One)', '(Paracetamol 500 mg tablets)', '(Co-codamol 8/500 mg tablets)', '(4.10)', '(3.75)', '(18.00)', '(25.85)', '(Page 1 of 1)']) {
      expect(text, needle).toContain(`${needle} Tj`);
    }
    expect(s.core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'inventory.exportPurchaseOrder'").get()).toEqual({ n: 1 });
  });
});
