// The Inventory section's words in German; typed as the English ones so no key can be missing.
import type { enInventory } from './en-inventory.js';

export const deInventory: typeof enInventory = {
  inventory: {
    tabsLabel: 'Bereiche der Warenwirtschaft',
    noTabs: 'Ihre Rolle darf keinen Bereich der Warenwirtschaft sehen.',
    tabs: {
      catalog: 'Katalog',
    },
  },
};
