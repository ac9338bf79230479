// The stock-watch tabs of the Inventory section: expiry (with its alerts), quarantine, recalls, stocktake and
// forecasts. Each is shown only to a role that may read what it shows; actions inside check their own permission.
import type { InventoryTab } from '../inventory/inventory-tabs.js';
import { ExpiryTab } from './expiry-tab.js';
import { ForecastTab } from './forecast-tab.js';
import { QuarantineTab } from './quarantine-tab.js';
import { RecallsTab } from './recalls-tab.js';
import { StocktakeTab } from './stocktake-tab.js';

export const stockWatchTabs: InventoryTab[] = [
  { id: 'expiry', labelKey: 'stockWatch.tabs.expiry', permission: 'stock.read', render: ({ session }) => <ExpiryTab session={session} /> },
  { id: 'quarantine', labelKey: 'stockWatch.tabs.quarantine', permission: 'stock.read', render: ({ session }) => <QuarantineTab session={session} /> },
  { id: 'recalls', labelKey: 'stockWatch.tabs.recalls', permission: 'stock.read', render: ({ session }) => <RecallsTab session={session} /> },
  { id: 'stocktake', labelKey: 'stockWatch.tabs.stocktake', permission: 'stock.count', render: ({ session }) => <StocktakeTab session={session} /> },
  { id: 'forecast', labelKey: 'stockWatch.tabs.forecast', permission: 'stock.read', render: () => <ForecastTab /> },
];
