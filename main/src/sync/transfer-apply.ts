// Rule: a stock transfer moves stock only at the two branches it names (DESIGN.md "Sync", ownership; the
// server routes it to its destination alone). The sender's `inventory.transferSent` becomes an incoming
// transfer in transit at the destination, with no stock movement until someone there receives it; the
// destination's `inventory.transferReceived` closes the transfer at the sender and at the destination's
// other counters. The document's own checksum and tenant are checked again here: the server is not trusted
// with stock.
import { z } from 'zod';
import { markTransferReceived, recordArrivedTransfer, transferChecksum, transferRow } from '../inventory/stock-transfers.js';
import { transferDocumentSchema } from '../inventory/contract/purchasing-schemas.js';
import type { Applier } from './apply.js';
import { systemCommandContext } from './apply-context.js';

const sentSchema = z.object({ document: transferDocumentSchema });
const receivedSchema = z.object({ transferId: z.string().uuid(), fromBranchId: z.string(), checksum: z.string() });

export const transferAppliers: Readonly<Record<'inventory.transferSent' | 'inventory.transferReceived', Applier>> = {
  'inventory.transferSent': {
    version: 1,
    topics: ['stock', 'inventory'],
    apply(env, event) {
      const { document: doc } = sentSchema.parse(event.payload);
      // The sender's other counters (and anyone else) see it in their own branch log: nothing to do there.
      if (doc.toBranchId !== env.identity.branchId || event.branchId === env.identity.branchId) return;
      if (doc.tenantId !== env.identity.tenantId) throw new Error(`transfer ${doc.id} names another chain`);
      if (doc.fromBranchId !== event.branchId) throw new Error(`transfer ${doc.id} was sent by a branch it does not name as its sender`);
      if (transferChecksum(doc) !== doc.checksum) throw new Error(`transfer ${doc.id} does not match its checksum`);
      if (!recordArrivedTransfer(env.db, doc, `${JSON.stringify(doc, null, 2)}\n`)) return;
      const ctx = systemCommandContext(env.db, env.terminal, env.clock, env.ids, `transfer ${doc.id} sent by ${doc.fromBranchName}`);
      ctx.audit({
        action: 'sync.transferArrived',
        entityType: 'stockTransfer',
        entityId: doc.id,
        after: { fromBranchId: doc.fromBranchId, fromBranchName: doc.fromBranchName, lines: doc.lines.length, checksum: doc.checksum, eventId: event.id },
      });
    },
  },
  'inventory.transferReceived': {
    version: 1,
    topics: ['inventory'],
    apply(env, event) {
      const p = receivedSchema.parse(event.payload);
      const row = transferRow(env.db, p.transferId);
      // Received by the destination: the sender's copy (out) and the other counters' copies (in) close.
      if (!row || row.status !== 'inTransit' || row.checksum !== p.checksum) return;
      const mine = row.direction === 'out' ? p.fromBranchId === env.identity.branchId : event.branchId === env.identity.branchId;
      if (!mine || !markTransferReceived(env.db, p.transferId, event.occurredAt)) return;
      const ctx = systemCommandContext(env.db, env.terminal, env.clock, env.ids, `transfer ${p.transferId} received`);
      ctx.audit({
        action: 'sync.transferConfirmed',
        entityType: 'stockTransfer',
        entityId: p.transferId,
        before: { status: 'inTransit' },
        after: { status: 'received', receivedAt: event.occurredAt, byBranchId: event.branchId, byDeviceId: event.deviceId, eventId: event.id },
      });
    },
  },
};
