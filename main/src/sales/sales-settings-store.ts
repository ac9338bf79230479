// Rule: tax rules, exchange rates, discount limits and OTC quantity limits are data a manager keeps, never code
// paths (DESIGN.md principle 4), and every sale names the tax rule set that priced it.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../api/core-error.js';
import type { CommandContext } from '../api/command-context.js';
import { canonicalJson, sha256Hex } from '../kernel/canonical-json.js';
import {
  canadianLikeCompoundRules,
  germanLikeVatRules,
  swissVatRules,
  ukLikeVatRules,
  usStateLikeSalesTaxRules,
  type TaxRuleSet,
} from '../money/index.js';
import { perDatabase } from '../store/per-database.js';
import { salesPolicySchema, type SalesPolicy } from './contract.js';

/** The example rule set a new terminal starts from, by base currency; other currencies must be set by hand. */
const defaultRulesByCurrency: Readonly<Record<string, TaxRuleSet>> = {
  GBP: ukLikeVatRules,
  EUR: germanLikeVatRules,
  CHF: swissVatRules,
  USD: usStateLikeSalesTaxRules,
  CAD: canadianLikeCompoundRules,
};

export const defaultPolicy: SalesPolicy = {
  allowNegativeStock: false,
  discountLimitPercent: { cashier: '5', pharmacist: '15', manager: '100', admin: '100' },
  discountApprovalMinutes: 15,
};

type RuleRow = { num: number; rules: string; source: 'default' | 'manager'; set_at: number; set_by: string | null };
export type ExchangeRateRow = { currency: string; rate: string; set_at: number; set_by: string | null };
export type QuantityLimitRow = { ingredient: string; limit_group: string; max_packs: number; note: string | null };

