// The shape of demo-catalog.json: the demo pharmacy's products with stock, as the generator writes it and
// the demo loader reads it. Kept free of imports so that both sides can depend on it.

export type TaxCategoryCode = 'standard' | 'reduced' | 'zero' | 'exempt';

export type LegalCategory = 'gsl' | 'pharmacy' | 'otc' | 'rx' | 'controlled';

export type StockLocation = 'shelf' | 'dispensary' | 'controlled-cabinet';

export type ProductSource = 'dmd' | 'dailymed' | 'openfda';

export type DemoIngredient = { name: string; strength: string | null };

export type DemoBatch = {
  batch: string;
  /** YYYY-MM-DD */
  expiry: string;
  /** in the product's smallest dispensable unit */
  quantity: number;
  location: StockLocation;
};

export type DemoProduct = {
  sku: string;
  name: string;
  brand: string | null;
  ingredients: DemoIngredient[];
  strength: string | null;
  form: string;
  route: string | null;
  packSize: number;
  unit: string;
  legalCategory: LegalCategory;
  schedule: string | null;
  taxCategory: TaxCategoryCode;
  /** minor units (cents) of USD */
  priceMinor: number;
  costMinor: number;
  gtins: string[];
  ndc: string | null;
  source: ProductSource;
  batches: DemoBatch[];
};

export type DemoCatalogSource = { source: string; licence: string; attribution: string };

export type DemoCatalog = {
  generatedFrom: DemoCatalogSource[];
  taxCategories: { code: TaxCategoryCode; name: string }[];
  products: DemoProduct[];
};
