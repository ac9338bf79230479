// Handlers for the data that drives the sale (tax rules, exchange rates, policy, quantity limits), store
// credit balances, and releasing returned stock from quarantine. Each change is audited and synced.
import { CoreError } from '../api/core-error.js';
import { handler, type CommandContext } from '../api/command-context.js';
import { taxCategoryCodes } from '../catalog/contract.js';
import type { OutputOf, SalesPolicy } from '../contract.js';
import { getCurrency, validateTaxRuleSet } from '../money/index.js';
import { lotAt, lotsStore, postMovement } from './lots-store.js';
import { returnsStore } from './returns-store.js';
import { isoDay, parsePercent, passThrough, unwrap } from './sales-rules.js';
import {
  activeTaxRules,
  baseCurrency,
  listQuantityLimits,
  listRates,
  rateOf,
  readPolicy,
  storeTaxRules,
  writePolicy,
  writeQuantityLimit,
  writeRate,
  type ActiveTaxRules,
} from './sales-settings-store.js';

function taxRulesState(active: ActiveTaxRules): OutputOf<'sales.getTaxRules'> {
  return { rules: active.rules, source: active.source, stored: active.num !== null, setAt: active.setAt, setById: active.setById };
}

function ratesState(ctx: CommandContext): OutputOf<'sales.listExchangeRates'> {
  return {
    base: baseCurrency(ctx.db),
    rates: listRates(ctx.db).map((r) => ({ currency: r.currency, rate: r.rate, setAt: r.set_at, setById: r.set_by })),
  };
}

/** An exchange rate is a positive exact decimal: "0.8512", "1", "162.35". */
function checkRate(currency: string, rate: string): void {
  const ok = /^\d{1,9}(?:\.\d{1,12})?$/.test(rate) && /[1-9]/.test(rate);
  if (!ok) {
    throw new CoreError('sales.invalidExchangeRate', `The ${currency} rate must be a positive decimal such as 0.8512.`, { currency, rate });
  }
}

function quantityLimits(ctx: CommandContext): OutputOf<'sales.listQuantityLimits'> {
  return listQuantityLimits(ctx.db).map((l) => ({ ingredient: l.ingredient, group: l.limit_group, maxPacks: l.max_packs, note: l.note }));
}

