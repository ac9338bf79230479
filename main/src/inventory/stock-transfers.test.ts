import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../core.js';
import { ADMIN, createTestCore, expectOk, loginAs, type TestCore } from '../testing/index.js';
import { EXP_SOON, onHand } from '../sales/sales-fixtures.js';
import { verifyStockProjection } from './stock-ledger.js';
import { canonicalJson, transferChecksum } from './stock-transfers.js';
import type { TransferDocument } from './contract/purchasing-schemas.js';
import { lotAt, setUpStore, tableCounts, type Store } from './inventory-fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

type Branch = { core: TestCore; admin: Connection; pharmacist: Connection };

/** Two branches of one chain: the second is set up on its own, then joined to the first's tenant. */
async function twoBranches(): Promise<{ a: Store; b: Branch & { store: Store } }> {
  const a = await setUpStore({ seed: 42 });
  cleanups.push(() => a.core.dispose());
  const first = await setUpStore({ seed: 43 });
  const tenant = (a.core.db.prepare('SELECT tenant_id FROM pharmacy').get() as { tenant_id: string }).tenant_id;
  first.core.db.prepare('UPDATE pharmacy SET tenant_id = ?').run(tenant);
  first.core.close();
  // Reopened, the terminal reads its new tenant (as enrolment into the chain would leave it).
  const core = createTestCore({ dataDir: first.core.dataDir, seed: 44 });
  cleanups.push(() => {
    core.close();
    rmSync(first.core.dataDir, { recursive: true, force: true });
  });
  const admin = await loginAs(core, ADMIN.username, ADMIN.password);
  const pharmacist = await loginAs(core, 'pat', 'pat-password-1');
  return { a, b: { core, admin, pharmacist, store: { ...first, core } } };
}

function productUnits(core: TestCore, productId: string): { ledger: number; projected: number } {
  const ledger = (core.db.prepare('SELECT coalesce(sum(quantity), 0) AS n FROM stock_movement WHERE product_id = ?').get(productId) as { n: number }).n;
  const projected = (core.db.prepare('SELECT coalesce(sum(on_hand), 0) AS n FROM stock_balance WHERE product_id = ?').get(productId) as { n: number }).n;
  return { ledger, projected };
}

