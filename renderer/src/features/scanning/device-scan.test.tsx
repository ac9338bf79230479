// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ScannerStatus } from '@mortar/main/contract';
import { session } from '../../test/fixtures.js';
import { EXPIRED_BATCH, fakeSalesCore, GS, products } from '../../test/fake-sales-core.js';
import { cleanup, renderWith } from '../../test/render.js';
import { dialogClosed, dialogOpened } from '../checkout/cart-slice.js';
import { CheckoutScreen } from '../checkout/checkout-screen.js';

afterEach(cleanup);

const aspirin = products[0]!;
const datamatrix = (batch: string, yymmdd: string) => `01${aspirin.gtin ?? ''}10${batch}${GS}17${yymmdd}`;
const lines = () => screen.queryAllByTestId('cart-line');

const scanner: ScannerStatus = {
  id: 'scanner-1',
  kind: 'serial',
  name: 'Counter scanner',
  enabled: true,
  link: 'connected',
  reason: null,
  retryInMs: null,
  device: '/dev/ttyUSB0',
  lastScanAt: null,
  changedAt: 1,
};

function deviceScan(raw: string) {
  return { type: 'scan' as const, scan: { scannerId: 'scanner-1', kind: 'serial' as const, raw, symbologyId: null, receivedAt: 1 } };
}

async function open() {
  const core = fakeSalesCore({}, { 'scanning.getStatus': () => ({ hostRunning: true, scanners: [scanner] }) });
  const { store } = renderWith(<CheckoutScreen session={session('cashier')} now={() => 0} />, core.bridge);
  const box = (await screen.findByTestId('checkout-scan')) as HTMLInputElement;
  return { core, box, store };
}

describe('a serial or HID scanner at the checkout', () => {
  it('puts a device scan into the cart exactly as a wedge scan, with its batch, leaving a typed search alone', async () => {
    const { core, box } = await open();
    fireEvent.change(box, { target: { value: 'ibu' } });
    core.bridge.scanning(deviceScan(datamatrix('K26B407', '280221')));
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(within(lines()[0]!).getByTestId('cart-line-batch').textContent).toContain('K26B407');
    expect(core.bridge.callsOf('sales.lookupScan')).toEqual([{ scan: datamatrix('K26B407', '280221') }]);
    expect(box.value).toBe('ibu');
  });

  it('refuses an expired batch from a device scan with the same words as from the wedge', async () => {
    const { core } = await open();
    core.bridge.scanning(deviceScan(datamatrix(EXPIRED_BATCH, '240131')));
    const refusal = await screen.findByTestId('checkout-refusal');
    expect(refusal.textContent).toContain(`Batch ${EXPIRED_BATCH} expired on Jan 31, 2024`);
    expect(lines()).toHaveLength(0);
  });

  it('shows the scanner’s link beside the scan box and follows it', async () => {
    const { core } = await open();
    const item = await screen.findByTestId('scanner-indicator-item');
    expect(item.getAttribute('data-link')).toBe('connected');
    expect(item.textContent).toContain('Counter scanner: Connected');
    core.bridge.scanning({
      type: 'scannerState',
      scanner: { ...scanner, link: 'disconnected', device: null, retryInMs: 500, reason: { code: 'scanner.portLost', message: 'The port went away' } },
    });
    await waitFor(() => expect(screen.getByTestId('scanner-indicator-item').getAttribute('data-link')).toBe('disconnected'));
    expect(screen.getByTestId('scanner-indicator-item').getAttribute('title')).toBe('The port went away');
  });

  it('takes no device scan while a dialog has the counter, and takes the next one once it is closed', async () => {
    const { core, store } = await open();
    core.bridge.scanning(deviceScan(datamatrix('K26B407', '280221')));
    await waitFor(() => expect(lines()).toHaveLength(1));
    await act(async () => {
      store.dispatch(dialogOpened('lineDiscount'));
    });
    core.bridge.scanning(deviceScan(datamatrix('K26B408', '280221')));
    await new Promise((r) => setTimeout(r, 50));
    expect(core.bridge.callsOf('sales.lookupScan')).toHaveLength(1);
    await act(async () => {
      store.dispatch(dialogClosed());
    });
    core.bridge.scanning(deviceScan(datamatrix('K26B408', '280221')));
    await waitFor(() => expect(core.bridge.callsOf('sales.lookupScan')).toHaveLength(2));
  });

  it('takes no device scan while the checkout is not on screen', async () => {
    const core = fakeSalesCore({ shift: null });
    renderWith(<CheckoutScreen session={session('cashier')} now={() => 0} />, core.bridge);
    await screen.findByTestId('checkout');
    core.bridge.scanning(deviceScan(datamatrix('K26B407', '280221')));
    await new Promise((r) => setTimeout(r, 50));
    expect(core.bridge.callsOf('sales.lookupScan')).toEqual([]);
  });
});
