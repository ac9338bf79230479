// The SQL of head office's master data at a counter: products written as head office publishes them, the
// links from head office's ids to local rows, and users and roles as published (never a credential).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ProductRow } from '../catalog/catalog-store.js';
import type { UserRow } from '../people/users-store.js';
import { perDatabase } from '../store/per-database.js';

export type ProductFields = {
  id: string;
  sku: string;
  name: string;
  brand: string | null;
  strength: string | null;
  form: string;
  route: string | null;
  pack_size: number;
  unit: string;
  legal_category: ProductRow['legal_category'];
  tax_category: ProductRow['tax_category'];
  price_minor: number;
  currency: string;
  ingredients_text: string;
  active: number;
  now: number;
};

export type ProductLink = { ho_product_id: string; product_id: string; published_active: number; awaiting_price: number; version: number };

/**
 * Runs `fn` (inside the caller's transaction) with the catalog's full-text index filled once for every
 * product `fn` inserts, instead of row by row through its trigger: several times faster for a snapshot's
 * 100,000 products. The trigger is dropped and created again inside the same transaction, so a crash or a
 * failure leaves the schema exactly as it was. The columns are those of product_fts (migration 0002).
 */
export function withBulkProductIndex<T>(db: Database, fn: () => T): T {
  const trigger = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'product_fts_insert'").get();
  if (!trigger || !db.inTransaction) return fn();
  const before = db.prepare<[], { num: number }>('SELECT coalesce(max(num), 0) AS num FROM product').get()?.num ?? 0;
  db.exec('DROP TRIGGER product_fts_insert');
  try {
    return fn();
  } finally {
    db.prepare('INSERT INTO product_fts (rowid, name, brand, ingredients_text, form) SELECT num, name, brand, ingredients_text, form FROM product WHERE num > ?').run(before);
    db.exec(trigger.sql);
  }
}

