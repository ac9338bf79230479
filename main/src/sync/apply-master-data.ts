// Rule: head office owns the catalog, prices, tax rules and exchange rates (DESIGN.md "Sync", ownership), so
// a counter takes each publication as it is, overwriting a local edit, and keeps the overwritten value in
// its audit log. Staff arrive without any credential: a published user signs in only with a password a
// manager sets at the counter, and head office can never grant or take away this counter's last admin.
import type { Role } from '../api/contract.js';
import { roles as counterRoles } from '../api/contract.js';
import { catalogStore } from '../catalog/catalog-store.js';
import { normalizeGtin } from '../catalog/gtin.js';
import { searchWords } from '../catalog/search-text.js';
import { canonicalJson } from '../kernel/canonical-json.js';
import { validateTaxRuleSet, type TaxRuleSet } from '../money/index.js';
import { activeTaxRules, baseCurrency, rateOf, storeTaxRules, writeRate } from '../sales/sales-settings-store.js';
import type { ApplyEnv, Appliers } from './apply.js';
import { systemCommandContext } from './apply-context.js';
import { masterDataStore, type ProductFields } from './apply-master-data-store.js';
import type { EventEnvelope } from './contract.js';
import {
  exchangeRatesPublishedSchema,
  productsPublishedSchema,
  rolesPublishedSchema,
  taxRulesPublishedSchema,
  usersPublishedSchema,
  type PublishedProduct,
} from './contract/events.js';

/** A password hash no secret verifies against: the user exists here but cannot sign in until a manager sets one. */
export const NO_PASSWORD = '!head-office:no-credential';

const latestValidFrom = (items: readonly { validFrom: number }[]) => Math.max(...items.map((i) => i.validFrom));

function context(env: ApplyEnv, reason: string) {
  return systemCommandContext(env.db, env.terminal, env.clock, env.ids, reason);
}

function productFields(item: PublishedProduct, id: string, sku: string, price: { minor: number; currency: string }, active: boolean, now: number): ProductFields {
  const ingredients = (item.ingredients ?? []).map((i) => (i.strength ? `${i.name} ${i.strength}` : i.name)).join(', ');
  return {
    id,
    sku,
    name: item.name,
    brand: item.brand ?? null,
    strength: item.strength ?? null,
    form: item.form ?? '',
    route: item.route ?? null,
    pack_size: item.packSize,
    unit: item.unit ?? 'unit',
    legal_category: item.legalCategory ?? (item.rxOnly ? 'rx' : 'otc'),
    tax_category: item.taxCategory,
    price_minor: price.minor,
    currency: price.currency,
    ingredients_text: ingredients,
    active: active ? 1 : 0,
    now,
  };
}

const COMPARED = ['sku', 'name', 'brand', 'strength', 'form', 'route', 'pack_size', 'unit', 'legal_category', 'tax_category', 'price_minor', 'currency', 'ingredients_text', 'active'] as const;

function applyProducts(env: ApplyEnv, event: EventEnvelope): void {
  const p = productsPublishedSchema.parse(event.payload);
  const catalog = catalogStore(env.db);
  const store = masterDataStore(env.db);
  const base = baseCurrency(env.db);
  const ctx = context(env, `catalog version ${p.version} published by head office`);
  let created = 0;
  let updated = 0;
  // A publication's products share most of their words: each is offered to the search vocabulary once.
  const terms = new Set<string>();
  for (const item of p.items) {
    const sku = item.sku ?? item.productId;
    const link = store.link(item.productId);
    const existing = (link ? catalog.byId(link.product_id) : null) ?? catalog.byId(item.productId) ?? catalog.bySku(sku);
    // A price in another currency than the counter's cannot be charged here; such a product waits for one.
    const published = item.priceMinor !== undefined && (item.currency ?? base) === base ? { minor: item.priceMinor, currency: base } : null;
    const awaiting = published === null && (existing === null || (link?.awaiting_price ?? 0) === 1);
    const price = published ?? (existing ? { minor: existing.price_minor, currency: existing.currency } : { minor: 0, currency: base });
    const id = existing?.id ?? item.productId;
    const fields = productFields(item, id, existing?.sku ?? sku, price, item.active && !awaiting, ctx.now);
    if (!existing) {
      store.insertProduct(fields);
      created++;
    } else {
      const changed = COMPARED.filter((k) => existing[k] !== fields[k]);
      if (changed.length > 0) {
        store.updateProduct(fields);
        updated++;
        // Head office's value wins; the counter's one stays on record.
        ctx.audit({
          action: 'sync.applyProduct',
          entityType: 'product',
          entityId: id,
          before: Object.fromEntries(changed.map((k) => [k, existing[k]])),
          after: { ...Object.fromEntries(changed.map((k) => [k, fields[k]])), eventId: event.id, publication: p.version },
        });
      }
    }
    if (item.ingredients) store.replaceIngredients(id, item.ingredients.map((i) => ({ name: i.name, strength: i.strength ?? null })));
    for (const g of new Set([item.gtin, ...(item.gtins ?? [])])) {
      const gtin14 = g ? normalizeGtin(g) : null;
      if (gtin14) store.claimGtin(gtin14, id);
    }
    for (const w of searchWords([fields.name, fields.brand ?? '', fields.ingredients_text, fields.form].join(' '))) {
      if (w.length >= 3 && !/^\d+$/.test(w)) terms.add(w);
    }
    store.upsertLink({ hoProductId: item.productId, productId: id, publishedActive: item.active ? 1 : 0, awaitingPrice: awaiting ? 1 : 0, version: p.version });
  }
  for (const w of terms) store.addTerm(w);
  ctx.audit({ action: 'sync.applyCatalog', entityType: 'publication', entityId: event.id, after: { version: p.version, items: p.items.length, created, updated } });
}

