// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ScannerSetting, ScannerStatus } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { ScannersPanel } from './scanners-panel.js';

afterEach(cleanup);

const counterScanner: ScannerSetting = {
  id: 'scanner-1',
  kind: 'serial',
  name: 'Counter scanner',
  enabled: true,
  gsSubstitute: null,
  path: '/dev/ttyUSB0',
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  suffix: 'cr',
};

const connected: ScannerStatus = {
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

function core(scanners: ScannerSetting[] = [counterScanner], statuses: ScannerStatus[] = [connected]) {
  return createFakeBridge({
    'scanning.listScanners': () => ({ scanners }),
    'scanning.getStatus': () => ({ hostRunning: true, scanners: statuses }),
    'scanning.listPorts': () => ({
      serial: [{ path: '/dev/ttyACM0', manufacturer: 'Datalogic', serialNumber: null, vendorId: 0x05f9, productId: 0x4204 }],
      hid: [{ path: '/dev/hidraw2', vendorId: 0x05e0, productId: 0x1200, manufacturer: 'Zebra', product: 'DS2208', serialNumber: 'S123' }],
      serialError: null,
      hidError: null,
    }),
  });
}

describe('the scanners panel', () => {
  it('shows each scanner with its live link and follows the core when the cable is pulled and put back', async () => {
    const bridge = core();
    renderWith(<ScannersPanel session={session('admin')} />, bridge);
    const row = await screen.findByTestId('scanner-row');
    expect(row.textContent).toContain('Counter scanner');
    expect(row.textContent).toContain('/dev/ttyUSB0 · 9600');
    await waitFor(() => expect(within(row).getByTestId('scanner-link').textContent).toBe('Connected'));

    bridge.scanning({
      type: 'scannerState',
      scanner: { ...connected, link: 'disconnected', device: null, retryInMs: 250, reason: { code: 'scanner.portLost', message: 'The port /dev/ttyUSB0 went away' } },
    });
    await waitFor(() => expect(within(row).getByTestId('scanner-link').textContent).toBe('Disconnected'));
    expect(within(row).getByTestId('scanner-reason').textContent).toContain('went away');

    bridge.scanning({ type: 'scannerState', scanner: { ...connected, lastScanAt: Date.UTC(2026, 10, 27, 9, 30) } });
    await waitFor(() => expect(within(row).getByTestId('scanner-link').textContent).toBe('Connected'));
    expect(within(row).getByTestId('scanner-last-scan')).toBeTruthy();
  });

  it('adds a serial scanner on a listed port with its baud rate, suffix and GS substitute', async () => {
    const bridge = core([], []);
    bridge.handlers['scanning.saveScanner'] = (input: never) => ({ ...(input as object), id: 'scanner-2' });
    const user = userEvent.setup();
    renderWith(<ScannersPanel session={session('manager')} />, bridge);
    await screen.findByTestId('scanners-none');
    await user.click(screen.getByTestId('scanner-add'));
    await user.click(screen.getByTestId('scanner-list-ports'));
    const port = await screen.findByTestId('scanner-port');
    expect(port.textContent).toContain('/dev/ttyACM0 · Datalogic');
    await user.click(port);
    expect((screen.getByTestId('scanner-path') as HTMLInputElement).value).toBe('/dev/ttyACM0');
    await user.type(screen.getByTestId('scanner-name'), 'Till 2 scanner');
    await user.selectOptions(screen.getByTestId('scanner-baud'), '19200');
    await user.selectOptions(screen.getByTestId('scanner-suffix'), 'crlf');
    await user.type(screen.getByTestId('scanner-gs'), '~');
    await user.click(screen.getByTestId('scanner-save'));
    await waitFor(() => expect(screen.getByTestId('scanners-message').textContent).toBe('Scanner saved.'));
    expect(bridge.callsOf('scanning.saveScanner')).toEqual([
      { kind: 'serial', name: 'Till 2 scanner', enabled: true, gsSubstitute: '~', path: '/dev/ttyACM0', baudRate: 19200, dataBits: 8, parity: 'none', stopBits: 1, suffix: 'crlf' },
    ]);
  });

  it('fills a HID scanner from the device list and shows the core’s refusal in words', async () => {
    const bridge = core([], []);
    bridge.handlers['scanning.saveScanner'] = () => fail('scanning.portTaken', { scannerId: 'scanner-1' });
    const user = userEvent.setup();
    renderWith(<ScannersPanel session={session('admin')} />, bridge);
    await user.click(await screen.findByTestId('scanner-add'));
    await user.click(screen.getByTestId('scanner-list-ports'));
    await user.click(await screen.findByTestId('scanner-hid-device'));
    expect((screen.getByTestId('scanner-vendor') as HTMLInputElement).value).toBe('05e0');
    expect((screen.getByTestId('scanner-product') as HTMLInputElement).value).toBe('1200');
    await user.type(screen.getByTestId('scanner-name'), 'Handheld');
    await user.click(screen.getByTestId('scanner-save'));
    expect((await screen.findByTestId('scanner-form-error')).textContent).toBe('Another scanner already uses this port or device.');
    expect(bridge.callsOf('scanning.saveScanner')).toEqual([
      { kind: 'hid', name: 'Handheld', enabled: true, gsSubstitute: null, vendorId: 0x05e0, productId: 0x1200, serialNumber: 'S123' },
    ]);
  });

  it('says an unknown port is not there, in German too', async () => {
    const bridge = core([], []);
    bridge.handlers['scanning.saveScanner'] = () => fail('scanning.unknownPort', { path: '/dev/ttyX' });
    const user = userEvent.setup();
    renderWith(<ScannersPanel session={session('admin')} />, bridge, 'de');
    await user.click(await screen.findByTestId('scanner-add'));
    await user.type(screen.getByTestId('scanner-name'), 'X');
    await user.type(screen.getByTestId('scanner-path'), '/dev/ttyX');
    await user.click(screen.getByTestId('scanner-save'));
    expect((await screen.findByTestId('scanner-form-error')).textContent).toContain('Diesen seriellen Anschluss gibt es');
  });

  it('lets a cashier see the scanners but change nothing', async () => {
    renderWith(<ScannersPanel session={session('cashier')} />, core());
    await screen.findByTestId('scanner-row');
    expect(screen.getByTestId('scanners-read-only')).toBeTruthy();
    expect(screen.queryByTestId('scanner-add')).toBeNull();
    expect(screen.queryByTestId('scanner-edit')).toBeNull();
    expect(screen.queryByTestId('scanner-remove')).toBeNull();
  });
});
