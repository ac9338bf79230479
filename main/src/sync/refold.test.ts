// Events of the terminal's own branch that an older build kept as 'noop' (it had no applier for their type)
// are folded once an update brings one, in server order, exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSyncServer, type FakeSyncServer } from './fake-sync-server.js';
import { defaultAppliers } from './apply.js';
import { foldLearnedTypes } from './refold.js';
import { syncOnce } from './sync-client.js';
import { syncStore } from './sync-store.js';
import { readTerminal } from '../setup/terminal-store.js';
import { BRANCH_A, enrolledCounter, remoteEvent } from './sync-test-support.js';

let server: FakeSyncServer;
beforeEach(async () => {
  server = await startFakeSyncServer();
});
afterEach(async () => {
  await server.close();
});

const OTHER_TILL = '01930000-0000-7000-8000-0000000000a2';

function dispensedAtOtherTill(dispenseId: string) {
  return remoteEvent(
    'rx.dispensed',
    {
      dispenseId,
      prescriptionId: 'rx-from-till-2',
      patientId: 'patient-of-till-2',
      location: 'dispensary',
      lines: [{ lineNo: 1, fillNo: 1, productId: 'p2', batch: 'B1', expiry: '2027-06-30', quantity: 28, daysSupply: 28 }],
      actorId: 'u2',
    },
    { branchId: BRANCH_A, deviceId: OTHER_TILL },
  );
}

describe('folding kept events after an update', () => {
  it('folds the noop events of a type the build has learned, once, and keeps their server order', async () => {
    const c = await enrolledCounter(server, 61);
    const db = c.core.db;
    // As an older build left them: stored, not applied, and the type not yet folded.
    const kept = [dispensedAtOtherTill('ds-old-1'), dispensedAtOtherTill('ds-old-2')];
    kept.forEach((e, i) => {
      db.prepare(
        `INSERT INTO sync_inbox (event_id, server_seq, type, schema_version, branch_id, device_id, hlc, envelope, state, received_at)
         VALUES (?, ?, ?, 1, ?, ?, ?, ?, 'noop', 1)`,
      ).run(e.id, i + 1, e.type, e.branchId, e.deviceId, e.hlc, JSON.stringify(e));
    });
    db.prepare('UPDATE sync_state SET cursor = 2').run();
    db.prepare("DELETE FROM sync_folded_type WHERE type = 'rx.dispensed'").run();

    expect(await syncOnce(c.deps)).toMatchObject({ ok: true });
    expect(db.prepare('SELECT dispense_id, fill_no, quantity, device_id FROM rx_branch_fill ORDER BY dispense_id').all()).toEqual([
      { dispense_id: 'ds-old-1', fill_no: 1, quantity: 28, device_id: OTHER_TILL },
      { dispense_id: 'ds-old-2', fill_no: 1, quantity: 28, device_id: OTHER_TILL },
    ]);
    expect(db.prepare("SELECT DISTINCT state FROM sync_inbox WHERE type = 'rx.dispensed'").all()).toEqual([{ state: 'applied' }]);
    expect(db.prepare("SELECT count(*) AS n FROM sync_folded_type WHERE type = 'rx.dispensed'").get()).toEqual({ n: 1 });

    // Another round folds nothing again.
    const audited = () => (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'rx.filledAtBranch'").get() as { n: number }).n;
    const before = audited();
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true });
    expect(audited()).toBe(before);
    expect(db.prepare('SELECT count(*) AS n FROM rx_branch_fill').get()).toEqual({ n: 2 });
    c.core.dispose();
  });

  it('records every type it can apply as folded on a new counter, which has nothing kept', async () => {
    const c = await enrolledCounter(server, 62);
    expect(await syncOnce(c.deps)).toMatchObject({ ok: true });
    const types = (c.core.db.prepare('SELECT type FROM sync_folded_type').all() as { type: string }[]).map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['rx.dispensed', 'rx.prescriptionVerified', 'patients.patientSaved', 'stock.levelChanged']));
    c.core.dispose();
  });

  it('folds a history longer than one chunk whole, a transaction per chunk, and then lists the type as folded', async () => {
    const c = await enrolledCounter(server, 63);
    const db = c.core.db;
    const kept = Array.from({ length: 5 }, (_, i) => dispensedAtOtherTill(`ds-chunk-${i}`));
    kept.forEach((e, i) => {
      db.prepare(
        `INSERT INTO sync_inbox (event_id, server_seq, type, schema_version, branch_id, device_id, hlc, envelope, state, received_at)
         VALUES (?, ?, ?, 1, ?, ?, ?, ?, 'noop', 1)`,
      ).run(e.id, i + 1, e.type, e.branchId, e.deviceId, e.hlc, JSON.stringify(e));
    });
    const identity = syncStore(db).identity();
    const terminal = readTerminal(db);
    const ids = c.deps.ids;
    if (!identity || !terminal || !ids) throw new Error('not enrolled');
    const chunks: number[] = [];
    const topics = foldLearnedTypes({ db, clock: c.core.clock, ids, identity, terminal }, defaultAppliers, { chunk: 2, onChunk: (n) => chunks.push(n) });
    expect(db.prepare("SELECT state, count(*) AS n FROM sync_inbox WHERE type = 'rx.dispensed' GROUP BY state").all()).toEqual([{ state: 'applied', n: 5 }]);
    // One transaction per chunk of two: 2 + 2 + 1.
    expect(chunks).toEqual([2, 2, 1]);
    expect([...topics]).toEqual(expect.arrayContaining(['rx']));
    expect(db.prepare('SELECT count(*) AS n FROM rx_branch_fill').get()).toEqual({ n: 5 });
    expect(db.prepare("SELECT count(*) AS n FROM sync_folded_type WHERE type = 'rx.dispensed'").get()).toEqual({ n: 1 });
    c.core.dispose();
  });
});