const statements = perDatabase((db: Database) => ({
  activeRules: db.prepare<[], RuleRow>('SELECT num, rules, source, set_at, set_by FROM tax_rule_set ORDER BY num DESC LIMIT 1'),
  insertRules: db.prepare(
    `INSERT INTO tax_rule_set (id, rule_set_id, rules, digest, source, set_at, set_by)
     VALUES (@id, @ruleSetId, @rules, @digest, @source, @setAt, @setBy)`,
  ),
  rates: db.prepare<[], ExchangeRateRow>('SELECT currency, rate, set_at, set_by FROM exchange_rate ORDER BY currency'),
  rate: db.prepare<[string], ExchangeRateRow>('SELECT currency, rate, set_at, set_by FROM exchange_rate WHERE currency = ?'),
  upsertRate: db.prepare(
    `INSERT INTO exchange_rate (currency, rate, set_at, set_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (currency) DO UPDATE SET rate = excluded.rate, set_at = excluded.set_at, set_by = excluded.set_by`,
  ),
  deleteRate: db.prepare('DELETE FROM exchange_rate WHERE currency = ?'),
  policy: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM sales_policy'),
  upsertPolicy: db.prepare(
    `INSERT INTO sales_policy (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ),
  baseCurrency: db.prepare<[], { base_currency: string }>('SELECT base_currency FROM pharmacy LIMIT 1'),
  limits: db.prepare<[], QuantityLimitRow>('SELECT ingredient, limit_group, max_packs, note FROM otc_quantity_limit ORDER BY limit_group, ingredient'),
  upsertLimit: db.prepare(
    `INSERT INTO otc_quantity_limit (ingredient, limit_group, max_packs, note) VALUES (?, ?, ?, ?)
     ON CONFLICT (ingredient) DO UPDATE SET limit_group = excluded.limit_group, max_packs = excluded.max_packs, note = excluded.note`,
  ),
  deleteLimit: db.prepare('DELETE FROM otc_quantity_limit WHERE ingredient = ?'),
}));

// Parsed rule sets by row: a sale reads the rule set in force on every call, and it changes rarely.
const parsedRules = perDatabase(() => new Map<number, TaxRuleSet>());

export type ActiveTaxRules = {
  /** null until the default has been stored by the first sale. */
  num: number | null;
  rules: TaxRuleSet;
  source: 'default' | 'manager';
  setAt: number | null;
  setById: string | null;
};

export function baseCurrency(db: Database): string {
  const row = statements(db).baseCurrency.get();
  if (!row) throw new CoreError('setup.notDone', 'Set up the pharmacy first.');
  return row.base_currency;
}

/** The rule set in force; at first use, the example for the base currency (not yet stored). */
export function activeTaxRules(db: Database, currency: string): ActiveTaxRules {
  const row = statements(db).activeRules.get();
  if (row) {
    const cache = parsedRules(db);
    let rules = cache.get(row.num);
    if (!rules) {
      rules = JSON.parse(row.rules) as TaxRuleSet;
      cache.set(row.num, rules);
    }
    return { num: row.num, rules, source: row.source, setAt: row.set_at, setById: row.set_by };
  }
  const rules = defaultRulesByCurrency[currency];
  if (!rules) {
    throw new CoreError('sales.taxRulesMissing', `There is no tax rule set for ${currency} yet; a manager must set one.`, { currency });
  }
  return { num: null, rules, source: 'default', setAt: null, setById: null };
}

export function storeTaxRules(ctx: CommandContext, rules: TaxRuleSet, source: 'default' | 'manager'): number {
  const json = canonicalJson(rules);
  const info = statements(ctx.db).insertRules.run({
    id: ctx.ids.next(),
    ruleSetId: rules.id,
    rules: json,
    digest: sha256Hex(json),
    source,
    setAt: ctx.now,
    setBy: source === 'manager' ? (ctx.actor?.id ?? null) : null,
  });
  return Number(info.lastInsertRowid);
}

/** Stores the default rule set the first time a sale needs it, so that the sale can name it. */
export function ensureStoredTaxRules(ctx: CommandContext, active: ActiveTaxRules): number {
  if (active.num !== null) return active.num;
  const num = storeTaxRules(ctx, active.rules, 'default');
  ctx.audit({ action: 'sales.taxRulesAdopted', entityType: 'taxRuleSet', entityId: active.rules.id, after: active.rules });
  ctx.emit('sales.taxRulesSet', { rules: active.rules, source: 'default' });
  return num;
}

export function listRates(db: Database): ExchangeRateRow[] {
  return statements(db).rates.all();
}

export function rateOf(db: Database, currency: string): ExchangeRateRow | null {
  return statements(db).rate.get(currency) ?? null;
}

export function writeRate(db: Database, currency: string, rate: string | null, now: number, actorId: string | null): void {
  if (rate === null) statements(db).deleteRate.run(currency);
  else statements(db).upsertRate.run(currency, rate, now, actorId);
}

export function readPolicy(db: Database): SalesPolicy {
  const stored: Record<string, unknown> = {};
  for (const r of statements(db).policy.all()) stored[r.key] = JSON.parse(r.value) as unknown;
  const merged = salesPolicySchema.safeParse({
    ...defaultPolicy,
    ...stored,
    discountLimitPercent: { ...defaultPolicy.discountLimitPercent, ...(stored.discountLimitPercent as object | undefined) },
  });
  return merged.success ? merged.data : defaultPolicy;
}

export function writePolicy(db: Database, policy: SalesPolicy, now: number): void {
  for (const [key, value] of Object.entries(policy)) statements(db).upsertPolicy.run(key, JSON.stringify(value), now);
}

export function listQuantityLimits(db: Database): QuantityLimitRow[] {
  return statements(db).limits.all();
}

export function writeQuantityLimit(db: Database, row: QuantityLimitRow | { ingredient: string; remove: true }): void {
  if ('remove' in row) statements(db).deleteLimit.run(row.ingredient);
  else statements(db).upsertLimit.run(row.ingredient, row.limit_group, row.max_packs, row.note);
}
