import { handler } from '../api/command-context.js';
import { acknowledgeExpiryAlerts, listExpiryAlerts } from './expiry-alerts.js';
import { prepareProductForecast, productForecast, type PreparedForecast } from './product-forecast.js';
import { listQuarantine } from './quarantine-list.js';
import { readCountScan } from './stocktake-scan.js';

export const stockWatchHandlers = {
  'inventory.listExpiryAlerts': handler<'inventory.listExpiryAlerts'>({ run: (ctx, input) => listExpiryAlerts(ctx.db, input) }),
  'inventory.acknowledgeExpiryAlert': handler<'inventory.acknowledgeExpiryAlert'>({ run: (ctx, input) => acknowledgeExpiryAlerts(ctx, input) }),
  'inventory.listQuarantine': handler<'inventory.listQuarantine'>({ run: (ctx, input) => listQuarantine(ctx, input) }),
  'inventory.readCountScan': handler<'inventory.readCountScan'>({ run: (ctx, input) => readCountScan(ctx, input) }),
  'inventory.productForecast': handler<'inventory.productForecast', PreparedForecast>({
    prepare: (ctx, input) => prepareProductForecast(ctx, input),
    run: (ctx, input, prepared) => productForecast(ctx, input, prepared),
  }),
};
