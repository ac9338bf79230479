// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OutputOf, PrinterView } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { PrintersPanel } from './printers-panel.js';
import { ReceiptPrintBar } from './receipt-print-bar.js';

afterEach(cleanup);

const PRINTER_ID = '01900000-0000-7000-8000-0000000000p1';
const SALE_ID = '01900000-0000-7000-8000-0000000000s1';

const frontCounter: PrinterView = {
  id: PRINTER_ID,
  name: 'Front counter',
  connection: { kind: 'tcp', host: '192.168.1.50', port: 9100 },
  paperWidthMm: 80,
  codepage: 'cp858',
  cutter: true,
  hasDrawer: true,
  isReceiptPrinter: true,
  updatedAt: 1,
};

type Status = OutputOf<'printing.status'>;

function statusWith(printer: Partial<Status['printers'][number]>, extra: Partial<Status> = {}): Status {
  const queueLength = printer.queueLength ?? 0;
  return {
    workerRunning: true,
    printers: [
      { id: PRINTER_ID, name: 'Front counter', isReceiptPrinter: true, state: 'idle', connected: true, offline: false, paperOut: false, queueLength, lastError: null, ...printer },
    ],
    queueLength,
    waiting: [],
    sale: null,
    ...extra,
  };
}

function saleJob(state: 'queued' | 'printing' | 'printed' | 'failed'): NonNullable<Status['sale']> {
  return {
    id: 'job-1',
    printerId: PRINTER_ID,
    kind: 'receipt',
    saleId: SALE_ID,
    shiftId: null,
    label: 'Receipt 12',
    openDrawer: true,
    state,
    attempts: state === 'failed' ? 1 : 0,
    error: state === 'failed' ? { code: 'printer.connectFailed', message: 'no route' } : null,
    createdAt: 1,
    printedAt: state === 'printed' ? 2 : null,
  };
}

describe('Settings → Printers', () => {
  it('shows each printer with its state and waiting jobs, and follows the core when a printer goes offline', async () => {
    let status = statusWith({ state: 'idle', connected: true });
    const bridge = createFakeBridge({
      'printing.listPrinters': () => [frontCounter],
      'printing.status': () => status,
    });
    renderWith(<PrintersPanel session={session('admin')} />, bridge);
    const row = await screen.findByTestId('printer-row');
    expect(row.textContent).toContain('Front counter');
    expect(row.textContent).toContain('Receipt printer');
    expect(row.textContent).toContain('192.168.1.50:9100');
    await waitFor(() => expect(screen.getByTestId('printer-state').textContent).toBe('Ready'));
    expect(screen.getByTestId('printers-queue').textContent).toContain('Nothing is waiting');

    status = statusWith({ state: 'offline', connected: false, offline: true, queueLength: 2 });
    bridge.notify({ topics: ['printing'], op: 'printing.status' });
    await waitFor(() => expect(screen.getByTestId('printer-state').textContent).toBe('Offline'));
    expect(screen.getByTestId('printer-waiting').textContent).toBe('Waiting: 2');
    expect(screen.getByTestId('printers-queue').textContent).toContain('2 jobs are waiting to print.');
    await userEvent.click(screen.getByTestId('printers-retry'));
    await waitFor(() => expect(bridge.callsOf('printing.retryNow')).toEqual([{}]));
  });

  it('sends a test print to the printer and says so', async () => {
    const bridge = createFakeBridge({
      'printing.listPrinters': () => [frontCounter],
      'printing.status': () => statusWith({}),
      'printing.testPrint': () => ({ jobId: 'job-t' }),
    });
    renderWith(<PrintersPanel session={session('manager')} />, bridge);
    await userEvent.click(await screen.findByTestId('printer-test'));
    expect((await screen.findByTestId('printers-message')).textContent).toBe('Test page sent to Front counter.');
    expect(bridge.callsOf('printing.testPrint')).toEqual([{ id: PRINTER_ID }]);
  });

  it('adds a network printer on port 9100 as the receipt printer with a drawer, and shows the core’s objection to a bad port', async () => {
    const saved: unknown[] = [];
    const bridge = createFakeBridge({
      'printing.listPrinters': () => [],
      'printing.status': () => ({ ...statusWith({}), printers: [] }),
      'printing.savePrinter': (input: { connection: { port: number } }) => {
        saved.push(input);
        if (!(input.connection.port >= 1)) {
          return fail('api.invalidInput', { issues: [{ path: ['connection', 'port'], message: 'a port from 1 to 65535', code: 'custom' }] });
        }
        return { ...frontCounter };
      },
    });
    renderWith(<PrintersPanel session={session('admin')} />, bridge);
    expect((await screen.findByTestId('printers-none')).textContent).toContain('No printer');
    await userEvent.click(screen.getByTestId('printer-add'));
    fireEvent.change(screen.getByTestId('printer-name'), { target: { value: 'Front counter' } });
    fireEvent.change(screen.getByTestId('printer-host'), { target: { value: '192.168.1.50' } });
    fireEvent.change(screen.getByTestId('printer-port'), { target: { value: 'x' } });
    await userEvent.click(screen.getByTestId('printer-save'));
    expect(await screen.findByTestId('printer-form-error')).toBeTruthy();
    expect(screen.getByText('a port from 1 to 65535')).toBeTruthy();
    fireEvent.change(screen.getByTestId('printer-port'), { target: { value: '9100' } });
    await userEvent.click(screen.getByTestId('printer-save'));
    expect((await screen.findByTestId('printers-message')).textContent).toBe('Printer saved.');
    expect(saved.at(-1)).toEqual({
      name: 'Front counter',
      connection: { kind: 'tcp', host: '192.168.1.50', port: 9100 },
      paperWidthMm: 80,
      codepage: 'cp858',
      cutter: true,
      hasDrawer: true,
      isReceiptPrinter: true,
    });
  });

  it('lets a cashier see the printers but change nothing', async () => {
    const bridge = createFakeBridge({
      'printing.listPrinters': () => [frontCounter],
      'printing.status': () => statusWith({}),
    });
    renderWith(<PrintersPanel session={session('cashier')} />, bridge, 'de');
    await screen.findByTestId('printer-row');
    expect(screen.getByTestId('printers-read-only').textContent).toContain('Drucker ändern');
    expect(screen.queryByTestId('printer-add')).toBeNull();
    expect(screen.queryByTestId('printer-test')).toBeNull();
    expect(screen.queryByTestId('printer-remove')).toBeNull();
  });
});

