import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { listHidScanners, type HidBackend, type HidDeviceInfo, type HidDeviceLike } from './hid-backend.js';
import { posReport } from './test-hid-reports.js';
import { HidScanner, pickHidDevice } from './hid-scanner.js';
import type { ScanDiscard, ScanEvent, ScannerState } from './scan-event.js';
import { parseScannerConfig, type HidScannerConfig } from './scanner-config.js';
import { until } from './test-pty-pair.js';

/** The lowest layer only: a USB bus where a HID POS scanner can be plugged in and pulled out. */
class FakeHidBus implements HidBackend {
  attached: HidDeviceInfo[] = [];
  readonly open_: FakeHidDevice[] = [];
  listCalls = 0;

  plug(info: Partial<HidDeviceInfo> = {}): HidDeviceInfo {
    const device: HidDeviceInfo = {
      path: '/dev/hidraw3',
      vendorId: 0x0c2e,
      productId: 0x0b61,
      usagePage: 0x8c,
      usage: 0x02,
      manufacturer: 'Scanner Maker',
      product: 'HID POS scanner',
      serialNumber: 'SN1',
      interface: 0,
      ...info,
    };
    this.attached.push(device);
    return device;
  }

  /** The scanner is pulled out: it leaves the bus and an open handle's read fails. */
  unplug(path = '/dev/hidraw3'): void {
    this.attached = this.attached.filter((d) => d.path !== path);
    for (const device of this.open_.filter((d) => d.path === path && !d.closed)) device.emit('error', new Error('could not read from HID device'));
  }

  list(): Promise<HidDeviceInfo[]> {
    this.listCalls += 1;
    return Promise.resolve(this.attached.map((d) => ({ ...d })));
  }

  open(path: string): Promise<HidDeviceLike> {
    if (!this.attached.some((d) => d.path === path)) return Promise.reject(new Error(`cannot open device with path ${path}`));
    const device = new FakeHidDevice(path);
    this.open_.push(device);
    return Promise.resolve(device);
  }

  current(): FakeHidDevice {
    const device = this.open_.filter((d) => !d.closed).at(-1);
    if (!device) throw new Error('no open device');
    return device;
  }
}

class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closed = false;
  constructor(readonly path: string) {
    super();
  }
  report(bytes: Uint8Array): void {
    this.emit('data', Buffer.from(bytes));
  }
  close(): Promise<void> {
    this.closed = true;
    this.removeAllListeners();
    return Promise.resolve();
  }
}

function config(input: Record<string, unknown> = {}): HidScannerConfig {
  const parsed = parseScannerConfig({ kind: 'hid', id: 'hid-1', vendorId: 0x0c2e, productId: 0x0b61, ...input });
  if (!parsed.ok || parsed.value.kind !== 'hid') throw new Error('bad test config');
  return parsed.value;
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()?.();
});

function startScanner(bus: FakeHidBus, cfg = config()) {
  const scanner = new HidScanner(cfg, { backend: bus, backoff: { initialMs: 20, factor: 2, maxMs: 80 }, now: () => 42 });
  const record = { scanner, scans: [] as ScanEvent[], states: [] as ScannerState[], discards: [] as ScanDiscard[] };
  scanner.on('scan', (s) => record.scans.push(s));
  scanner.on('state', (s) => record.states.push(s.state));
  scanner.on('discard', (d) => record.discards.push(d));
  stops.push(() => scanner.stop());
  scanner.start();
  return record;
}

