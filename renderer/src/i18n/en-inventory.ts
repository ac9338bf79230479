// The Inventory section's words in English (tabs, stock card, receiving, purchasing); de-inventory.ts has the
// same keys (its type says so).
export const enInventory = {
  inventory: {
    tabsLabel: 'Inventory areas',
    noTabs: 'Your role may not see any inventory area.',
    tabs: {
      catalog: 'Catalog',
    },
  },
};