describe('the receipt on screen', () => {
  it('tells the cashier the receipt is queued because the printer is offline, and reprints a copy on request', async () => {
    const bridge = createFakeBridge({
      'printing.status': () => statusWith({ state: 'offline', offline: true, connected: false, queueLength: 1 }, { sale: saleJob('failed') }),
      'printing.reprint': () => ({ jobId: 'job-2' }),
    });
    renderWith(<ReceiptPrintBar saleId={SALE_ID} />, bridge);
    expect((await screen.findByTestId('receipt-print-state')).textContent).toBe(
      'The printer is offline: the receipt is queued and prints when the printer is back.',
    );
    expect(bridge.callsOf('printing.status')).toEqual([{ saleId: SALE_ID }]);
    await userEvent.click(screen.getByTestId('receipt-reprint'));
    expect((await screen.findByTestId('receipt-reprint-message')).textContent).toBe('A copy is being printed.');
    expect(bridge.callsOf('printing.reprint')).toEqual([{ saleId: SALE_ID }]);
  });

  it('says the receipt printed, says so when no receipt printer is set up, and stays silent before a core that cannot print', async () => {
    const bridge = createFakeBridge({ 'printing.status': () => statusWith({}, { sale: saleJob('printed') }) });
    const first = renderWith(<ReceiptPrintBar saleId={SALE_ID} />, bridge);
    expect((await screen.findByTestId('receipt-print-state')).textContent).toBe('Receipt printed.');
    first.unmount();

    const none = createFakeBridge({ 'printing.status': () => ({ ...statusWith({}), printers: [] }) });
    const second = renderWith(<ReceiptPrintBar saleId={SALE_ID} />, none);
    expect((await screen.findByTestId('receipt-print-state')).textContent).toContain('No receipt printer');
    expect(screen.queryByTestId('receipt-reprint')).toBeNull();
    second.unmount();

    const before = createFakeBridge({ 'printing.status': () => statusWith({}) });
    const third = renderWith(<ReceiptPrintBar saleId={SALE_ID} />, before);
    expect((await screen.findByTestId('receipt-print-state')).textContent).toContain('Reprint prints a copy');
    third.unmount();

    const old = createFakeBridge({});
    renderWith(<ReceiptPrintBar saleId={SALE_ID} />, old);
    await waitFor(() => expect(old.callsOf('printing.status')).toHaveLength(1));
    expect(screen.queryByTestId('receipt-print')).toBeNull();
  });
});
