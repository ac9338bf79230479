import { handler } from '../api/command-context.js';
import { expiryReport } from './expiry-report.js';
import { enterRecall, listRecalls, recallTrace, recallTraceCsv } from './recalls.js';
import { disposeStock, quarantineStock, releaseFromQuarantine } from './stock-control.js';
import { approveStocktake, countSheet, recordCount, reviewStocktake, startStocktake } from './stocktake.js';
import { receiveDelivery } from './receive-delivery.js';
import { createSupplier, listSuppliers, updateSupplier } from './suppliers.js';

export const inventoryHandlers = {
  'inventory.createSupplier': handler<'inventory.createSupplier'>({ run: (ctx, input) => createSupplier(ctx, input) }),
  'inventory.updateSupplier': handler<'inventory.updateSupplier'>({ run: (ctx, input) => updateSupplier(ctx, input) }),
  'inventory.listSuppliers': handler<'inventory.listSuppliers'>({ run: (ctx, input) => listSuppliers(ctx.db, input.includeInactive) }),
  'inventory.receiveDelivery': handler<'inventory.receiveDelivery'>({ run: (ctx, input) => receiveDelivery(ctx, input) }),
  'inventory.expiryReport': handler<'inventory.expiryReport'>({ run: (ctx, input) => expiryReport(ctx, input) }),
  'inventory.quarantineStock': handler<'inventory.quarantineStock'>({ run: (ctx, input) => quarantineStock(ctx, input) }),
  'inventory.releaseFromQuarantine': handler<'inventory.releaseFromQuarantine'>({ run: (ctx, input) => releaseFromQuarantine(ctx, input) }),
  'inventory.disposeStock': handler<'inventory.disposeStock'>({ run: (ctx, input) => disposeStock(ctx, input) }),
  'inventory.enterRecall': handler<'inventory.enterRecall'>({ run: (ctx, input) => enterRecall(ctx, input) }),
  'inventory.listRecalls': handler<'inventory.listRecalls'>({ run: (ctx, input) => listRecalls(ctx.db, input.limit) }),
  'inventory.recallTrace': handler<'inventory.recallTrace'>({ run: (ctx, input) => recallTrace(ctx.db, input.recallId) }),
  'inventory.exportRecallTraceCsv': handler<'inventory.exportRecallTraceCsv'>({ run: (ctx, input) => recallTraceCsv(ctx.db, input.recallId) }),
  'inventory.startStocktake': handler<'inventory.startStocktake'>({ run: (ctx, input) => startStocktake(ctx, input) }),
  'inventory.getCountSheet': handler<'inventory.getCountSheet'>({ run: (ctx, input) => countSheet(ctx.db, input.stocktakeId) }),
  'inventory.recordCount': handler<'inventory.recordCount'>({ run: (ctx, input) => recordCount(ctx, input) }),
  'inventory.reviewStocktake': handler<'inventory.reviewStocktake'>({ run: (ctx, input) => reviewStocktake(ctx, input) }),
  'inventory.approveStocktake': handler<'inventory.approveStocktake'>({ run: (ctx, input) => approveStocktake(ctx, input) }),
};
