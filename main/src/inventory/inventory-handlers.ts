import { handler } from '../api/command-context.js';
import { expiryReport } from './expiry-report.js';
import { enterRecall, listRecalls, recallTrace, recallTraceCsv } from './recalls.js';
import { disposeStock, quarantineStock, releaseFromQuarantine } from './stock-control.js';
import { approveStocktake, countSheet, listStocktakes, recordCount, reviewStocktake, startStocktake } from './stocktake.js';
import { receiveDelivery } from './receive-delivery.js';
import { createSupplier, listSuppliers, updateSupplier } from './suppliers.js';
import { importAcknowledgement, importInvoice } from './purchase-order-edi-import.js';
import { exportPurchaseOrder } from './purchase-order-export.js';
import { listPurchaseOrders, readPurchaseOrder } from './purchase-order-store.js';
import {
  approvePurchaseOrder,
  cancelPurchaseOrder,
  closePurchaseOrder,
  createPurchaseOrder,
  sendPurchaseOrder,
  updatePurchaseOrder,
} from './purchase-orders.js';
import { exportTransfer, importTransfer, listTransfers, transferOut } from './stock-transfers.js';
import { prepareSuggestion, suggestPurchaseOrders, type PreparedSuggestion } from './suggested-orders.js';

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
  'inventory.listStocktakes': handler<'inventory.listStocktakes'>({ run: (ctx) => listStocktakes(ctx.db) }),
  'inventory.recordCount': handler<'inventory.recordCount'>({ run: (ctx, input) => recordCount(ctx, input) }),
  'inventory.reviewStocktake': handler<'inventory.reviewStocktake'>({ run: (ctx, input) => reviewStocktake(ctx, input) }),
  'inventory.approveStocktake': handler<'inventory.approveStocktake'>({ run: (ctx, input) => approveStocktake(ctx, input) }),
  'inventory.createPurchaseOrder': handler<'inventory.createPurchaseOrder'>({ run: (ctx, input) => createPurchaseOrder(ctx, input) }),
  'inventory.updatePurchaseOrder': handler<'inventory.updatePurchaseOrder'>({ run: (ctx, input) => updatePurchaseOrder(ctx, input) }),
  'inventory.approvePurchaseOrder': handler<'inventory.approvePurchaseOrder'>({ run: (ctx, input) => approvePurchaseOrder(ctx, input) }),
  'inventory.sendPurchaseOrder': handler<'inventory.sendPurchaseOrder'>({ run: (ctx, input) => sendPurchaseOrder(ctx, input) }),
  'inventory.closePurchaseOrder': handler<'inventory.closePurchaseOrder'>({ run: (ctx, input) => closePurchaseOrder(ctx, input) }),
  'inventory.cancelPurchaseOrder': handler<'inventory.cancelPurchaseOrder'>({ run: (ctx, input) => cancelPurchaseOrder(ctx, input) }),
  'inventory.getPurchaseOrder': handler<'inventory.getPurchaseOrder'>({ run: (ctx, input) => readPurchaseOrder(ctx.db, input.id) }),
  'inventory.listPurchaseOrders': handler<'inventory.listPurchaseOrders'>({ run: (ctx, input) => listPurchaseOrders(ctx.db, input) }),
  'inventory.exportPurchaseOrder': handler<'inventory.exportPurchaseOrder'>({ run: (ctx, input) => exportPurchaseOrder(ctx, input) }),
  'inventory.importAcknowledgement': handler<'inventory.importAcknowledgement'>({ run: (ctx, input) => importAcknowledgement(ctx, input) }),
  'inventory.importInvoice': handler<'inventory.importInvoice'>({ run: (ctx, input) => importInvoice(ctx, input) }),
  'inventory.suggestPurchaseOrders': handler<'inventory.suggestPurchaseOrders', PreparedSuggestion>({
    prepare: (ctx, input) => prepareSuggestion(ctx, input),
    run: (ctx, input, prepared) => suggestPurchaseOrders(ctx, input, prepared),
  }),
  'inventory.transferOut': handler<'inventory.transferOut'>({ run: (ctx, input) => transferOut(ctx, input) }),
  'inventory.exportTransfer': handler<'inventory.exportTransfer'>({ run: (ctx, input) => exportTransfer(ctx.db, input.id) }),
  'inventory.importTransfer': handler<'inventory.importTransfer'>({ run: (ctx, input) => importTransfer(ctx, input) }),
  'inventory.listTransfers': handler<'inventory.listTransfers'>({ run: (ctx, input) => listTransfers(ctx.db, input.limit) }),
};
