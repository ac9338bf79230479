import { afterEach, describe, expect, it } from 'vitest';
import type { ScanDiscard, ScanEvent, ScannerState } from './scan-event.js';
import { ScannerHub, type ScannerStateEntry } from './scanner-hub.js';
import { listPorts } from './serial-ports.js';
import { PtyPair, ScannerEnd, until, within } from './test-pty-pair.js';

const GS = '\u001d';
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

/** A hub with fast retries, recording everything it reports. */
function recordingHub(): { hub: ScannerHub; scans: ScanEvent[]; states: ScannerStateEntry[]; discards: ScanDiscard[] } {
  const hub = new ScannerHub({ backoff: { initialMs: 50, factor: 2, maxMs: 200 }, now: () => 1_700_000_000_000 });
  cleanups.push(() => hub.close());
  const record = { hub, scans: [] as ScanEvent[], states: [] as ScannerStateEntry[], discards: [] as ScanDiscard[] };
  hub.on('scan', (s) => record.scans.push(s));
  hub.on('state', (s) => record.states.push(s));
  hub.on('discard', (d) => record.discards.push(d));
  return record;
}

function statusOf(hub: ScannerHub, id: string): ScannerState['status'] | undefined {
  return hub.states().find((s) => s.deviceId === id)?.state.status;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('a serial scanner through a real pseudo-terminal', () => {
  it('delivers exactly the scans written at the scanner end: GS1 DataMatrix with GS, EAN-13, two in a chunk, one split', async () => {
    const pair = await ptyPair();
    const { hub, states } = recordingHub();
    const iterator = hub.scans();
    const configured = await hub.configure([{ kind: 'serial', id: 'counter-1', path: pair.till, baudRate: 9600, suffix: 'cr' }]);
    expect(configured).toMatchObject({ ok: true, value: { added: ['counter-1'] } });
    await until(() => statusOf(hub, 'counter-1') === 'connected', 5000, 'scanner connected');
    const end = await scannerEnd(pair.scanner);

    const datamatrix = `]d2010950123456789017261231${GS}10LOT42${GS}21SN0001`;
    await end.send(`${datamatrix}\r`);
    await end.send('5012345678900\r');
    await end.send('4006381333931\r]E09780201379624\r');
    await end.send(`]C1010950123456789`);
    await pause(30);
    await end.send(`017261231${GS}10B7\r`);

    const received: ScanEvent[] = [];
    for (let i = 0; i < 5; i += 1) {
      const next = await within(iterator.next(), 5000, `scan ${i + 1}`);
      if (!next.done) received.push(next.value);
    }
    expect(received).toEqual([
      { source: 'serial', deviceId: 'counter-1', raw: datamatrix, symbologyId: ']d2', receivedAt: 1_700_000_000_000 },
      { source: 'serial', deviceId: 'counter-1', raw: '5012345678900', symbologyId: null, receivedAt: 1_700_000_000_000 },
      { source: 'serial', deviceId: 'counter-1', raw: '4006381333931', symbologyId: null, receivedAt: 1_700_000_000_000 },
      { source: 'serial', deviceId: 'counter-1', raw: ']E09780201379624', symbologyId: ']E0', receivedAt: 1_700_000_000_000 },
      { source: 'serial', deviceId: 'counter-1', raw: `]C1010950123456789017261231${GS}10B7`, symbologyId: ']C1', receivedAt: 1_700_000_000_000 },
    ]);
    expect(received[0]?.raw.split(GS)).toHaveLength(3);
    expect(states.map((s) => s.state.status)).toEqual(['connecting', 'connected']);
  });

  it('reports the cable pulled mid-scan, reconnects by itself when the port is back and delivers the next scan', async () => {
    const pair = await ptyPair();
    const { hub, scans, states, discards } = recordingHub();
    await hub.configure([{ kind: 'serial', id: 'usb-serial', path: pair.till, baudRate: 115200, suffix: 'cr' }]);
    await until(() => statusOf(hub, 'usb-serial') === 'connected', 5000, 'connected');
    let end = await scannerEnd(pair.scanner);
    await end.send('5012345678900\r');
    await until(() => scans.length === 1, 5000, 'first scan');

    // Half a scan, then the cable is pulled.
    await end.send('40063813');
    await pause(30);
    await end.close().catch(() => undefined);
    await pair.stop();
    await until(() => states.some((s) => s.state.status === 'disconnected'), 5000, 'disconnected reported');
    const lost = states.find((s) => s.state.status === 'disconnected')?.state;
    expect(lost).toMatchObject({ status: 'disconnected', reason: { code: 'scanner.portLost' } });
    expect(discards).toEqual([expect.objectContaining({ deviceId: 'usb-serial', bytes: 8, error: expect.objectContaining({ code: 'scanner.incompleteScan' }) })]);

    // While the port is missing, each attempt fails and is retried.
    await until(() => states.some((s) => s.state.status === 'error'), 5000, 'failed reopen reported');
    expect(states.find((s) => s.state.status === 'error')?.state).toMatchObject({ error: { code: 'scanner.openFailed' } });

    await pair.start();
    await until(() => statusOf(hub, 'usb-serial') === 'connected', 5000, 'reconnected');
    end = await scannerEnd(pair.scanner);
    await end.send('4006381333931\r');
    await until(() => scans.length === 2, 5000, 'scan after reconnecting');
    expect(scans.map((s) => s.raw)).toEqual(['5012345678900', '4006381333931']);

    const statuses = states.map((s) => s.state.status);
    const firstLoss = statuses.indexOf('disconnected');
    expect(statuses.slice(0, firstLoss + 2)).toEqual(['connecting', 'connected', 'disconnected', 'connecting']);
    expect(statuses.at(-1)).toBe('connected');
  });

  it('ends scans by quiet time for a scanner with no suffix, and takes off its prefix', async () => {
    const pair = await ptyPair();
    const { hub, scans } = recordingHub();
    await hub.configure([
      { kind: 'serial', id: 'quiet', path: pair.till, baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 2, suffix: 'none', prefix: '\u0002', idleEndMs: 40 },
    ]);
    await until(() => statusOf(hub, 'quiet') === 'connected', 5000, 'connected');
    const end = await scannerEnd(pair.scanner);
    await end.send('\u00025012345678900');
    await until(() => scans.length === 1, 5000, 'first scan');
    await end.send('\u0002]Q3010950123456789017261231');
    await until(() => scans.length === 2, 5000, 'second scan');
    expect(scans.map((s) => [s.raw, s.symbologyId])).toEqual([
      ['5012345678900', null],
      [']Q3010950123456789017261231', ']Q3'],
    ]);
  });

  it('drops a scan whose suffix never comes instead of gluing it to the next one', async () => {
    const pair = await ptyPair();
    const { hub, scans, discards } = recordingHub();
    await hub.configure([{ kind: 'serial', id: 'cr', path: pair.till, suffix: 'cr', partialTimeoutMs: 60 }]);
    await until(() => statusOf(hub, 'cr') === 'connected', 5000, 'connected');
    const end = await scannerEnd(pair.scanner);
    await end.send('12345');
    await until(() => discards.length === 1, 5000, 'stale scan dropped');
    await end.send('5012345678900\r');
    await until(() => scans.length === 1, 5000, 'next scan');
    expect(scans[0]?.raw).toBe('5012345678900');
    expect(discards[0]).toMatchObject({ bytes: 5, error: { code: 'scanner.incompleteScan' } });
  });

  it('reports a port that does not exist as an error with a retry, without throwing', async () => {
    const { hub, states } = recordingHub();
    await hub.configure([{ kind: 'serial', id: 'ghost', path: '/tmp/mortar-scan-missing-port', suffix: 'cr' }]);
    await until(() => states.filter((s) => s.state.status === 'error').length >= 2, 5000, 'two failed attempts');
    const errors = states.flatMap((s) => (s.state.status === 'error' ? [s.state] : []));
    expect(errors[0]).toMatchObject({ error: { code: 'scanner.openFailed' }, retryInMs: 50 });
    expect(errors[1]).toMatchObject({ retryInMs: 100 });
  });

  it('lists serial ports without throwing', async () => {
    const listed = await within(listPorts(), 10_000, 'listPorts');
    expect(listed.ok).toBe(true);
    if (listed.ok) {
      for (const port of listed.value) {
        expect(typeof port.path).toBe('string');
        expect(port.vendorId === null || Number.isInteger(port.vendorId)).toBe(true);
      }
    }
  });
});