describe('a HID POS scanner through a fake device at the lowest layer', () => {
  it('turns scanned data reports into scans, the symbology identifier in front of the data', async () => {
    const bus = new FakeHidBus();
    bus.plug();
    const { scanner, scans, states } = startScanner(bus);
    await until(() => scanner.state.status === 'connected', 2000, 'connected');
    bus.current().report(posReport('010950123456789017261231\u001d10LOT42', { aim: ']d2' }));
    bus.current().report(posReport('5012345678900', { aim: ']E0' }));
    bus.current().report(posReport('NOAIM-1234'));
    expect(scans).toEqual([
      { source: 'hid', deviceId: 'hid-1', raw: ']d2010950123456789017261231\u001d10LOT42', symbologyId: ']d2', receivedAt: 42 },
      { source: 'hid', deviceId: 'hid-1', raw: ']E05012345678900', symbologyId: ']E0', receivedAt: 42 },
      { source: 'hid', deviceId: 'hid-1', raw: 'NOAIM-1234', symbologyId: null, receivedAt: 42 },
    ]);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connected']);
    expect(states[1]).toEqual({ status: 'connected', device: '/dev/hidraw3' });
  });

  it('joins a long scan sent over two reports', async () => {
    const bus = new FakeHidBus();
    bus.plug();
    const { scanner, scans } = startScanner(bus);
    await until(() => scanner.state.status === 'connected', 2000, 'connected');
    const head = `010950123456789017261231${'\u001d'}21${'X'.repeat(29)}`;
    expect(head).toHaveLength(56);
    bus.current().report(posReport(head, { aim: ']d2', more: true }));
    expect(scans).toHaveLength(0);
    bus.current().report(posReport('\u001d10LOT42', { aim: ']d2' }));
    expect(scans.map((s) => s.raw)).toEqual([`]d2${head}\u001d10LOT42`]);
  });

  it('does not put the identifier in twice when the scanner also sends it inside the data', async () => {
    const bus = new FakeHidBus();
    bus.plug();
    const { scanner, scans } = startScanner(bus);
    await until(() => scanner.state.status === 'connected', 2000, 'connected');
    bus.current().report(posReport(']E05012345678900', { aim: ']E0' }));
    expect(scans[0]?.raw).toBe(']E05012345678900');
  });

  it('reads length-prefixed reports as configured', async () => {
    const bus = new FakeHidBus();
    bus.plug();
    const { scanner, scans } = startScanner(bus, config({ report: 'lengthPrefixed', reportId: null }));
    await until(() => scanner.state.status === 'connected', 2000, 'connected');
    bus.current().report(Uint8Array.of(16, ...Array.from(']E05012345678900', (c) => c.charCodeAt(0)), 0, 0, 0));
    expect(scans).toEqual([expect.objectContaining({ raw: ']E05012345678900', symbologyId: ']E0' })]);
  });

  it('reports an unreadable report as discarded and keeps reading', async () => {
    const bus = new FakeHidBus();
    bus.plug();
    const { scanner, scans, discards } = startScanner(bus);
    await until(() => scanner.state.status === 'connected', 2000, 'connected');
    const bad = posReport('1234');
    bad[1] = 60;
    bus.current().report(bad);
    bus.current().report(posReport('5678'));
    expect(discards).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'scanner.badReport' }), bytes: 64 })]);
    expect(scans.map((s) => s.raw)).toEqual(['5678']);
  });

  it('when unplugged mid-scan: drops the half scan, reports disconnected, looks for it with backoff, reconnects, delivers the next scan', async () => {
    const bus = new FakeHidBus();
    bus.plug();
    const { scanner, scans, states, discards } = startScanner(bus);
    await until(() => scanner.state.status === 'connected', 2000, 'connected');
    const first = bus.current();
    first.report(posReport('A'.repeat(56), { more: true }));

    bus.unplug();
    expect(first.closed).toBe(true);
    expect(discards).toEqual([expect.objectContaining({ bytes: 56, error: expect.objectContaining({ code: 'scanner.incompleteScan' }) })]);
    expect(scanner.state).toMatchObject({ status: 'disconnected', reason: { code: 'scanner.portLost' }, retryInMs: 20 });

    await until(() => states.filter((s) => s.status === 'error').length >= 2, 2000, 'two searches');
    const errors = states.flatMap((s) => (s.status === 'error' ? [s] : []));
    expect(errors[0]).toMatchObject({ error: { code: 'scanner.notFound' }, retryInMs: 40 });
    expect(errors[1]).toMatchObject({ retryInMs: 80 });

    bus.plug({ path: '/dev/hidraw5' });
    await until(() => scanner.state.status === 'connected', 2000, 'reconnected');
    expect(scanner.state).toEqual({ status: 'connected', device: '/dev/hidraw5' });
    bus.current().report(posReport('4006381333931', { aim: ']E0' }));
    expect(scans.map((s) => s.raw)).toEqual([']E04006381333931']);
  });

  it('drops a scan whose continuation never comes', async () => {
    const bus = new FakeHidBus();
    bus.plug();
    const { scanner, scans, discards } = startScanner(bus, config({ partialTimeoutMs: 30 }));
    await until(() => scanner.state.status === 'connected', 2000, 'connected');
    bus.current().report(posReport('B'.repeat(56), { more: true }));
    await until(() => discards.length === 1, 2000, 'stale continuation dropped');
    bus.current().report(posReport('1234'));
    expect(scans.map((s) => s.raw)).toEqual(['1234']);
  });

  it('keeps delivering when a listener throws, handing the error to the configured handler', async () => {
    const bus = new FakeHidBus();
    bus.plug();
    const errors: unknown[] = [];
    const scanner = new HidScanner(config(), { backend: bus, onListenerError: (e) => errors.push(e) });
    stops.push(() => scanner.stop());
    const seen: string[] = [];
    scanner.on('scan', (s) => {
      seen.push(s.raw);
      if (seen.length === 1) throw new Error('listener failed');
    });
    scanner.start();
    await until(() => scanner.state.status === 'connected', 2000, 'connected');
    bus.current().report(posReport('1111'));
    bus.current().report(posReport('2222'));
    expect(seen).toEqual(['1111', '2222']);
    expect(errors).toEqual([new Error('listener failed')]);
  });

  it('stops cleanly: closes the device and stops looking for it', async () => {
    const bus = new FakeHidBus();
    bus.plug();
    const { scanner } = startScanner(bus);
    await until(() => scanner.state.status === 'connected', 2000, 'connected');
    const device = bus.current();
    await scanner.stop();
    expect(device.closed).toBe(true);
    expect(scanner.state).toEqual({ status: 'stopped' });
    const calls = bus.listCalls;
    await new Promise((r) => setTimeout(r, 60));
    expect(bus.listCalls).toBe(calls);
  });
});