/** The counter's rule set with each published category's rate in it; the rest of the set stays as it is. */
export function withPublishedRates(current: TaxRuleSet, items: readonly { ruleId: string; category: string; name: string; ratePercent: string; validFrom: number }[], version: number): TaxRuleSet {
  const categories = { ...current.categories };
  for (const item of [...items].sort((a, b) => a.validFrom - b.validFrom)) {
    const code = categories[item.category]?.components[0]?.code ?? 'VAT';
    const zero = /^0(\.0+)?$/.test(item.ratePercent);
    categories[item.category] =
      item.category === 'exempt'
        ? { treatment: 'exempt', components: [], note: `head office rule ${item.ruleId}` }
        : {
            treatment: zero ? 'zero-rated' : item.category === 'reduced' ? 'reduced' : 'standard',
            components: [{ code, name: item.name, ratePercent: item.ratePercent }],
            note: `head office rule ${item.ruleId}`,
          };
  }
  return { ...current, id: `head-office-v${version}`, name: `Head office tax rules v${version}`, categories };
}

function applyTaxRules(env: ApplyEnv, event: EventEnvelope): void {
  const p = taxRulesPublishedSchema.parse(event.payload);
  const active = activeTaxRules(env.db, baseCurrency(env.db));
  const next = validateTaxRuleSet(withPublishedRates(active.rules, p.items, p.version));
  if (!next.ok) throw new Error(`${next.error.code}: ${next.error.message}`);
  const { id: _oldId, name: _oldName, ...was } = active.rules;
  const { id: _newId, name: _newName, ...now } = next.value;
  if (canonicalJson(was) === canonicalJson(now)) return;
  const ctx = context(env, `tax rules version ${p.version} published by head office`);
  // Stored as a manager's set (the store knows no third source); the audit entry names head office.
  storeTaxRules(ctx, next.value, 'manager');
  ctx.audit({ action: 'sync.applyTaxRules', entityType: 'taxRuleSet', entityId: next.value.id, before: active.rules, after: { ...next.value, eventId: event.id } });
}

/** 1 / rate to 12 decimals, rounded half up, from the exact decimal string (no floats). */
export function invertRate(rate: string): string | null {
  const [whole = '0', frac = ''] = rate.split('.');
  const denominator = BigInt(whole + frac);
  if (denominator === 0n) return null;
  const scaled = (10n ** BigInt(frac.length + 13)) / denominator;
  const rounded = (scaled + 5n) / 10n;
  const digits = rounded.toString().padStart(13, '0');
  const text = `${digits.slice(0, -12)}.${digits.slice(-12)}`.replace(/0+$/, '').replace(/\.$/, '');
  return /[1-9]/.test(text) ? text : null;
}

function applyExchangeRates(env: ApplyEnv, event: EventEnvelope): void {
  const p = exchangeRatesPublishedSchema.parse(event.payload);
  const base = baseCurrency(env.db);
  const ctx = context(env, `exchange rates version ${p.version} published by head office`);
  for (const item of [...p.items].sort((a, b) => a.validFrom - b.validFrom)) {
    // The counter keeps base-currency units per one unit of the foreign currency.
    const foreign = item.quote === base ? item.base : item.base === base ? item.quote : null;
    const rate = item.quote === base ? item.rate : item.base === base ? invertRate(item.rate) : null;
    // A cross rate between two foreign currencies is not one this counter takes cash at.
    if (!foreign || foreign === base || !rate || !/[1-9]/.test(rate)) continue;
    const before = rateOf(env.db, foreign);
    if (before?.rate === rate) continue;
    writeRate(env.db, foreign, rate, ctx.now, null);
    ctx.audit({
      action: 'sync.applyExchangeRate',
      entityType: 'exchangeRate',
      entityId: foreign,
      before: before ? { rate: before.rate } : null,
      after: { rate, published: { base: item.base, quote: item.quote, rate: item.rate }, eventId: event.id },
    });
  }
}

