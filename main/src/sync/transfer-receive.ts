// Receiving a transfer that arrived through sync is the same receipt as importing its file (checksum,
// chain, branch and barcodes checked, transfer-in movements posted once), from the document kept when it
// arrived; the receipt's event travels back to the sender and closes the transfer there.
import type { CommandContext } from '../api/command-context.js';
import type { ParsedInputOf } from '../contract.js';
import { importTransfer, transferRow } from '../inventory/stock-transfers.js';
import type { TransferView } from '../inventory/contract/purchasing-schemas.js';
import { purchasingError } from '../inventory/purchasing-errors.js';

export function receiveSyncedTransfer(ctx: CommandContext, input: ParsedInputOf<'sync.receiveTransfer'>): TransferView {
  const row = transferRow(ctx.db, input.transferId);
  if (!row || row.direction !== 'in') {
    throw purchasingError('inventory.transferNotFound', 'No transfer to this branch with that id has arrived.', { transferId: input.transferId });
  }
  if (row.status !== 'inTransit') {
    throw purchasingError('inventory.transferAlreadyReceived', `Transfer ${input.transferId} was already received here.`, { transferId: input.transferId });
  }
  return importTransfer(ctx, { document: row.document });
}