export const salesSettingsHandlers = {
  'sales.getTaxRules': handler<'sales.getTaxRules'>({
    run: (ctx) => taxRulesState(activeTaxRules(ctx.db, baseCurrency(ctx.db))),
  }),
  'sales.setTaxRules': handler<'sales.setTaxRules'>({
    run(ctx, input) {
      const rules = unwrap(validateTaxRuleSet(input.rules));
      const base = baseCurrency(ctx.db);
      if (rules.currency !== base) {
        throw passThrough({ code: 'money.currencyMismatch', message: `This pharmacy sells in ${base}, not ${rules.currency}.`, details: { currency: rules.currency, base } });
      }
      const missing = taxCategoryCodes.filter((c) => !Object.hasOwn(rules.categories, c));
      if (missing.length > 0) {
        throw new CoreError('sales.taxCategoryMissing', `The rule set must cover every catalog tax category; missing: ${missing.join(', ')}.`, { missing });
      }
      const before = (() => {
        try {
          return activeTaxRules(ctx.db, base).rules;
        } catch (e: unknown) {
          if (e instanceof CoreError) return null;
          throw e;
        }
      })();
      storeTaxRules(ctx, rules, 'manager');
      ctx.audit({ action: 'sales.setTaxRules', entityType: 'taxRuleSet', entityId: rules.id, before, after: rules });
      ctx.emit('sales.taxRulesSet', { rules, source: 'manager' });
      return taxRulesState(activeTaxRules(ctx.db, base));
    },
  }),
  'sales.listExchangeRates': handler<'sales.listExchangeRates'>({ run: (ctx) => ratesState(ctx) }),
  'sales.setExchangeRate': handler<'sales.setExchangeRate'>({
    run(ctx, input) {
      const base = baseCurrency(ctx.db);
      unwrap(getCurrency(input.currency));
      if (input.currency === base) {
        throw new CoreError('sales.invalidExchangeRate', `${base} is this pharmacy's own currency.`, { currency: input.currency });
      }
      if (input.rate !== null) checkRate(input.currency, input.rate);
      const before = rateOf(ctx.db, input.currency);
      writeRate(ctx.db, input.currency, input.rate, ctx.now, ctx.actor?.id ?? null);
      ctx.audit({
        action: 'sales.setExchangeRate',
        entityType: 'exchangeRate',
        entityId: input.currency,
        before: before ? { rate: before.rate } : null,
        after: input.rate === null ? null : { rate: input.rate },
      });
      ctx.emit('sales.exchangeRateSet', { base, currency: input.currency, rate: input.rate });
      return ratesState(ctx);
    },
  }),
  'sales.getPolicy': handler<'sales.getPolicy'>({ run: (ctx) => readPolicy(ctx.db) }),
  'sales.updatePolicy': handler<'sales.updatePolicy'>({
    run(ctx, input) {
      const before = readPolicy(ctx.db);
      for (const [role, limit] of Object.entries(input.discountLimitPercent ?? {})) {
        if (limit !== undefined && parsePercent(limit) === null) {
          throw new CoreError('sales.invalidDiscount', 'A discount limit is a percentage from 0 to 100.', { role, limit });
        }
      }
      const after: SalesPolicy = {
        allowNegativeStock: input.allowNegativeStock ?? before.allowNegativeStock,
        discountLimitPercent: { ...before.discountLimitPercent, ...Object.fromEntries(Object.entries(input.discountLimitPercent ?? {}).filter(([, v]) => v !== undefined)) },
        discountApprovalMinutes: input.discountApprovalMinutes ?? before.discountApprovalMinutes,
      };
      writePolicy(ctx.db, after, ctx.now);
      ctx.audit({ action: 'sales.updatePolicy', entityType: 'salesPolicy', entityId: ctx.terminal?.branchId ?? null, before, after });
      ctx.emit('sales.policyChanged', { policy: after });
      return readPolicy(ctx.db);
    },
  }),
  'sales.listQuantityLimits': handler<'sales.listQuantityLimits'>({ run: (ctx) => quantityLimits(ctx) }),
  'sales.setQuantityLimit': handler<'sales.setQuantityLimit'>({
    run(ctx, input) {
      const ingredient = input.ingredient.toLowerCase();
      const before = listQuantityLimits(ctx.db).find((l) => l.ingredient === ingredient) ?? null;
      const row =
        input.maxPacks === null
          ? { ingredient, remove: true as const }
          : { ingredient, limit_group: (input.group ?? before?.limit_group ?? ingredient).toLowerCase(), max_packs: input.maxPacks, note: input.note ?? before?.note ?? null };
      writeQuantityLimit(ctx.db, row);
      ctx.audit({ action: 'sales.setQuantityLimit', entityType: 'quantityLimit', entityId: ingredient, before, after: 'remove' in row ? null : row });
      ctx.emit('sales.quantityLimitSet', { ingredient, group: 'remove' in row ? null : row.limit_group, maxPacks: input.maxPacks });
      return quantityLimits(ctx);
    },
  }),
  'sales.getStoreCredit': handler<'sales.getStoreCredit'>({
    run(ctx, input) {
      const store = returnsStore(ctx.db);
      const credit = store.creditByCode(input.code.toUpperCase());
      if (!credit) throw new CoreError('sales.storeCreditNotFound', 'There is no store credit with that code.', { code: input.code });
      return { code: credit.code, currency: credit.currency, balanceMinor: store.creditBalance(credit.id), issuedAt: credit.issued_at };
    },
  }),
  'stock.releaseFromQuarantine': handler<'stock.releaseFromQuarantine'>({
    run(ctx, input) {
      const lot = lotsStore.byId(ctx.db, input.lotId);
      if (!lot) throw new CoreError('sales.unknownLot', 'There is no such lot.', { lotId: input.lotId });
      if (lot.location !== 'quarantine') throw new CoreError('stock.notQuarantined', `Batch ${lot.batch} is not in quarantine.`, { lotId: lot.lot_id, location: lot.location });
      if (lot.expiry < isoDay(ctx.now)) throw new CoreError('stock.batchExpired', `Batch ${lot.batch} expired on ${lot.expiry}; it cannot go back on sale.`, { lotId: lot.lot_id, expiry: lot.expiry });
      if (input.quantity > lot.on_hand) {
        throw new CoreError('stock.wouldGoNegative', `Only ${lot.on_hand} of batch ${lot.batch} is in quarantine.`, { lotId: lot.lot_id, onHand: lot.on_hand, requested: input.quantity });
      }
      const toLotId = lotAt(ctx, lot, input.toLocation);
      const documentId = ctx.ids.next();
      const common = { productId: lot.product_id, kind: 'release' as const, documentType: 'quarantineRelease', documentId, reason: input.reason };
      postMovement(ctx, { ...common, lotId: lot.lot_id, quantity: -input.quantity });
      postMovement(ctx, { ...common, lotId: toLotId, quantity: input.quantity });
      const result = { fromLotId: lot.lot_id, toLotId, quantity: input.quantity, remainingInQuarantine: lot.on_hand - input.quantity };
      ctx.audit({ action: 'stock.releaseFromQuarantine', entityType: 'stockLot', entityId: lot.lot_id, after: { ...result, toLocation: input.toLocation }, reason: ctx.overrideReason ?? input.reason });
      ctx.emit('stock.releasedFromQuarantine', { ...result, productId: lot.product_id, toLocation: input.toLocation });
      return result;
    },
  }),
};
