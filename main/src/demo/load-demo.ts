// The demo pharmacy: a realistic catalog (see data/README.md for its sources and licences) loaded through
// the same store functions and ledger as real data, so that what a new user explores is what they will run.
import { readFileSync } from 'node:fs';
import { CoreError } from '../api/core-error.js';
import { handler, type CommandContext } from '../api/command-context.js';
import { catalogStore } from '../catalog/catalog-store.js';
import { normalizeGtin } from '../catalog/gtin.js';
import { readPharmacy } from '../setup/terminal-store.js';
import { receiveIntoLot } from '../inventory/stock-ledger.js';
import type { DemoCatalog } from './data/demo-catalog-types.js';

const DEMO_FILE = new URL('./data/demo-catalog.json', import.meta.url);

export function readDemoCatalog(): DemoCatalog {
  return JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as DemoCatalog;
}

export function loadDemo(ctx: CommandContext, catalog: DemoCatalog): { products: number; lots: number; units: number } {
  const pharmacy = readPharmacy(ctx.db);
  if (!pharmacy) throw new CoreError('setup.notDone', 'Set up the pharmacy before loading the demo.');
  if (pharmacy.demo_loaded_at !== null) throw new CoreError('demo.alreadyLoaded', 'The demo pharmacy is already loaded.');
  const store = catalogStore(ctx.db);
  let lots = 0;
  let units = 0;
  for (const p of catalog.products) {
    if (store.bySku(p.sku)) continue; // a product added by hand with the same SKU wins
    const gtins = p.gtins.map((g) => normalizeGtin(g)).filter((g): g is string => g !== null && store.gtinOwner(g) === null);
    const id = ctx.ids.next();
    store.insert(
      {
        id,
        sku: p.sku,
        name: p.name,
        brand: p.brand,
        strength: p.strength,
        form: p.form,
        route: p.route,
        pack_size: p.packSize,
        unit: p.unit,
        legal_category: p.legalCategory,
        schedule: p.schedule,
        tax_category: p.taxCategory,
        price_minor: p.priceMinor,
        currency: pharmacy.base_currency,
      },
      p.ingredients,
      gtins,
      ctx.now,
    );
    for (const b of p.batches) {
      receiveIntoLot(ctx, {
        productId: id,
        batch: b.batch,
        expiry: b.expiry,
        location: b.location,
        quantity: b.quantity,
        costMinor: p.costMinor,
        documentType: 'demo',
        documentId: 'opening-stock',
        reason: 'demo opening stock',
      });
      lots++;
      units += b.quantity;
    }
  }
  ctx.db.prepare('UPDATE pharmacy SET demo_loaded_at = ?').run(ctx.now);
  const summary = { products: catalog.products.length, lots, units };
  ctx.audit({ action: 'demo.loadDemo', entityType: 'pharmacy', entityId: ctx.terminal?.branchId ?? null, after: summary });
  ctx.emit('demo.demoLoaded', summary);
  return summary;
}

export const demoHandlers = {
  'demo.loadDemo': handler<'demo.loadDemo', DemoCatalog>({
    prepare: async () => readDemoCatalog(),
    run: (ctx, _input, catalog) => loadDemo(ctx, catalog),
  }),
};
