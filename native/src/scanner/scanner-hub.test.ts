import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { HidBackend, HidDeviceInfo, HidDeviceLike } from './hid-backend.js';
import type { ScanEvent } from './scan-event.js';
import { ScannerHub, type ScannerStateEntry } from './scanner-hub.js';
import { posReport } from './test-hid-reports.js';
import { PtyPair, ScannerEnd, until, within } from './test-pty-pair.js';

/** The lowest HID layer only: one HID POS scanner on the bus. */
class OneHidScanner extends EventEmitter implements HidBackend, HidDeviceLike {
  readonly info: HidDeviceInfo = {
    path: '/dev/hidraw0',
    vendorId: 0x05e0,
    productId: 0x1300,
    usagePage: 0x8c,
    usage: 2,
    manufacturer: null,
    product: null,
    serialNumber: null,
    interface: 0,
  };
  list(): Promise<HidDeviceInfo[]> {
    return Promise.resolve([this.info]);
  }
  open(): Promise<HidDeviceLike> {
    return Promise.resolve(this);
  }
  close(): void {
    this.removeAllListeners();
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function ptyPair(): Promise<PtyPair> {
  const pair = new PtyPair();
  cleanups.push(() => pair.stop());
  await pair.start();
  return pair;
}

async function scannerEnd(path: string): Promise<ScannerEnd> {
  const end = await ScannerEnd.open(path);
  cleanups.push(() => end.close().catch(() => undefined));
  return end;
}

function hubWith(hid?: OneHidScanner): { hub: ScannerHub; scans: ScanEvent[]; states: ScannerStateEntry[] } {
  const hub = new ScannerHub({ hidBackend: hid, backoff: { initialMs: 30, factor: 2, maxMs: 120 }, now: () => 7 });
  cleanups.push(() => hub.close());
  const scans: ScanEvent[] = [];
  const states: ScannerStateEntry[] = [];
  hub.on('scan', (s) => scans.push(s));
  hub.on('state', (s) => states.push(s));
  return { hub, scans, states };
}

const connected = (hub: ScannerHub, id: string) => (): boolean =>
  hub.states().some((s) => s.deviceId === id && s.state.status === 'connected');

describe('ScannerHub', () => {
  it('merges a serial scanner (real pty) and a HID scanner into one stream, in arrival order', async () => {
    const pair = await ptyPair();
    const hid = new OneHidScanner();
    const { hub } = hubWith(hid);
    const iterator = hub.scans();
    await hub.configure([
      { kind: 'serial', id: 'serial-1', path: pair.till, suffix: 'cr' },
      { kind: 'hid', id: 'hid-1', vendorId: 0x05e0, productId: 0x1300 },
    ]);
    await until(() => connected(hub, 'serial-1')() && connected(hub, 'hid-1')(), 5000, 'both connected');
    const end = await scannerEnd(pair.scanner);

    await end.send('5012345678900\r');
    const first = await within(iterator.next(), 5000, 'serial scan');
    hid.emit('data', Buffer.from(posReport('4006381333931', { aim: ']E0' })));
    const second = await within(iterator.next(), 5000, 'hid scan');
    expect([first.value, second.value]).toEqual([
      { source: 'serial', deviceId: 'serial-1', raw: '5012345678900', symbologyId: null, receivedAt: 7 },
      { source: 'hid', deviceId: 'hid-1', raw: ']E04006381333931', symbologyId: ']E0', receivedAt: 7 },
    ]);
    expect(hub.states().map((s) => [s.deviceId, s.kind, s.state.status])).toEqual([
      ['serial-1', 'serial', 'connected'],
      ['hid-1', 'hid', 'connected'],
    ]);
  });

  it('is reconfigured at run time without losing a scan from a scanner that keeps running', async () => {
    const a = await ptyPair();
    const b = await ptyPair();
    const { hub, scans, states } = hubWith();
    await hub.configure([{ kind: 'serial', id: 'a', path: a.till, suffix: 'cr' }]);
    await until(connected(hub, 'a'), 5000, 'a connected');
    const endA = await scannerEnd(a.scanner);

    // Scanner A keeps sending while the hub gains scanner B; A's port stays open throughout.
    const sending = (async () => {
      for (let i = 0; i < 20; i += 1) {
        await endA.send(`A${String(i).padStart(4, '0')}\r`);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const added = await hub.configure([
      { kind: 'serial', id: 'a', path: a.till, suffix: 'cr' },
      { kind: 'serial', id: 'b', path: b.till, suffix: 'lf' },
    ]);
    expect(added).toMatchObject({ ok: true, value: { added: ['b'], unchanged: ['a'] } });
    await sending;
    await until(() => scans.filter((s) => s.deviceId === 'a').length === 20, 5000, 'all of A');

    const updated = await hub.configure([
      { kind: 'serial', id: 'a', path: a.till, suffix: 'crlf' },
      { kind: 'serial', id: 'b', path: b.till, suffix: 'lf' },
    ]);
    expect(updated).toMatchObject({ ok: true, value: { updated: ['a'], unchanged: ['b'] } });
    await until(connected(hub, 'b'), 5000, 'b connected');
    const endB = await scannerEnd(b.scanner);
    await endA.send('A-AFTER\r\n');
    await endB.send('B-0001\n');
    await until(() => scans.length === 22, 5000, 'scans after reconfiguring');

    expect(scans.filter((s) => s.deviceId === 'a').map((s) => s.raw)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `A${String(i).padStart(4, '0')}`),
      'A-AFTER',
    ]);
    expect(scans.filter((s) => s.deviceId === 'b').map((s) => s.raw)).toEqual(['B-0001']);
    // A never left the connected state.
    expect(states.filter((s) => s.deviceId === 'a').map((s) => s.state.status)).toEqual(['connecting', 'connected']);
  });

  it('reopens a scanner whose port settings changed and stops one that was removed', async () => {
    const pair = await ptyPair();
    const { hub, scans, states } = hubWith();
    await hub.configure([{ kind: 'serial', id: 's', path: pair.till, baudRate: 9600 }]);
    await until(connected(hub, 's'), 5000, 'connected');
    const reopened = await hub.configure([{ kind: 'serial', id: 's', path: pair.till, baudRate: 38400 }]);
    expect(reopened).toMatchObject({ ok: true, value: { reopened: ['s'] } });
    await until(connected(hub, 's'), 5000, 'connected again');
    const end = await scannerEnd(pair.scanner);
    await end.send('12345678\r');
    await until(() => scans.length === 1, 5000, 'scan after reopening');
    expect(states.map((s) => s.state.status)).toEqual(['connecting', 'connected', 'stopped', 'connecting', 'connected']);

    const removed = await hub.configure([]);
    expect(removed).toMatchObject({ ok: true, value: { removed: ['s'] } });
    expect(hub.states()).toEqual([]);
    expect(states.at(-1)).toMatchObject({ deviceId: 's', state: { status: 'stopped' } });
  });

  it('refuses an invalid configuration as data and keeps the scanners it had', async () => {
    const { hub } = hubWith(new OneHidScanner());
    await hub.configure([{ kind: 'hid', vendorId: 0x05e0, productId: 0x1300 }]);
    const bad = await hub.configure([{ kind: 'serial', path: '', baudRate: 12 }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'scanner.invalidConfig' } });
    const duplicate = await hub.configure([
      { kind: 'hid', id: 'x', vendorId: 1, productId: 2 },
      { kind: 'serial', id: 'x', path: '/dev/ttyS0' },
    ]);
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'scanner.duplicateId' } });
    expect(hub.states().map((s) => s.deviceId)).toEqual(['hid:05e0:1300']);
  });

  it('ends its scan iterators when closed or when the caller aborts', async () => {
    const hid = new OneHidScanner();
    const { hub } = hubWith(hid);
    await hub.configure([{ kind: 'hid', id: 'h', vendorId: 0x05e0, productId: 0x1300 }]);
    await until(connected(hub, 'h'), 2000, 'connected');
    const controller = new AbortController();
    const aborted = hub.scans(controller.signal);
    const kept = hub.scans();
    hid.emit('data', Buffer.from(posReport('1111')));
    controller.abort();
    expect(await aborted.next()).toEqual({ value: undefined, done: true });
    hid.emit('data', Buffer.from(posReport('2222')));

    const seen: string[] = [];
    const consuming = (async () => {
      for await (const scan of kept) seen.push(scan.raw);
    })();
    await hub.close();
    await within(consuming, 2000, 'iterator ended');
    expect(seen).toEqual(['1111', '2222']);
    expect(await hub.configure([])).toMatchObject({ ok: false, error: { code: 'scanner.hubClosed' } });
  });
});
