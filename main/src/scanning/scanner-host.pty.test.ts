// Integration: a serial scanner on a real pseudo-terminal pair (socat) feeds the running browser-mode server,
// whose WebSocket carries the scan to the logged-in screen, where `sales.lookupScan` resolves it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type BrowserServer } from '../server/browser-server.js';
import { EXP_LATER, receiveStock, setUpCounter, type Counter } from '../sales/sales-fixtures.js';
import { expectOk, tempDir } from '../testing/index.js';
import type { ScanningPush, ScannerStatus } from './contract.js';
import { startScannerHost, type ScannerHost } from './scanner-host.js';
import { SocatPty, waitFor } from './test-pty.js';

const GS = '\u001d';
const yymmdd = (iso: string) => iso.slice(2).replace(/-/g, '');

type Client = { ws: WebSocket; pushes: ScanningPush[]; call(op: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> };

let counter: Counter | undefined;
let host: ScannerHost | undefined;
let server: BrowserServer | undefined;
let pty: SocatPty | undefined;
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const ws of clients.splice(0)) ws.terminate();
  await server?.close();
  await host?.close();
  await pty?.dispose();
  counter?.core.dispose();
  server = undefined;
  host = undefined;
  pty = undefined;
  counter = undefined;
});

async function connect(s: BrowserServer): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}/api`);
  clients.push(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pushes: ScanningPush[] = [];
  const waiting = new Map<number, (result: never) => void>();
  ws.on('message', (data: WebSocket.RawData) => {
    const m = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
    if (m.type === 'scan' || m.type === 'scannerState') pushes.push(m as ScanningPush);
    else if (m.type === 'result' && typeof m.id === 'number') waiting.get(m.id)?.(m.result as never);
  });
  let next = 1;
  return {
    ws,
    pushes,
    call(op, input) {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, op, input }));
      });
    },
  };
}

function lastState(client: Client, id: string): ScannerStatus | undefined {
  return client.pushes.flatMap((p) => (p.type === 'scannerState' && p.scanner.id === id ? [p.scanner] : [])).at(-1);
}

async function startTerminal() {
  counter = await setUpCounter();
  const lot = receiveStock(counter.core, counter.products.aspirin.id, 'A77', EXP_LATER, 'shelf', 32);
  pty = new SocatPty();
  await pty.plug();
  host = await startScannerHost(counter.core, { hub: { backoff: { initialMs: 50, factor: 2, maxMs: 200 } } });
  const dist = tempDir('mortar-dist-');
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Mortar</title>');
  server = await startBrowserServer({ core: counter.core, staticDir: dist, port: 0, scanning: host });
  return { counter, lot, pty, host, server };
}

describe('a serial scanner on a real pty, through the browser-mode server', () => {
  it('delivers a GS1 DataMatrix with batch and expiry to the logged-in screen, which resolves it to that batch', async () => {
    const t = await startTerminal();
    const till = await connect(t.server);
    expect(expectOk((await till.call('auth.login', { username: 'casey', password: 'cashier-pass-1' })) as never)).toBeTruthy();
    const idle = await connect(t.server); // a second tab, nobody logged in on it
    const admin = await connect(t.server);
    await admin.call('auth.login', { username: 'admin', password: 'correct-horse-battery' });

    const saved = await admin.call('scanning.saveScanner', { kind: 'serial', name: 'Counter scanner', path: t.pty.till, baudRate: 9600, suffix: 'cr' });
    expect(saved.ok).toBe(true);
    const id = (saved.value as { id: string }).id;
    // The host applies the saved setting at once and says so to every screen.
    await waitFor(() => lastState(till, id)?.link === 'connected', 5000, 'scanner connected');
    await waitFor(() => lastState(idle, id)?.link === 'connected', 5000, 'state reaches every tab');

    // The tab being worked in last takes the scan: the till is used after the admin's tab.
    t.counter.core.clock.advance(1000);
    await till.call('scanning.getStatus', {});
    const gtin = t.counter.products.aspirin.gtins[0]!;
    const datamatrix = `]d201${gtin}10A77${GS}17${yymmdd(EXP_LATER)}`;
    await t.pty.send(`${datamatrix}\r`);
    await waitFor(() => till.pushes.some((p) => p.type === 'scan'), 5000, 'scan over the WebSocket');
    const scan = till.pushes.find((p) => p.type === 'scan');
    expect(scan).toMatchObject({ type: 'scan', scan: { scannerId: id, kind: 'serial', raw: datamatrix, symbologyId: ']d2' } });
    expect(idle.pushes.some((p) => p.type === 'scan')).toBe(false);
    expect(admin.pushes.some((p) => p.type === 'scan')).toBe(false);

    const raw = scan?.type === 'scan' ? scan.scan.raw : '';
    const proposal = await till.call('sales.lookupScan', { scan: raw });
    expect(proposal.ok).toBe(true);
    expect(proposal.value).toMatchObject({
      lotSource: 'scanned',
      lot: { lotId: t.lot, batch: 'A77', expiry: EXP_LATER },
      product: { name: 'Aspirin 300 mg dispersible tablets' },
    });
    const status = await till.call('scanning.getStatus', {});
    expect(status.value).toMatchObject({ hostRunning: true, scanners: [{ id, link: 'connected', device: t.pty.till, lastScanAt: expect.any(Number) }] });
  });

  it('shows the scanner disconnected when the cable is pulled and connected again when it comes back, scans and all', async () => {
    const t = await startTerminal();
    const till = await connect(t.server);
    await till.call('auth.login', { username: 'casey', password: 'cashier-pass-1' });
    expectOk(await t.counter.admin.invoke('scanning.saveScanner', { kind: 'serial', name: 'Counter scanner', path: t.pty.till, suffix: 'crlf' }));
    const id = t.host.statuses()[0]!.id;
    await waitFor(() => lastState(till, id)?.link === 'connected', 5000, 'connected');

    await t.pty.unplug();
    await waitFor(() => lastState(till, id)?.link === 'disconnected', 5000, 'disconnected');
    expect(lastState(till, id)?.reason?.code).toMatch(/^scanner\./);
    expect(lastState(till, id)?.retryInMs).toBeGreaterThan(0);

    await t.pty.plug();
    await waitFor(() => lastState(till, id)?.link === 'connected', 8000, 'reconnected');
    const ean = t.counter.products.paracetamol.gtins[0]!;
    await t.pty.send(`${ean}\r\n`);
    await waitFor(() => till.pushes.some((p) => p.type === 'scan'), 5000, 'scan after reconnecting');
    const scan = till.pushes.find((p) => p.type === 'scan');
    expect(scan?.type === 'scan' ? scan.scan.raw : null).toBe(ean);
    const proposal = await till.call('sales.lookupScan', { scan: ean });
    expect(proposal.value).toMatchObject({ product: { name: 'Paracetamol 500 mg tablets' }, lotSource: 'fefo' });
  });

  it('applies a changed GS substitute live, without reopening the port', async () => {
    const t = await startTerminal();
    const till = await connect(t.server);
    await till.call('auth.login', { username: 'casey', password: 'cashier-pass-1' });
    const saved = expectOk(await t.counter.admin.invoke('scanning.saveScanner', { kind: 'serial', name: 'Wedge-style', path: t.pty.till }));
    await waitFor(() => lastState(till, saved.id)?.link === 'connected', 5000, 'connected');
    const pushesBefore = till.pushes.length;
    expectOk(await t.counter.admin.invoke('scanning.saveScanner', { ...saved, gsSubstitute: '~' }));
    await new Promise((r) => setTimeout(r, 100));
    // Nothing about the port changed, so the scanner did not drop its link.
    expect(till.pushes.slice(pushesBefore).some((p) => p.type === 'scannerState' && p.scanner.link !== 'connected')).toBe(false);

    const gtin = t.counter.products.aspirin.gtins[0]!;
    await t.pty.send(`01${gtin}10A77~17${yymmdd(EXP_LATER)}\r`);
    await waitFor(() => till.pushes.some((p) => p.type === 'scan'), 5000, 'scan');
    const scan = till.pushes.find((p) => p.type === 'scan');
    expect(scan?.type === 'scan' ? scan.scan.raw : null).toBe(`01${gtin}10A77${GS}17${yymmdd(EXP_LATER)}`);
    const proposal = await till.call('sales.lookupScan', { scan: scan?.type === 'scan' ? scan.scan.raw : '' });
    expect(proposal.value).toMatchObject({ lot: { lotId: t.lot, batch: 'A77' } });
  });
});
