// The Inventory section's tabs (F3), in the order they appear and answer Alt+1..9. Each area adds its own
// entries to `inventoryTabs`; the screen shows only those the session's permissions allow.
import type { ReactNode } from 'react';
import type { Permission, SessionInfo } from '@mortar/main/contract';
import { CatalogTab } from './catalog-tab.js';
import { OrdersTab } from './orders-tab.js';
import { ReceivingTab } from './receiving-tab.js';
import { StockTab } from './stock-tab.js';
import { stockWatchTabs } from '../stock-watch/stock-watch-tabs.js';
import { SuggestedTab } from './suggested-tab.js';
import { SuppliersTab } from './suppliers-tab.js';

export type InventoryTabContext = { session: SessionInfo };

export type InventoryTab = {
  /** Stable: used in data-testids (`inventory-tab-<id>`) and element ids. */
  id: string;
  /** An i18n key for the tab's label. */
  labelKey: string;
  /** Without it, every user who can open the Inventory section sees the tab. */
  permission?: Permission;
  render: (ctx: InventoryTabContext) => ReactNode;
};

export const inventoryTabs: InventoryTab[] = [
  { id: 'catalog', labelKey: 'inventory.tabs.catalog', render: () => <CatalogTab /> },
  { id: 'stock', labelKey: 'inventory.tabs.stock', permission: 'stock.read', render: () => <StockTab /> },
  { id: 'receiving', labelKey: 'inventory.tabs.receiving', permission: 'stock.receive', render: ({ session }) => <ReceivingTab session={session} /> },
  { id: 'orders', labelKey: 'inventory.tabs.orders', permission: 'stock.read', render: ({ session }) => <OrdersTab session={session} /> },
  { id: 'suggested', labelKey: 'inventory.tabs.suggested', permission: 'purchasing.order', render: ({ session }) => <SuggestedTab session={session} /> },
  ...stockWatchTabs,
  // Kept last: changed seldom, so the daily areas keep Alt+1..9.
  { id: 'suppliers', labelKey: 'inventory.tabs.suppliers', permission: 'stock.read', render: ({ session }) => <SuppliersTab session={session} /> },
];
