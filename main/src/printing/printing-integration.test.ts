import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, decodedText, FakeNetworkPrinter, type EscPosCommand } from '@mortar/native';
import type { Connection } from '../core.js';
import { line, payKey, sellForCash, setUpCounter, type Counter } from '../sales/sales-fixtures.js';
import { createTestCore, expectOk, loginAs, type TestCore } from '../testing/index.js';
import { startPrinting } from './printing-service.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function fakePrinter(port?: number): Promise<FakeNetworkPrinter> {
  const fake = await FakeNetworkPrinter.start(port);
  cleanups.push(() => fake.stop());
  return fake;
}

async function counterWithPrinter(port: number): Promise<Counter> {
  const counter = await setUpCounter();
  cleanups.push(() => counter.core.dispose());
  expectOk(
    await counter.admin.invoke('printing.savePrinter', {
      name: 'Front counter',
      connection: { kind: 'tcp', host: '127.0.0.1', port },
      paperWidthMm: 80,
      hasDrawer: true,
      isReceiptPrinter: true,
    }),
  );
  return counter;
}

function withWorker(core: TestCore) {
  const printing = startPrinting(core, { backoff: { initialMs: 30, factor: 2, maxMs: 120 }, pollMs: 0, statusTimeoutMs: 300 });
  cleanups.push(() => printing.printing.stop());
  return printing;
}