const RANK: Readonly<Record<Role, number>> = { cashier: 1, pharmacist: 2, manager: 3, admin: 4 };

/** The counter role a published user gets: the most senior of their roles that the counter knows. */
export function counterRole(published: readonly string[]): Role | null {
  const known = published.filter((r): r is Role => (counterRoles as readonly string[]).includes(r));
  return known.sort((a, b) => RANK[b] - RANK[a])[0] ?? null;
}

function applyUsers(env: ApplyEnv, event: EventEnvelope): void {
  const p = usersPublishedSchema.parse(event.payload);
  const store = masterDataStore(env.db);
  const ctx = context(env, `staff version ${p.version} published by head office`);
  for (const item of p.items) {
    const role = counterRole(item.roles);
    const here = item.branchIds.length === 0 || item.branchIds.includes(env.identity.branchId);
    const linked = store.userLink(item.userId);
    const existing = (linked ? store.userById(linked) : null) ?? store.userByUsername(item.username);
    let active = item.active && here && role !== null;
    if (!existing) {
      if (!active || !role) continue;
      const id = env.ids.next();
      store.insertUser({ id, username: item.username, displayName: item.displayName, role, passwordHash: NO_PASSWORD, active: 1, now: ctx.now });
      store.upsertUserLink(item.userId, id, item.roles, item.branchIds, p.version);
      ctx.audit({ action: 'sync.applyUser', entityType: 'user', entityId: id, before: null, after: { username: item.username, role, active: true, credential: 'none until set at this counter', eventId: event.id } });
      continue;
    }
    const nextRole = role ?? existing.role;
    // Never lock a counter out: its last active admin stays an active admin whatever head office says.
    const lastAdmin = existing.role === 'admin' && existing.active === 1 && store.activeAdmins() <= 1;
    if (lastAdmin && (!active || nextRole !== 'admin')) {
      ctx.audit({ action: 'sync.keepLastAdmin', entityType: 'user', entityId: existing.id, after: { published: { roles: item.roles, active: item.active, branchIds: item.branchIds }, eventId: event.id } });
      store.upsertUserLink(item.userId, existing.id, item.roles, item.branchIds, p.version);
      continue;
    }
    if (lastAdmin) active = true;
    const after = { displayName: item.displayName, role: nextRole, active: active ? 1 : 0 };
    const before = { displayName: existing.display_name, role: existing.role, active: existing.active };
    if (canonicalJson(before) !== canonicalJson(after)) {
      store.updateUser({ id: existing.id, ...after, now: ctx.now });
      ctx.audit({ action: 'sync.applyUser', entityType: 'user', entityId: existing.id, before, after: { ...after, eventId: event.id } });
    }
    store.upsertUserLink(item.userId, existing.id, item.roles, item.branchIds, p.version);
  }
}

function applyRoles(env: ApplyEnv, event: EventEnvelope): void {
  const p = rolesPublishedSchema.parse(event.payload);
  const store = masterDataStore(env.db);
  // Kept as head office's record of its roles. The permissions a role has at this counter are this build's
  // own table: data received from the network never widens what a role may do here.
  for (const item of p.items) store.upsertRole(item.role, item.permissions, p.version);
  context(env, `roles version ${p.version} published by head office`).audit({
    action: 'sync.applyRoles',
    entityType: 'publication',
    entityId: event.id,
    after: { version: p.version, roles: p.items.map((i) => i.role) },
  });
}

const notBeforeOf = (schema: typeof taxRulesPublishedSchema | typeof exchangeRatesPublishedSchema) => (event: EventEnvelope) => {
  const p = schema.safeParse(event.payload);
  return p.success ? latestValidFrom(p.data.items) : null;
};

export const masterDataAppliers: Appliers = {
  'catalog.productsPublished': { version: 1, topics: ['catalog'], apply: applyProducts },
  'catalog.taxRulesPublished': { version: 1, topics: ['catalog', 'settings'], notBefore: notBeforeOf(taxRulesPublishedSchema), apply: applyTaxRules },
  'catalog.exchangeRatesPublished': { version: 1, topics: ['settings'], notBefore: notBeforeOf(exchangeRatesPublishedSchema), apply: applyExchangeRates },
  'staff.usersPublished': { version: 1, topics: ['users'], apply: applyUsers },
  'staff.rolesPublished': { version: 1, topics: ['users'], apply: applyRoles },
};