export const masterDataStore = perDatabase((db: Database) => {
  const s = {
    insertProduct: db.prepare(
      `INSERT INTO product (id, sku, name, brand, strength, form, route, pack_size, unit, legal_category, schedule,
         tax_category, price_minor, currency, ingredients_text, active, created_at, updated_at)
       VALUES (@id, @sku, @name, @brand, @strength, @form, @route, @pack_size, @unit, @legal_category, NULL,
         @tax_category, @price_minor, @currency, @ingredients_text, @active, @now, @now)`,
    ),
    updateProduct: db.prepare(
      `UPDATE product SET name = @name, brand = @brand, strength = @strength, form = @form, route = @route,
         pack_size = @pack_size, unit = @unit, legal_category = @legal_category, tax_category = @tax_category,
         price_minor = @price_minor, currency = @currency, ingredients_text = @ingredients_text, active = @active,
         updated_at = @now
       WHERE id = @id`,
    ),
    deleteIngredients: db.prepare('DELETE FROM product_ingredient WHERE product_id = ?'),
    insertIngredient: db.prepare('INSERT INTO product_ingredient (product_id, position, name, strength) VALUES (?, ?, ?, ?)'),
    gtinOwner: db.prepare<[string], { product_id: string }>('SELECT product_id FROM product_gtin WHERE gtin = ?'),
    insertGtin: db.prepare('INSERT INTO product_gtin (gtin, product_id) VALUES (?, ?)'),
    moveGtin: db.prepare('UPDATE product_gtin SET product_id = ? WHERE gtin = ?'),
    insertTerm: db.prepare('INSERT OR IGNORE INTO search_term (term) VALUES (?)'),
    link: db.prepare<[string], ProductLink>('SELECT * FROM head_office_product WHERE ho_product_id = ?'),
    linkOfProduct: db.prepare<[string], ProductLink>('SELECT * FROM head_office_product WHERE product_id = ?'),
    upsertLink: db.prepare(
      `INSERT INTO head_office_product (ho_product_id, product_id, published_active, awaiting_price, version)
       VALUES (@hoProductId, @productId, @publishedActive, @awaitingPrice, @version)
       ON CONFLICT (ho_product_id) DO UPDATE SET product_id = excluded.product_id,
         published_active = excluded.published_active, awaiting_price = excluded.awaiting_price, version = excluded.version`,
    ),
    priced: db.prepare('UPDATE head_office_product SET awaiting_price = 0 WHERE product_id = ?'),
    setActive: db.prepare('UPDATE product SET active = ?, updated_at = ? WHERE id = ?'),
    userByUsername: db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE username = ?'),
    userById: db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE id = ?'),
    userLink: db.prepare<[string], { user_id: string }>('SELECT user_id FROM head_office_user WHERE ho_user_id = ?'),
    insertUser: db.prepare(
      `INSERT INTO app_user (id, username, display_name, role, password_hash, pin_hash, active, created_at, updated_at)
       VALUES (@id, @username, @displayName, @role, @passwordHash, NULL, @active, @now, @now)`,
    ),
    updateUser: db.prepare('UPDATE app_user SET display_name = @displayName, role = @role, active = @active, updated_at = @now WHERE id = @id'),
    upsertUserLink: db.prepare(
      `INSERT INTO head_office_user (ho_user_id, user_id, roles, branch_ids, version) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (ho_user_id) DO UPDATE SET user_id = excluded.user_id, roles = excluded.roles,
         branch_ids = excluded.branch_ids, version = excluded.version`,
    ),
    activeAdmins: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM app_user WHERE role = 'admin' AND active = 1"),
    upsertRole: db.prepare(
      `INSERT INTO head_office_role (role, permissions, version) VALUES (?, ?, ?)
       ON CONFLICT (role) DO UPDATE SET permissions = excluded.permissions, version = excluded.version`,
    ),
    roles: db.prepare<[], { role: string; permissions: string; version: number }>('SELECT role, permissions, version FROM head_office_role ORDER BY role'),
  };
  return {
    insertProduct: (p: ProductFields) => void s.insertProduct.run(p),
    updateProduct: (p: ProductFields) => void s.updateProduct.run(p),
    replaceIngredients(productId: string, ingredients: readonly { name: string; strength: string | null }[]): void {
      s.deleteIngredients.run(productId);
      ingredients.forEach((ing, i) => s.insertIngredient.run(productId, i, ing.name, ing.strength));
    },
    /** Head office owns the barcodes: a GTIN listed on another product moves to the published one. */
    claimGtin(gtin14: string, productId: string): 'added' | 'moved' | 'kept' {
      const owner = s.gtinOwner.get(gtin14)?.product_id;
      if (owner === productId) return 'kept';
      if (owner) {
        s.moveGtin.run(productId, gtin14);
        return 'moved';
      }
      s.insertGtin.run(gtin14, productId);
      return 'added';
    },
    addTerm: (term: string) => void s.insertTerm.run(term),
    link: (hoProductId: string): ProductLink | null => s.link.get(hoProductId) ?? null,
    linkOfProduct: (productId: string): ProductLink | null => s.linkOfProduct.get(productId) ?? null,
    upsertLink: (l: { hoProductId: string; productId: string; publishedActive: number; awaitingPrice: number; version: number }) => void s.upsertLink.run(l),
    /** A product head office listed without a price becomes sellable (if head office says so) once priced. */
    markPriced(productId: string, now: number): void {
      const l = s.linkOfProduct.get(productId);
      if (!l || l.awaiting_price === 0) return;
      s.priced.run(productId);
      s.setActive.run(l.published_active, now, productId);
    },
    userByUsername: (username: string): UserRow | null => s.userByUsername.get(username) ?? null,
    userById: (id: string): UserRow | null => s.userById.get(id) ?? null,
    userLink: (hoUserId: string): string | null => s.userLink.get(hoUserId)?.user_id ?? null,
    insertUser: (u: { id: string; username: string; displayName: string; role: string; passwordHash: string; active: number; now: number }) => void s.insertUser.run(u),
    updateUser: (u: { id: string; displayName: string; role: string; active: number; now: number }) => void s.updateUser.run(u),
    upsertUserLink: (hoUserId: string, userId: string, roles: readonly string[], branchIds: readonly string[], version: number) =>
      void s.upsertUserLink.run(hoUserId, userId, JSON.stringify(roles), JSON.stringify(branchIds), version),
    activeAdmins: (): number => s.activeAdmins.get()?.n ?? 0,
    upsertRole: (role: string, permissions: readonly string[], version: number) => void s.upsertRole.run(role, JSON.stringify(permissions), version),
    roles: () => s.roles.all().map((r) => ({ role: r.role, permissions: JSON.parse(r.permissions) as string[], version: r.version })),
  };
});