/** Polls a condition on the core's state (jobs are recorded by the worker after the printer took them). */
async function until(check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not done within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function saleJobState(c: Connection, saleId: string): Promise<string | null> {
  return expectOk(await c.invoke('printing.status', { saleId })).sale?.state ?? null;
}

const cuts = (cmds: EscPosCommand[]) => cmds.filter((c) => c.type === 'cut');
const kicks = (cmds: EscPosCommand[]) => cmds.filter((c) => c.type === 'drawerKick');
const barcodes = (cmds: EscPosCommand[]) => cmds.flatMap((c) => (c.type === 'barcode' ? [c] : []));

describe('a completed sale prints on the receipt printer', () => {
  it('prints the receipt of a cash sale with its text, batch, tax, the CODE128 receipt code, a drawer kick and a cut', async () => {
    const fake = await fakePrinter();
    const counter = await counterWithPrinter(fake.port);
    withWorker(counter.core);
    const sale = await sellForCash(counter, [line(counter, 'paracetamol', 2), line(counter, 'nicotine')], '30.00');
    await until(async () => (await saleJobState(counter.cashier, sale.id)) === 'printed');

    const commands = decodeEscPos(fake.printed());
    const text = decodedText(commands).join('\n');
    expect(text).toContain('Riverside');
    expect(text).toContain('GB123456789');
    expect(text).toContain('Paracetamol 500 mg tablets');
    expect(text).toContain('B-PARACETAMOL');
    expect(text).toContain('Casey Cashier');
    expect(text).toMatch(/Change/);
    expect(cuts(commands)).toHaveLength(1);
    expect(kicks(commands)).toHaveLength(1);
    expect(barcodes(commands).map((b) => [b.symbology, b.data])).toEqual([['CODE128', sale.receiptCode]]);
    // The code on paper takes the cashier back to this very sale.
    expect(expectOk(await counter.cashier.invoke('sales.findByReceipt', { receipt: sale.receiptCode })).id).toBe(sale.id);
  });

  it('does not open the drawer for a card sale', async () => {
    const fake = await fakePrinter();
    const counter = await counterWithPrinter(fake.port);
    withWorker(counter.core);
    const priced = expectOk(await counter.cashier.invoke('sales.priceCart', { lines: [line(counter, 'aspirin')] }));
    const sale = expectOk(
      await counter.cashier.invoke('sales.completeSale', {
        idempotencyKey: payKey(),
        lines: [line(counter, 'aspirin')],
        tenders: [{ kind: 'card', amount: (priced.totals.grossMinor / 100).toFixed(2), reference: 'AUTH-7781' }],
      }),
    );
    await until(async () => (await saleJobState(counter.cashier, sale.id)) === 'printed');
    const commands = decodeEscPos(fake.printed());
    expect(kicks(commands)).toHaveLength(0);
    expect(cuts(commands)).toHaveLength(1);
    expect(decodedText(commands).join('\n')).toContain('AUTH-7781');
  });

  it('completes the sale while the printer is down, keeps the receipt queued and says so, and prints it once when the printer is back', async () => {
    const port = await FakeNetworkPrinter.freePort();
    const counter = await counterWithPrinter(port);
    withWorker(counter.core);
    const sale = await sellForCash(counter, [line(counter, 'ibuprofen')], '5.00');
    expect(sale.receiptNo).toBe(1);
    await until(async () => {
      const status = expectOk(await counter.cashier.invoke('printing.status', { saleId: sale.id }));
      return status.printers[0]?.offline === true && status.sale?.state === 'failed';
    });
    const down = expectOk(await counter.cashier.invoke('printing.status', { saleId: sale.id }));
    expect(down).toMatchObject({ workerRunning: true, queueLength: 1, printers: [{ isReceiptPrinter: true, offline: true, connected: false, queueLength: 1 }] });
    expect(down.sale?.error?.code).toMatch(/^printer\./);

    const fake = await fakePrinter(port);
    expectOk(await counter.cashier.invoke('printing.retryNow', {}));
    await until(async () => (await saleJobState(counter.cashier, sale.id)) === 'printed');
    // More retries change nothing: the printer acknowledged the job, so it is never sent again.
    expectOk(await counter.cashier.invoke('printing.retryNow', {}));
    await new Promise((r) => setTimeout(r, 200));
    const commands = decodeEscPos(fake.printed());
    expect(cuts(commands)).toHaveLength(1);
    expect(barcodes(commands)).toHaveLength(1);
    const up = expectOk(await counter.cashier.invoke('printing.status', {}));
    expect(up).toMatchObject({ queueLength: 0, printers: [{ connected: true, offline: false }] });
  });

  it('holds the receipt while the printer reports paper out, tells the screens, and prints it once paper is loaded', async () => {
    const fake = await fakePrinter();
    fake.state.paperOut = true;
    const counter = await counterWithPrinter(fake.port);
    const core = withWorker(counter.core);
    const notices: string[] = [];
    const off = core.subscribe((n) => notices.push(`${n.topics.join(',')}:${n.op}`));
    cleanups.push(off);
    const sale = await sellForCash(counter, [line(counter, 'aspirin')], '2.00');
    await until(async () => expectOk(await counter.cashier.invoke('printing.status', {})).printers[0]?.paperOut === true);
    expect(notices).toContain('printing:printing.status');
    expect(await saleJobState(counter.cashier, sale.id)).toBe('failed');
    expect(expectOk(await counter.cashier.invoke('printing.status', { saleId: sale.id })).sale?.error?.code).toBe('printer.paperOut');
    expect(cuts(decodeEscPos(fake.printed()))).toHaveLength(0);

    fake.state.paperOut = false;
    expectOk(await counter.cashier.invoke('printing.retryNow', {}));
    await until(async () => (await saleJobState(counter.cashier, sale.id)) === 'printed');
    expect(cuts(decodeEscPos(fake.printed()))).toHaveLength(1);
  });

  it('prints a receipt that was still queued when the terminal stopped, once, after the restart', async () => {
    const port = await FakeNetworkPrinter.freePort();
    const counter = await setUpCounter();
    const dataDir = counter.core.dataDir;
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    expectOk(
      await counter.admin.invoke('printing.savePrinter', {
        name: 'Front counter',
        connection: { kind: 'tcp', host: '127.0.0.1', port },
        hasDrawer: true,
        isReceiptPrinter: true,
      }),
    );
    // No worker runs: the sale completes and its receipt waits in the store.
    const sale = await sellForCash(counter, [line(counter, 'pads')], '10.00');
    expect(expectOk(await counter.cashier.invoke('printing.status', { saleId: sale.id }))).toMatchObject({
      workerRunning: false,
      queueLength: 1,
      sale: { state: 'queued', kind: 'receipt', openDrawer: true },
    });
    counter.core.close();

    const fake = await fakePrinter(port);
    const reopened = createTestCore({ dataDir });
    cleanups.push(() => reopened.close());
    withWorker(reopened);
    const cashier = await loginAs(reopened, 'casey', 'cashier-pass-1');
    await until(async () => (await saleJobState(cashier, sale.id)) === 'printed');
    const commands = decodeEscPos(fake.printed());
    expect(cuts(commands)).toHaveLength(1);
    expect(barcodes(commands).map((b) => b.data)).toEqual([sale.receiptCode]);
  });

  it('reprints a receipt from history as a COPY, without opening the drawer', async () => {
    const fake = await fakePrinter();
    const counter = await counterWithPrinter(fake.port);
    withWorker(counter.core);
    const sale = await sellForCash(counter, [line(counter, 'aspirin')], '2.00');
    await until(async () => (await saleJobState(counter.cashier, sale.id)) === 'printed');
    const { jobId } = expectOk(await counter.cashier.invoke('printing.reprint', { saleId: sale.id }));
    await until(async () => expectOk(await counter.cashier.invoke('printing.status', {})).queueLength === 0 && cuts(decodeEscPos(fake.printed())).length === 2);
    const commands = decodeEscPos(fake.printed());
    expect(kicks(commands)).toHaveLength(1);
    expect(decodedText(commands).filter((l) => l.includes('COPY'))).toHaveLength(2);
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