describe('transfers between branches by file', () => {
  it('moves stock out at one branch and in at the other, the ledger folding to on-hand on both, and refuses a second import', async () => {
    const { a, b } = await twoBranches();
    const para = a.products.paracetamol;
    const sent = expectOk(
      await a.pharmacist.invoke('inventory.transferOut', {
        toBranchName: 'Hill Street',
        lines: [
          { lotId: a.lots.paracetamol, quantity: 32 },
          { lotId: a.lots.nicotine, quantity: 7 },
        ],
      }),
    );
    expect(sent).toMatchObject({ direction: 'out', status: 'inTransit' });
    expect(onHand(a.core, a.lots.paracetamol)).toBe(320 - 32);
    expect(a.core.db.prepare("SELECT kind, quantity FROM stock_movement WHERE document_id = ? ORDER BY seq").all(sent.id)).toEqual([
      { kind: 'transferOut', quantity: -32 },
      { kind: 'transferOut', quantity: -7 },
    ]);
    const exported = expectOk(await a.pharmacist.invoke('inventory.exportTransfer', { id: sent.id }));
    expect(exported).toEqual({ filename: `transfer-${sent.id}.json`, document: sent.document, checksum: sent.checksum });
    const doc = JSON.parse(exported.document) as TransferDocument;
    expect(doc).toMatchObject({ format: 'mortar.stockTransfer', version: 1, id: sent.id, toBranchName: 'Hill Street' });
    expect(doc.lines.map((l) => [l.gtin, l.batch, l.expiry, l.location, l.quantity])).toEqual([
      [para.gtins[0], 'B-PARACETAMOL', EXP_SOON, 'shelf', 32],
      [a.products.nicotine.gtins[0], 'B-NICOTINE', EXP_SOON, 'shelf', 7],
    ]);

    const bPara = b.store.products.paracetamol.id;
    const bLot = lotAt(b.store, bPara, 'B-PARACETAMOL', 'shelf')?.id ?? '';
    const received = expectOk(await b.pharmacist.invoke('inventory.importTransfer', { document: exported.document }));
    expect(received).toMatchObject({ id: sent.id, direction: 'in', status: 'received' });
    expect(onHand(b.core, bLot)).toBe(320 + 32);
    expect(b.core.db.prepare("SELECT kind, quantity FROM stock_movement WHERE document_id = ? ORDER BY seq").all(sent.id)).toEqual([
      { kind: 'transferIn', quantity: 32 },
      { kind: 'transferIn', quantity: 7 },
    ]);
    for (const core of [a.core, b.core]) {
      expect(verifyStockProjection(core.db)).toEqual([]);
    }
    const unitsA = productUnits(a.core, para.id);
    const unitsB = productUnits(b.core, bPara);
    expect(unitsA).toEqual({ ledger: 288, projected: 288 });
    expect(unitsB).toEqual({ ledger: 352, projected: 352 });
    expect(b.core.db.prepare("SELECT count(*) AS n FROM outbox_event WHERE type = 'inventory.transferReceived'").get()).toEqual({ n: 1 });

    const before = tableCounts(b.store);
    expect(await b.pharmacist.invoke('inventory.importTransfer', { document: exported.document })).toMatchObject({
      ok: false,
      error: { code: 'inventory.transferAlreadyReceived', details: { transferId: sent.id } },
    });
    expect(tableCounts(b.store)).toEqual(before);
    expect(onHand(b.core, bLot)).toBe(352);
  });

  it('refuses an altered file, another chain, its own branch and a file that is not a transfer, writing nothing', async () => {
    const { a, b } = await twoBranches();
    const sent = expectOk(await a.pharmacist.invoke('inventory.transferOut', { lines: [{ lotId: a.lots.aspirin, quantity: 16 }] }));
    const doc = JSON.parse(sent.document) as TransferDocument;
    const altered = JSON.stringify({ ...doc, lines: [{ ...doc.lines[0], quantity: 160 }] });
    const { checksum, ...body } = { ...doc, tenantId: '01900000-0000-7000-8000-000000000001' };
    void checksum;
    const otherChain = JSON.stringify({ ...body, checksum: transferChecksum(body) });
    const before = tableCounts(b.store);
    const cases = [
      [altered, 'inventory.transferChecksum'],
      [otherChain, 'inventory.transferTenant'],
      ['{"not": "a transfer"', 'inventory.transferMalformed'],
      [JSON.stringify({ format: 'mortar.stockTransfer' }), 'inventory.transferMalformed'],
    ] as const;
    for (const [document, code] of cases) {
      expect(await b.pharmacist.invoke('inventory.importTransfer', { document }), code).toMatchObject({ ok: false, error: { code } });
    }
    expect(tableCounts(b.store)).toEqual(before);
    const atHome = tableCounts(a);
    expect(await a.pharmacist.invoke('inventory.importTransfer', { document: sent.document })).toMatchObject({ ok: false, error: { code: 'inventory.transferWrongBranch' } });
    expect(tableCounts(a)).toEqual(atHome);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('sends only stock that is there and not in quarantine', async () => {
    const { a } = await twoBranches();
    const before = tableCounts(a);
    expect(await a.pharmacist.invoke('inventory.transferOut', { lines: [{ lotId: a.lots.aspirin, quantity: 200 }, { lotId: a.lots.aspirin, quantity: 200 }] })).toMatchObject({
      ok: false,
      error: { code: 'stock.wouldGoNegative', details: { onHand: 320, requested: 400 } },
    });
    expect(tableCounts(a)).toEqual(before);
    const q = expectOk(await a.pharmacist.invoke('inventory.quarantineStock', { lotId: a.lots.aspirin, quantity: 16, reason: 'damaged box' }));
    const quarantined = tableCounts(a);
    expect(await a.pharmacist.invoke('inventory.transferOut', { lines: [{ lotId: q.toLotId, quantity: 16 }] })).toMatchObject({ ok: false, error: { code: 'inventory.transferFromQuarantine' } });
    expect(await a.cashier.invoke('inventory.transferOut', { lines: [{ lotId: a.lots.aspirin, quantity: 16 }] })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(tableCounts(a)).toEqual(quarantined);
  });
});