describe('choosing the HID interface', () => {
  const base = { vendorId: 1, productId: 2, usage: null, manufacturer: null, product: null, serialNumber: null, interface: null };

  it('takes the usage page 0x8C interface of a composite scanner, not its keyboard', () => {
    const devices = [
      { ...base, path: 'kbd', usagePage: 0x01 },
      { ...base, path: 'pos', usagePage: 0x8c },
    ];
    expect(pickHidDevice(devices, config({ vendorId: 1, productId: 2 }))?.path).toBe('pos');
    expect(pickHidDevice([devices[0] as HidDeviceInfo], config({ vendorId: 1, productId: 2 }))).toBeNull();
  });

  it('tells identical scanners apart by serial number', () => {
    const devices = [
      { ...base, path: 'a', usagePage: 0x8c, serialNumber: 'A1' },
      { ...base, path: 'b', usagePage: 0x8c, serialNumber: 'B2' },
    ];
    expect(pickHidDevice(devices, config({ vendorId: 1, productId: 2, serialNumber: 'B2' }))?.path).toBe('b');
  });
});

describe('the real node-hid backend on this machine', () => {
  it('lists HID POS scanners without throwing (none are attached here)', async () => {
    const listed = await listHidScanners();
    expect(listed.ok).toBe(true);
    if (listed.ok) for (const d of listed.value) expect(d.usagePage).toBe(0x8c);
  });

  it('reports an absent scanner as not found and keeps looking', async () => {
    const scanner = new HidScanner(config({ vendorId: 0xfffe, productId: 0xfffd }), { backoff: { initialMs: 20, factor: 1, maxMs: 20 } });
    const states: ScannerState[] = [];
    scanner.on('state', (s) => states.push(s.state));
    stops.push(() => scanner.stop());
    scanner.start();
    await until(() => states.filter((s) => s.status === 'error').length >= 2, 5000, 'two searches');
    expect(states.find((s) => s.status === 'error')).toMatchObject({ error: { code: 'scanner.notFound' }, retryInMs: 20 });
  });
});
