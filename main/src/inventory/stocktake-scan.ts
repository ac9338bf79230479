// A count reads barcodes the way receiving does (GS1 element strings, Digital Link, EAN/UPC), parsed once in
// the core: the counter learns the product and, when the pack carries them, its batch and expiry.
import type { CommandContext } from '../api/command-context.js';
import { CoreError } from '../api/core-error.js';
import { parseScan } from '../barcode/index.js';
import { catalogStore } from '../catalog/catalog-store.js';
import { normalizeGtin } from '../catalog/gtin.js';
import type { OutputOf, ParsedInputOf } from '../contract.js';
import { passThrough } from './inventory-rules.js';

export function readCountScan(ctx: CommandContext, input: ParsedInputOf<'inventory.readCountScan'>): OutputOf<'inventory.readCountScan'> {
  const parsed = parseScan(input.scan, { now: new Date(ctx.now), ...(input.gsSubstitute === undefined ? {} : { gsSubstitute: input.gsSubstitute }) });
  if (!parsed.ok) throw passThrough(parsed.error);
  const raw = parsed.value.gtin;
  if (raw === null) throw new CoreError('sales.scanHasNoGtin', 'This barcode carries no product number (GTIN).', { scan: input.scan });
  const gtin = normalizeGtin(raw);
  if (gtin === null) throw new CoreError('catalog.gtinInvalid', `${raw} is not a valid GTIN.`, { gtin: raw });
  const product = catalogStore(ctx.db).byGtin(gtin);
  if (!product) throw new CoreError('inventory.unknownGtin', `No product in the catalog has the barcode ${gtin}.`, { gtin });
  return { productId: product.id, name: product.name, gtin, packSize: product.pack_size, unit: product.unit, batch: parsed.value.batch ?? null, expiry: parsed.value.expiry ?? null };
}
