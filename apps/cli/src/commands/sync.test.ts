import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncException } from '@mortar/main/contract';
import { ADMIN, createTestCore, setUpPharmacy, tempDir } from '@mortar/main/testing';
import { exceptionStateOf, exceptionText } from './sync.js';

const BIN = fileURLToPath(new URL('../../bin/mortar.js', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function mortar(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const AT = Date.UTC(2026, 10, 27, 9, 0, 0);

const refills: SyncException = {
  id: 'x-rx',
  kind: 'rx.refillsExceeded',
  eventId: 'ev-rx',
  branchId: 'b1',
  branchName: 'High Street',
  sku: 'AMOX-21',
  productName: 'Amoxicillin 500 mg capsules',
  detail: {
    prescriptionId: 'rx-1',
    lineNo: 2,
    ingredient: 'Amoxicillin',
    refills: 1,
    allowedFills: 2,
    fills: [
      { dispenseId: 'd1', deviceId: 'till-1', at: AT, actorName: 'Pat Pharmacist', quantity: 21 },
      { dispenseId: 'd2', deviceId: 'till-1', at: AT + 60_000, actorName: 'Pat Pharmacist', quantity: 21 },
      { dispenseId: 'd3', deviceId: 'till-2', at: AT + 120_000, actorName: 'Robin Pharmacist', quantity: 14 },
    ],
  },
  detectedAt: AT + 180_000,
  acknowledged: null,
};

describe('sync exceptions as text', () => {
  it('gives a prescription line dispensed beyond its refills with each fill’s time, till, pharmacist and quantity', () => {
    expect(exceptionText(refills).split('\n')).toEqual([
      'x-rx  rx.refillsExceeded  found 2026-11-27T09:03:00.000Z  High Street  AMOX-21 Amoxicillin 500 mg capsules',
      '  prescription rx-1 item 2 (Amoxicillin): dispensed 3 times, 2 allowed (1 refill)',
      '    2026-11-27T09:00:00.000Z  till till-1  Pat Pharmacist  quantity 21  (dispense d1)',
      '    2026-11-27T09:01:00.000Z  till till-1  Pat Pharmacist  quantity 21  (dispense d2)',
      '    2026-11-27T09:02:00.000Z  till till-2  Robin Pharmacist  quantity 14  (dispense d3)',
      '  open',
    ]);
  });

  it('names the other items of the same dispense that went over their refills too', () => {
    const text = exceptionText({ ...refills, detail: { ...refills.detail, alsoLines: [{ lineNo: 3, ingredient: 'Codeine', allowedFills: 1, fills: 2 }] } });
    expect(text).toContain('\n  in the same dispense, item 3 (Codeine) too: dispensed 2 times, 1 allowed\n  open');
  });

  it('says who acknowledged an exception, when and what they did, and shows a detail it cannot read as it is', () => {
    const text = exceptionText({
      ...refills,
      kind: 'stock.belowZero',
      detail: { onHand: 'odd' },
      acknowledged: { at: AT + 600_000, byName: 'Morgan Manager', note: 'Recounted the shelf.' },
    });
    expect(text).toContain('  detail {"onHand":"odd"}');
    expect(text).toContain('  acknowledged 2026-11-27T09:10:00.000Z by Morgan Manager: Recounted the shelf.');
  });

  it('takes --all or --acknowledged, but not both', () => {
    expect(exceptionStateOf({})).toBe('open');
    expect(exceptionStateOf({ all: true })).toBe('all');
    expect(exceptionStateOf({ acknowledged: true })).toBe('acknowledged');
    expect(() => exceptionStateOf({ all: true, acknowledged: true })).toThrow(/either --all or --acknowledged/);
  });
});

/** A set-up terminal (made in this process: quicker than `mortar setup`) holding two open exceptions. */
async function terminalWithExceptions(): Promise<string> {
  const d = tempDir('mortar-cli-sync-');
  dirs.push(d);
  const core = createTestCore({ dataDir: d });
  try {
    await setUpPharmacy(core);
    const insert = core.db.prepare(
      'INSERT INTO sync_exception (id, kind, event_id, branch_id, branch_name, sku, product_name, detail, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('x-rx', 'rx.refillsExceeded', 'ev-rx', 'b1', 'High Street', 'AMOX-21', 'Amoxicillin 500 mg capsules', JSON.stringify(refills.detail), AT);
    insert.run('x-stock', 'stock.belowZero', 'ev-stock', 'b2', 'Hillside', 'PARA-16', 'Paracetamol', JSON.stringify({ onHand: -4, asOf: AT, deviceId: 'd-hill' }), AT + 1);
  } finally {
    core.dispose();
  }
  return d;
}

const syncAs = (d: string) => (args: string[]) => mortar(['--data-dir', d, 'sync', '--user', ADMIN.username, ...args], { MORTAR_PASSWORD: ADMIN.password });

// Each spawn of the command line costs seconds on a loaded machine: a test runs three at most.
describe('mortar sync exceptions and mortar sync ack', () => {
  it('lists the open exceptions newest first, with their facts', async () => {
    const sync = syncAs(await terminalWithExceptions());
    const open = sync(['exceptions']);
    expect(open.code, open.stderr).toBe(0);
    expect(open.stdout).toMatch(/^x-stock {2}stock\.belowZero[\s\S]*stock went below zero: -4 on hand at Hillside[\s\S]*\n\nx-rx {2}rx\.refillsExceeded/);
  });

  it('acknowledges an exception with a note, then lists it among the acknowledged and no longer among the open', async () => {
    const sync = syncAs(await terminalWithExceptions());
    const ack = sync(['ack', 'x-rx', '--note', 'Called the prescriber; no further refill.', '--json']);
    expect(ack.code, ack.stderr).toBe(0);
    expect(JSON.parse(ack.stdout)).toMatchObject({ id: 'x-rx', acknowledged: { byName: ADMIN.displayName, note: 'Called the prescriber; no further refill.' } });
    expect((JSON.parse(sync(['exceptions', '--json']).stdout) as { id: string }[]).map((e) => e.id)).toEqual(['x-stock']);
    // The command line runs on the real clock.
    expect(sync(['exceptions', '--acknowledged']).stdout).toMatch(/\n {2}acknowledged \d{4}-\d\d-\d\dT[\d:.]+Z by Avery Admin: Called the prescriber; no further refill\.$/m);
  });

  it('refuses a bad note, and other words on an acknowledged exception, naming who acknowledged it', async () => {
    const sync = syncAs(await terminalWithExceptions());
    const short = sync(['ack', 'x-rx', '--note', ' ok ', '--json']);
    expect(short.code).toBe(1);
    expect(JSON.parse(short.stdout)).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
    expect(sync(['ack', 'x-rx', '--note', 'Called the prescriber.']).code).toBe(0);
    const other = sync(['ack', 'x-rx', '--note', 'Something else.', '--json']);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.stdout)).toMatchObject({ ok: false, error: { code: 'sync.alreadyAcknowledged', message: expect.stringContaining(`${ADMIN.displayName} already acknowledged`) } });
  });

  it('refuses --all with --acknowledged before it logs in', () => {
    const both = syncAs('/nonexistent-mortar-dir')(['exceptions', '--all', '--acknowledged']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Choose either --all or --acknowledged');
  });
});
