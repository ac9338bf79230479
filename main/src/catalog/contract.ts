import { z } from 'zod';

export const legalCategories = ['gsl', 'pharmacy', 'otc', 'rx', 'controlled'] as const;
export const taxCategoryCodes = ['standard', 'reduced', 'zero', 'exempt'] as const;

export const gtinSchema = z.string().regex(/^\d{8}$|^\d{12,14}$/, 'a GTIN is 8, 12, 13 or 14 digits');

export const ingredientSchema = z.object({
  name: z.string().trim().min(1).max(200),
  strength: z.string().trim().max(60).nullable(),
});

export const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  ingredients: z.array(ingredientSchema),
  strength: z.string().nullable(),
  form: z.string(),
  route: z.string().nullable(),
  packSize: z.number().int(),
  unit: z.string(),
  legalCategory: z.enum(legalCategories),
  schedule: z.string().nullable(),
  taxCategory: z.enum(taxCategoryCodes),
  priceMinor: z.number().int(),
  currency: z.string(),
  gtins: z.array(z.string()),
  active: z.boolean(),
});
export type Product = z.infer<typeof productSchema>;

export const productHitSchema = productSchema.pick({
  id: true,
  sku: true,
  name: true,
  brand: true,
  strength: true,
  form: true,
  packSize: true,
  legalCategory: true,
  priceMinor: true,
  currency: true,
}).extend({ onHand: z.number().int(), matchedBy: z.enum(['gtin', 'sku', 'text', 'fuzzy']) });
export type ProductHit = z.infer<typeof productHitSchema>;

export const stockLotSchema = z.object({
  lotId: z.string(),
  batch: z.string(),
  expiry: z.string(),
  location: z.string(),
  onHand: z.number().int(),
});

export const productDetailSchema = productSchema.extend({
  lots: z.array(stockLotSchema),
  onHand: z.number().int(),
});

export const newProductSchema = z.object({
  sku: z.string().trim().min(1).max(60),
  name: z.string().trim().min(2).max(200),
  brand: z.string().trim().max(120).nullable().default(null),
  ingredients: z.array(ingredientSchema).max(20).default([]),
  strength: z.string().trim().max(60).nullable().default(null),
  form: z.string().trim().min(1).max(60),
  route: z.string().trim().max(60).nullable().default(null),
  packSize: z.number().int().min(1).max(100_000),
  unit: z.string().trim().min(1).max(30),
  legalCategory: z.enum(legalCategories),
  schedule: z.string().trim().max(10).nullable().default(null),
  taxCategory: z.enum(taxCategoryCodes),
  priceMinor: z.number().int().min(0).max(1_000_000_000),
  gtins: z.array(gtinSchema).max(20).default([]),
});
export type NewProduct = z.input<typeof newProductSchema>;

export const catalogOperations = {
  'catalog.searchProducts': {
    input: z.object({
      query: z.string().max(200),
      limit: z.number().int().min(1).max(100).default(25),
    }),
    output: z.object({ hits: z.array(productHitSchema), corrections: z.array(z.string()) }),
    permission: 'catalog.read',
    writes: false,
    topics: [],
    summary: 'Search by name, ingredient, brand, SKU or barcode; tolerant of typing mistakes.',
  },
  'catalog.getProduct': {
    input: z.object({ id: z.string().uuid() }),
    output: productDetailSchema,
    permission: 'catalog.read',
    writes: false,
    topics: [],
    summary: 'One product with its barcodes and the batches in stock.',
  },
  'catalog.createProduct': {
    input: newProductSchema,
    output: productSchema,
    permission: 'catalog.manage',
    writes: true,
    topics: ['catalog'],
    summary: 'Add a product to the catalog.',
  },
  'catalog.updatePrice': {
    input: z.object({ id: z.string().uuid(), priceMinor: z.number().int().min(0).max(1_000_000_000) }),
    output: productSchema,
    permission: 'catalog.manage',
    writes: true,
    topics: ['catalog'],
    overridable: true,
    summary: "Change a product's shelf price.",
  },
} as const;

export const demoOperations = {
  'demo.loadDemo': {
    input: z.object({}),
    output: z.object({ products: z.number().int(), lots: z.number().int(), units: z.number().int() }),
    permission: 'demo.load',
    writes: true,
    topics: ['catalog', 'stock'],
    summary: 'Load the demo pharmacy: a realistic catalog with batches, expiries and prices.',
  },
} as const;
