// What folding another till's prescriptions costs a counter: the appliers every pull and snapshot uses for
// `rx.prescriptionVerified` (a signed prescription with its patient's profile) and `rx.dispensed` (a fill),
// driven here through the fold of kept events after an update (`foldLearnedTypes`, FOLD_CHUNK events a transaction).
// The events are as a till of the same branch writes them: one item each, a verification and two fills per
// prescription, on an encrypted store with fully synchronous commits. Reports events per second and how long
// one transaction holds the store (the counter's own commands wait at most that long).
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createCore } from '@mortar/main';
import { defaultAppliers, FOLD_CHUNK, foldLearnedTypes, type ApplyEnv } from '@mortar/main/sync';
import { expectOk, setUpPharmacy, tempDir } from '@mortar/main/testing';
import { report, summarize } from './stats.js';

const PRESCRIPTIONS = Number(process.env.BENCH_RX_FOLD_PRESCRIPTIONS ?? 10_000);
const CHUNK = Number(process.env.BENCH_RX_FOLD_CHUNK ?? FOLD_CHUNK);
const OTHER_TILL = '01930000-0000-7000-8000-0000000000a2';

const dataDir = tempDir('mortar-bench-rx-fold-');
const core = createCore({ dataDir, log: () => {} });
try {
  const { admin } = await setUpPharmacy(core);
  expectOk(
    await admin.invoke('catalog.createProduct', {
      sku: 'AMOX-21',
      name: 'Amoxicillin 500 mg capsules',
      ingredients: [{ name: 'Amoxicillin', strength: '500 mg' }],
      strength: '500 mg',
      form: 'capsule',
      packSize: 21,
      unit: 'capsule',
      legalCategory: 'rx',
      taxCategory: 'zero',
      priceMinor: 450,
      gtins: [],
    }),
  );
  const terminal = core.db.prepare('SELECT d.id AS deviceId, d.name, p.tenant_id AS tenantId, p.branch_id AS branchId FROM device d, pharmacy p LIMIT 1').get() as {
    deviceId: string;
    name: string;
    tenantId: string;
    branchId: string;
  };
  const env: ApplyEnv = {
    db: core.db,
    clock: core.clock,
    ids: { next: () => randomUUID() },
    identity: { serverUrl: 'http://127.0.0.1:1', deviceId: 'this-till', tenantId: terminal.tenantId, branchId: terminal.branchId, credential: 'x', enrolledAt: 0 },
    terminal,
  };

  // The kept history: per prescription its verification and two fills, in server order.
  const insert = core.db.prepare(
    `INSERT INTO sync_inbox (event_id, server_seq, type, schema_version, branch_id, device_id, hlc, envelope, state, received_at)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?, 'noop', 0)`,
  );
  const t0 = Date.UTC(2026, 0, 1);
  let seq = 0;
  let bytes = 0;
  const keep = (type: string, at: number, payload: Record<string, unknown>) => {
    seq++;
    const hlc = `${String(at).padStart(15, '0')}:${String(seq % 1_000_000).padStart(6, '0')}:${OTHER_TILL}`;
    const envelope = JSON.stringify({ id: randomUUID(), tenantId: terminal.tenantId, branchId: terminal.branchId, deviceId: OTHER_TILL, hlc, type, schemaVersion: 1, occurredAt: at, payload });
    bytes += envelope.length;
    const e = JSON.parse(envelope) as { id: string };
    insert.run(e.id, seq, type, terminal.branchId, OTHER_TILL, hlc, envelope);
  };
  core.db.transaction(() => {
    for (let i = 0; i < PRESCRIPTIONS; i++) {
      const at = t0 + i * 60_000;
      const rxId = randomUUID();
      const patientId = randomUUID();
      const pharmacist = { id: '01930000-0000-7000-8000-00000000c0de', displayName: 'Robin Pharmacist', role: 'pharmacist' };
      const patient = {
        id: patientId,
        name: `Patient ${i}`,
        birthDate: '1970-01-01',
        phone: '020 7946 0000',
        email: null,
        address: `${i} River Street`,
        allergies: [{ substance: 'Penicillin', kind: 'allergy' }],
        conditions: [],
        reminderConsent: false,
        reminderConsentAt: null,
        createdAt: at,
        updatedAt: at,
      };
      const dosage = JSON.stringify({ text: '1 cap po tid x 7 days', timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd', boundsDuration: { value: 7, unit: 'd' } } } });
      keep('rx.prescriptionVerified', at, {
        prescriptionId: rxId,
        signerId: pharmacist.id,
        signedAt: at,
        contentHash: 'c'.repeat(64),
        signature: 's'.repeat(64),
        prescription: {
          id: rxId,
          patientId,
          prescriber: { name: 'Margaret Patel', npi: '2331193161', dea: 'FP3069588', licence: null },
          writtenDate: '2026-01-01',
          createdAt: at,
          createdBy: pharmacist,
          items: [{ lineNo: 1, productId: randomUUID(), sku: 'AMOX-21', gtin: null, ingredient: 'Amoxicillin', strength: '500 mg', form: 'capsule', quantity: 21, refills: 1, sig: '1 cap po tid x 7 days', dosage }],
          signature: { id: randomUUID(), signer: pharmacist, signedAt: at, secondFactor: 'pin', contentHash: 'c'.repeat(64), findings: '[]', acknowledgements: '[]', signature: 's'.repeat(64) },
        },
        patient,
      });
      for (const fill of [1, 2]) {
        keep('rx.dispensed', at + fill * 1000, {
          dispenseId: randomUUID(),
          prescriptionId: rxId,
          patientId,
          location: 'dispensary',
          at: at + fill * 1000,
          actorName: 'Robin Pharmacist',
          actorId: pharmacist.id,
          lines: [{ lineNo: 1, fillNo: fill, productId: randomUUID(), batch: 'B1', expiry: '2027-06-30', quantity: 21, daysSupply: 7 }],
          controlled: null,
        });
      }
    }
  })();

  const chunks: number[] = [];
  const started = performance.now();
  foldLearnedTypes(env, defaultAppliers, { chunk: CHUNK, onChunk: (_n, ms) => chunks.push(ms) });
  const totalMs = performance.now() - started;
  const events = seq;
  const folded = core.db.prepare("SELECT state, count(*) AS n FROM sync_inbox GROUP BY state").all() as { state: string; n: number }[];
  const exceptions = (core.db.prepare('SELECT count(*) AS n FROM sync_exception').get() as { n: number }).n;
  const fills = (core.db.prepare('SELECT count(*) AS n FROM rx_branch_fill').get() as { n: number }).n;
  const prescriptions = (core.db.prepare('SELECT count(*) AS n FROM rx_from_branch').get() as { n: number }).n;
  if (fills !== PRESCRIPTIONS * 2 || prescriptions !== PRESCRIPTIONS || exceptions !== 0) {
    throw new Error(`the fold is incomplete: ${prescriptions} prescriptions, ${fills} fills, ${exceptions} exceptions`);
  }
  report('rx-branch-fold', {
    what: "another till's prescriptions and fills folded by a counter (the appliers of pull and snapshot)",
    prescriptions: PRESCRIPTIONS,
    eventsPerTransaction: CHUNK,
    events,
    meanEventBytes: Math.round(bytes / events),
    totalSeconds: Math.round(totalMs) / 1000,
    eventsPerSecond: Math.round(events / (totalMs / 1000)),
    transactionMs: summarize(chunks),
    inboxStates: folded,
    loadAverage1m: loadavg()[0],
  });
} finally {
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
