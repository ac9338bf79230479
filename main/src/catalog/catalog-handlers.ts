import { CoreError } from '../api/core-error.js';
import { handler } from '../api/command-context.js';
import { readPharmacy } from '../setup/terminal-store.js';
import { catalogStore, toProduct } from './catalog-store.js';
import { normalizeGtin } from './gtin.js';
import { searchProducts } from './search-products.js';

export const catalogHandlers = {
  'catalog.searchProducts': handler<'catalog.searchProducts'>({
    run: (ctx, input) => searchProducts(ctx.db, input.query, input.limit),
  }),
  'catalog.getProduct': handler<'catalog.getProduct'>({
    run(ctx, input) {
      const store = catalogStore(ctx.db);
      const row = store.byId(input.id);
      if (!row) throw new CoreError('catalog.productNotFound', 'There is no product with that id.', { id: input.id });
      const lots = store.lotsOf(row.id).map((l) => ({ lotId: l.lot_id, batch: l.batch, expiry: l.expiry, location: l.location, onHand: l.on_hand }));
      return {
        ...toProduct(row, store.gtinsOf(row.id), store.ingredientsOf(row.id)),
        lots,
        onHand: lots.filter((l) => l.location !== 'quarantine').reduce((sum, l) => sum + l.onHand, 0),
      };
    },
  }),
  'catalog.createProduct': handler<'catalog.createProduct'>({
    run(ctx, input) {
      const store = catalogStore(ctx.db);
      if (store.bySku(input.sku)) throw new CoreError('catalog.skuTaken', `SKU ${input.sku} is already in the catalog.`, { field: 'sku' });
      const gtins: string[] = [];
      for (const raw of input.gtins) {
        const gtin = normalizeGtin(raw);
        if (!gtin) throw new CoreError('catalog.gtinInvalid', `${raw} is not a valid GTIN (check digit).`, { field: 'gtins', gtin: raw });
        if (store.gtinOwner(gtin)) throw new CoreError('catalog.gtinTaken', `GTIN ${gtin} already belongs to another product.`, { gtin });
        gtins.push(gtin);
      }
      const pharmacy = readPharmacy(ctx.db);
      const id = ctx.ids.next();
      store.insert(
        {
          id,
          sku: input.sku,
          name: input.name,
          brand: input.brand,
          strength: input.strength,
          form: input.form,
          route: input.route,
          pack_size: input.packSize,
          unit: input.unit,
          legal_category: input.legalCategory,
          schedule: input.schedule,
          tax_category: input.taxCategory,
          price_minor: input.priceMinor,
          currency: pharmacy?.base_currency ?? 'USD',
        },
        input.ingredients,
        gtins,
        ctx.now,
      );
      const row = store.byId(id);
      if (!row) throw new Error('product vanished after insert');
      const product = toProduct(row, gtins, input.ingredients);
      ctx.audit({ action: 'catalog.createProduct', entityType: 'product', entityId: id, after: product });
      ctx.emit('catalog.productCreated', { product });
      return product;
    },
  }),
  'catalog.updatePrice': handler<'catalog.updatePrice'>({
    run(ctx, input) {
      const store = catalogStore(ctx.db);
      const before = store.byId(input.id);
      if (!before) throw new CoreError('catalog.productNotFound', 'There is no product with that id.', { id: input.id });
      store.updatePrice(input.id, input.priceMinor, ctx.now);
      const after = store.byId(input.id);
      if (!after) throw new Error('product vanished after update');
      ctx.audit({
        action: 'catalog.updatePrice',
        entityType: 'product',
        entityId: input.id,
        before: { priceMinor: before.price_minor },
        after: { priceMinor: after.price_minor },
      });
      ctx.emit('catalog.priceChanged', { productId: input.id, priceMinor: after.price_minor, previousPriceMinor: before.price_minor });
      return toProduct(after, store.gtinsOf(input.id), store.ingredientsOf(input.id));
    },
  }),
};
