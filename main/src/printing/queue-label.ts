// Rule: a dispense prints its labels, whatever the printer does. The labels are queued in the dispense's own
// transaction, inside a savepoint: if queueing fails the dispense still commits and the pharmacist prints the
// label again from the prescription (`printing.printLabels`). Labels go to the terminal's receipt printer,
// which takes the 32-column label layout on its roll (a label printer set as the receipt printer works alike).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CommandContext, Handler } from '../api/command-context.js';
import type { Dispense, OutputOf } from '../contract.js';
import { printersStore, printJobsStore } from './printing-store.js';

/** Queues one label per dispensed item on the receipt printer; the job ids, or [] when there is no printer. */
export function queueDispenseLabels(db: Database, dispense: Dispense, deviceId: string, at: number, newId: () => string): string[] {
  const printer = printersStore(db).receipt(deviceId);
  if (!printer) return [];
  const ids: string[] = [];
  for (const l of dispense.labels) {
    const id = newId();
    printJobsStore(db).add({
      id,
      printerId: printer.id,
      kind: 'label',
      saleId: null,
      shiftId: null,
      label: `Label Rx ${l.label.rxNumber} item ${l.lineNo}`,
      document: { type: 'rxLabel', label: l.label },
      openDrawer: false,
      at,
      dispenseId: dispense.id,
    });
    ids.push(id);
  }
  return ids;
}

/** `rx.dispense`, and then its labels queued in the same transaction (not again for a replayed dispense). */
export function withLabelsQueued<P>(inner: Handler<'rx.dispense', P>): Handler<'rx.dispense', P> {
  return {
    ...inner,
    run(ctx: CommandContext, input, prepared): OutputOf<'rx.dispense'> {
      const dispense = inner.run(ctx, input, prepared);
      const terminal = ctx.terminal;
      if (!terminal) return dispense;
      if (dispense.replayed) return { ...dispense, labelPrinting: 'notAgain' };
      try {
        const jobs = ctx.db.transaction(() => queueDispenseLabels(ctx.db, dispense, terminal.deviceId, ctx.now, () => ctx.ids.next()))();
        return { ...dispense, labelPrinting: jobs.length > 0 || dispense.labels.length === 0 ? 'queued' : 'noPrinter' };
      } catch {
        // The dispense stands; the answer says the labels were not queued, and they are printed again from the prescription.
        return { ...dispense, labelPrinting: 'failed' };
      }
    },
  };
}
