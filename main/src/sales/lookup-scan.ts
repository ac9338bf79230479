// Rule: a scan becomes a cart line only for a product that may be sold over the counter, from a lot that is
// sellable, in date and in stock (DESIGN.md "Data": the scanned batch, else first expiry first out).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../api/core-error.js';
import type { CommandContext } from '../api/command-context.js';
import { parseScan } from '../barcode/index.js';
import { catalogStore, type ProductRow } from '../catalog/catalog-store.js';
import type { ParsedInputOf, ScanProposal } from '../contract.js';
import { lotsStore, type SaleLotRow } from './lots-store.js';
import { isoDay, passThrough } from './sales-rules.js';
import { readPolicy } from './sales-settings-store.js';

/**
 * Refuses products that cannot be sold at the till: withdrawn ones, and prescription-only or controlled ones
 * unless the line sells a dispensed prescription item (`prescribed`, checked by the rx domain).
 */
export function checkSellableProduct(row: ProductRow, lineNo?: number, prescribed = false): void {
  const where = lineNo === undefined ? {} : { lineNo };
  if (row.active !== 1) {
    throw new CoreError('sales.productInactive', `${row.name} is no longer sold.`, { ...where, productId: row.id });
  }
  if (!prescribed && (row.legal_category === 'rx' || row.legal_category === 'controlled')) {
    // Only a dispensed prescription supplies these lines (rx.listReady); a scanned pack is refused.
    throw new CoreError('sales.prescriptionRequired', `${row.name} is supplied only against a prescription.`, {
      ...where,
      productId: row.id,
      legalCategory: row.legal_category,
    });
  }
}

function expired(lot: SaleLotRow, today: string): boolean {
  return lot.expiry < today;
}

type Choice = { lot: SaleLotRow; warnings: 'noStockOnRecord'[] };

/** Why no lot could be chosen, most specific first: expired, quarantined, else not found / out of stock. */
function refuse(lots: readonly SaleLotRow[], today: string, notFound: () => CoreError): never {
  const withStock = lots.filter((l) => l.on_hand > 0);
  const expiredLot = withStock.find((l) => l.sellable === 1 && expired(l, today));
  const quarantined = withStock.find((l) => l.sellable === 0);
  if (quarantined && !expiredLot) {
    throw new CoreError('stock.batchQuarantined', `Batch ${quarantined.batch} is in quarantine and may not be sold.`, {
      lotId: quarantined.lot_id,
      batch: quarantined.batch,
      location: quarantined.location,
    });
  }
  if (expiredLot) {
    throw new CoreError('stock.batchExpired', `Batch ${expiredLot.batch} expired on ${expiredLot.expiry}.`, {
      lotId: expiredLot.lot_id,
      batch: expiredLot.batch,
      expiry: expiredLot.expiry,
    });
  }
  throw notFound();
}

function scannedLot(db: Database, product: ProductRow, batch: string | null, expiry: string | null, today: string, allowNegative: boolean): Choice {
  if (expiry !== null && expiry < today) {
    throw new CoreError('stock.batchExpired', `This pack expired on ${expiry}.`, { batch, expiry });
  }
  const candidates = (batch !== null ? lotsStore.byBatch(db, product.id, batch) : lotsStore.byExpiry(db, product.id, expiry ?? ''))
    .filter((l) => expiry === null || l.expiry === expiry);
  const usable = candidates.filter((l) => l.sellable === 1 && !expired(l, today));
  const inStock = usable.find((l) => l.on_hand > 0);
  if (inStock) return { lot: inStock, warnings: [] };
  const quarantined = candidates.find((l) => l.sellable === 0 && l.on_hand > 0);
  if (!quarantined && allowNegative && usable[0]) return { lot: usable[0], warnings: ['noStockOnRecord'] };
  return refuse(candidates, today, () =>
    new CoreError('stock.batchNotFound', `Batch ${batch ?? expiry ?? ''} of ${product.name} is not in stock.`, {
      productId: product.id,
      batch,
      expiry,
    }),
  );
}

function fefoLot(db: Database, product: ProductRow, today: string, allowNegative: boolean): Choice {
  const lot = lotsStore.fefo(db, product.id, today);
  if (lot) return { lot, warnings: [] };
  const any = allowNegative ? lotsStore.fefoAny(db, product.id, today) : null;
  if (any) return { lot: any, warnings: ['noStockOnRecord'] };
  return refuse(lotsStore.allOfProduct(db, product.id), today, () =>
    new CoreError('sales.outOfStock', `${product.name} is out of stock.`, { productId: product.id }),
  );
}

type Found = { product: ProductRow; scan: ScanProposal['scan'] };

/** The product a scan names, refusing what is not a product barcode or not in the catalog. */
function productOfScan(ctx: CommandContext, text: string, gsSubstitute: string | undefined): Found {
  const parsed = parseScan(text, {
    now: new Date(ctx.now),
    ...(gsSubstitute === undefined ? {} : { gsSubstitute }),
  });
  if (!parsed.ok) throw passThrough(parsed.error);
  const scan = parsed.value;
  if (scan.gtin === null) {
    throw new CoreError('sales.scanHasNoGtin', 'This barcode does not name a product.', { source: scan.source, text: scan.text });
  }
  const product = catalogStore(ctx.db).byGtin(scan.gtin);
  if (!product) {
    throw new CoreError('sales.unknownGtin', `No product in the catalog has the barcode ${scan.gtin}.`, { gtin: scan.gtin });
  }
  return { product, scan: { gtin: scan.gtin, batch: scan.batch, expiry: scan.expiry, serial: scan.serial } };
}

function productById(ctx: CommandContext, productId: string): Found {
  const product = catalogStore(ctx.db).byId(productId);
  if (!product) throw new CoreError('sales.unknownProduct', 'That product is not in the catalog.', { productId });
  return { product, scan: null };
}

export function lookupScan(ctx: CommandContext, input: ParsedInputOf<'sales.lookupScan'>): ScanProposal {
  const { product, scan } =
    input.productId !== undefined ? productById(ctx, input.productId) : productOfScan(ctx, input.scan ?? '', input.gsSubstitute);
  checkSellableProduct(product);
  const today = isoDay(ctx.now);
  const { allowNegativeStock } = readPolicy(ctx.db);
  const fromPack = scan !== null && (scan.batch !== null || scan.expiry !== null);
  const choice = fromPack
    ? scannedLot(ctx.db, product, scan.batch, scan.expiry, today, allowNegativeStock)
    : fefoLot(ctx.db, product, today, allowNegativeStock);
  const { lot } = choice;
  return {
    product: {
      id: product.id,
      sku: product.sku,
      name: product.name,
      brand: product.brand,
      strength: product.strength,
      form: product.form,
      packSize: product.pack_size,
      unit: product.unit,
      legalCategory: product.legal_category,
      taxCategory: product.tax_category,
      priceMinor: product.price_minor,
      currency: product.currency,
    },
    lot: { lotId: lot.lot_id, batch: lot.batch, expiry: lot.expiry, location: lot.location, onHand: lot.on_hand },
    lotSource: fromPack ? 'scanned' : 'fefo',
    line: { productId: product.id, lotId: lot.lot_id, quantity: 1, unit: 'pack' },
    unitPriceMinor: product.price_minor,
    packSize: product.pack_size,
    scan,
    warnings: choice.warnings,
  };
}
