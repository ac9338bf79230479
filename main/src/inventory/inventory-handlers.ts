import { handler } from '../api/command-context.js';
import { expiryReport } from './expiry-report.js';
import { receiveDelivery } from './receive-delivery.js';
import { createSupplier, listSuppliers, updateSupplier } from './suppliers.js';

export const inventoryHandlers = {
  'inventory.createSupplier': handler<'inventory.createSupplier'>({ run: (ctx, input) => createSupplier(ctx, input) }),
  'inventory.updateSupplier': handler<'inventory.updateSupplier'>({ run: (ctx, input) => updateSupplier(ctx, input) }),
  'inventory.listSuppliers': handler<'inventory.listSuppliers'>({ run: (ctx, input) => listSuppliers(ctx.db, input.includeInactive) }),
  'inventory.receiveDelivery': handler<'inventory.receiveDelivery'>({ run: (ctx, input) => receiveDelivery(ctx, input) }),
  'inventory.expiryReport': handler<'inventory.expiryReport'>({ run: (ctx, input) => expiryReport(ctx, input) }),
};
