import type { Migration } from '../migrate.js';

/** Products, their barcodes and ingredients, and the full-text and typo-tolerant search indexes. */
export const migration0002: Migration = {
  version: 2,
  name: 'catalog',
  sql: `
CREATE TABLE tax_category (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
INSERT INTO tax_category (code, name) VALUES
  ('standard', 'Standard rate'),
  ('reduced', 'Reduced rate'),
  ('zero', 'Zero rate'),
  ('exempt', 'Exempt');

CREATE TABLE product (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  brand TEXT,
  strength TEXT,
  form TEXT NOT NULL,
  route TEXT,
  pack_size INTEGER NOT NULL CHECK (pack_size > 0),
  unit TEXT NOT NULL,
  legal_category TEXT NOT NULL CHECK (legal_category IN ('gsl', 'pharmacy', 'otc', 'rx', 'controlled')),
  schedule TEXT,
  tax_category TEXT NOT NULL REFERENCES tax_category (code),
  price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
  currency TEXT NOT NULL,
  ingredients_text TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX product_name ON product (name COLLATE NOCASE);

CREATE TABLE product_ingredient (
  product_id TEXT NOT NULL REFERENCES product (id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  strength TEXT,
  PRIMARY KEY (product_id, position)
);
CREATE INDEX product_ingredient_name ON product_ingredient (name COLLATE NOCASE);

CREATE TABLE product_gtin (
  gtin TEXT PRIMARY KEY CHECK (length(gtin) = 14),
  product_id TEXT NOT NULL REFERENCES product (id)
);
CREATE INDEX product_gtin_product ON product_gtin (product_id);

CREATE VIRTUAL TABLE product_fts USING fts5 (
  name, brand, ingredients_text, form,
  content = 'product', content_rowid = 'num',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE TRIGGER product_fts_insert AFTER INSERT ON product BEGIN
  INSERT INTO product_fts (rowid, name, brand, ingredients_text, form)
  VALUES (new.num, new.name, new.brand, new.ingredients_text, new.form);
END;
CREATE TRIGGER product_fts_delete AFTER DELETE ON product BEGIN
  INSERT INTO product_fts (product_fts, rowid, name, brand, ingredients_text, form)
  VALUES ('delete', old.num, old.name, old.brand, old.ingredients_text, old.form);
END;
CREATE TRIGGER product_fts_update AFTER UPDATE OF name, brand, ingredients_text, form ON product BEGIN
  INSERT INTO product_fts (product_fts, rowid, name, brand, ingredients_text, form)
  VALUES ('delete', old.num, old.name, old.brand, old.ingredients_text, old.form);
  INSERT INTO product_fts (rowid, name, brand, ingredients_text, form)
  VALUES (new.num, new.name, new.brand, new.ingredients_text, new.form);
END;

-- The vocabulary of the catalog, indexed by trigrams, so a misspelt word finds the words it was meant to be.
CREATE TABLE search_term (
  num INTEGER PRIMARY KEY,
  term TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE search_term_trigram USING fts5 (
  term, content = 'search_term', content_rowid = 'num', tokenize = 'trigram'
);
-- How many catalog words contain each trigram: lets a misspelt word look only at its rarest trigrams.
CREATE VIRTUAL TABLE search_term_trigram_vocab USING fts5vocab (search_term_trigram, row);
CREATE TRIGGER search_term_insert AFTER INSERT ON search_term BEGIN
  INSERT INTO search_term_trigram (rowid, term) VALUES (new.num, new.term);
END;
`,
};
