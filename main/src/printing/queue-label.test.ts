import { afterEach, describe, expect, it } from 'vitest';
import { expectOk } from '../testing/index.js';
import { addPatient, dispenseKey, setUpRx, verifiedRx, warfarinItem, type RxStore } from '../rx/rx-fixtures.js';
import { renderDocument } from './print-document.js';
import { printersStore, printJobsStore } from './printing-store.js';

let store: RxStore | undefined;
afterEach(() => store?.core.dispose());

const printerAt = { kind: 'tcp' as const, host: '127.0.0.1', port: 9100 };

async function dispensed(withPrinter: boolean) {
  const s = (store = await setUpRx());
  if (withPrinter) expectOk(await s.admin.invoke('printing.savePrinter', { name: 'Counter', connection: printerAt, isReceiptPrinter: true }));
  const p = await addPatient(s.pharmacist);
  const rx = await verifiedRx(s, p.id, [warfarinItem(s)]);
  const key = dispenseKey();
  const dispense = expectOk(await s.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: key }));
  return { s, rx, key, dispense };
}

describe('dispensing labels in the print queue', () => {
  it('queues one label per dispensed item with the dispense, once even when the dispense is replayed', async () => {
    const { s, rx, key, dispense } = await dispensed(true);
    const jobs = printJobsStore(s.core.db).labelsOfDispense(dispense.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'label', state: 'queued', open_drawer: 0, dispense_id: dispense.id });
    expect(dispense.labelPrinting).toBe('queued');
    const replay = expectOk(await s.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: key }));
    expect(replay.replayed).toBe(true);
    expect(replay.labelPrinting).toBe('notAgain');
    expect(printJobsStore(s.core.db).labelsOfDispense(dispense.id)).toHaveLength(1);
  });

  it('renders the queued label for the printer: the patient, the drug and its directions, then a cut', async () => {
    const { s, dispense } = await dispensed(true);
    const job = printJobsStore(s.core.db).labelsOfDispense(dispense.id)[0]!;
    const printer = printersStore(s.core.db).byId(job.printer_id ?? '')!;
    const rendered = renderDocument(JSON.parse(job.document), printer, false);
    expect(rendered.ok).toBe(true);
    if (!rendered.ok) return;
    const text = Buffer.from(rendered.bytes).toString('latin1');
    expect(text).toContain('Warfarin');
    expect(text).toContain(dispense.labels[0]!.label.patient);
    expect(text).toContain('\x1dV'); // GS V: the cut
    expect(text).not.toContain('\x1bp'); // no drawer kick for a label
  });

  it('prints the labels again on request, and says so plainly when the terminal has no printer', async () => {
    const { s, dispense } = await dispensed(true);
    const again = expectOk(await s.pharmacist.invoke('printing.printLabels', { dispenseId: dispense.id }));
    expect(again.jobIds).toHaveLength(1);
    expect(printJobsStore(s.core.db).labelsOfDispense(dispense.id)).toHaveLength(2);
    expect(await s.pharmacist.invoke('printing.printLabels', { dispenseId: 'no-such-dispense' })).toMatchObject({
      ok: false,
      error: { code: 'rx.dispenseNotFound' },
    });
    expect(await s.cashier.invoke('printing.printLabels', { dispenseId: dispense.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    s.core.dispose();
    const bare = await dispensed(false);
    expect(printJobsStore(bare.s.core.db).labelsOfDispense(bare.dispense.id)).toEqual([]);
    expect(bare.dispense.labelPrinting).toBe('noPrinter');
    expect(await bare.s.pharmacist.invoke('printing.printLabels', { dispenseId: bare.dispense.id })).toMatchObject({
      ok: false,
      error: { code: 'printing.noReceiptPrinter' },
    });
  });

  it('lets the dispense stand when its labels cannot be queued, and says so in the answer', async () => {
    const s = (store = await setUpRx());
    expectOk(await s.admin.invoke('printing.savePrinter', { name: 'Counter', connection: printerAt, isReceiptPrinter: true }));
    const p = await addPatient(s.pharmacist);
    const rx = await verifiedRx(s, p.id, [warfarinItem(s)]);
    s.core.db.exec("CREATE TRIGGER refuse_jobs BEFORE INSERT ON print_job BEGIN SELECT RAISE(ABORT, 'the queue is unwritable'); END");
    const dispense = expectOk(await s.pharmacist.invoke('rx.dispense', { prescriptionId: rx.id, idempotencyKey: dispenseKey() }));
    expect(dispense.labelPrinting).toBe('failed');
    expect(s.core.db.prepare('SELECT count(*) AS n FROM dispense WHERE id = ?').get(dispense.id)).toEqual({ n: 1 });
    expect(printJobsStore(s.core.db).labelsOfDispense(dispense.id)).toEqual([]);
  });
});
