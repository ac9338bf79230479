// Rule: tenders are settled by the money engine only (exact conversion at the posted rate, cash rounding per
// currency, change only in base-currency cash); this module checks what each kind of tender needs first.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CoreError } from '../api/core-error.js';
import type { CartTender, PaymentState, SaleTenderKind } from '../contract.js';
import { getCurrency, parseMinor, settleTender, tenderBalance, type Tender, type TenderState } from '../money/index.js';
import { returnsStore, type StoreCreditRow } from './returns-store.js';
import { passThrough, unwrap } from './sales-rules.js';
import { listRates } from './sales-settings-store.js';

export type CheckedTender = {
  kind: SaleTenderKind;
  currency: string;
  amountMinor: number;
  reference: string | null;
  storeCredit: StoreCreditRow | null;
};

const engineKind: Record<SaleTenderKind, Tender['kind']> = {
  cash: 'cash',
  foreignCash: 'cash',
  card: 'card',
  storeCredit: 'voucher',
};

function checkTender(db: Database, t: CartTender, index: number, base: string): CheckedTender {
  const field = `tenders[${index}]`;
  const currency = t.currency ?? base;
  unwrap(getCurrency(currency));
  if (t.kind === 'foreignCash' ? currency === base : currency !== base) {
    throw new CoreError(
      'sales.invalidTender',
      t.kind === 'foreignCash' ? `Foreign cash needs a currency other than ${base}.` : `A ${t.kind} tender is in ${base}; take other currencies as foreign cash.`,
      { field, kind: t.kind, currency },
    );
  }
  const amountMinor = unwrap(parseMinor(t.amount, currency));
  if (amountMinor < 0) throw passThrough({ code: 'money.negativeAmount', message: `${field}.amount must not be negative`, details: { field } });
  if (amountMinor === 0) throw new CoreError('sales.invalidTender', 'A tender of nothing is not a tender.', { field });
  const reference = t.reference ?? null;
  if (t.kind === 'card' && reference === null) {
    throw new CoreError('sales.cardReferenceRequired', "A card payment needs the card terminal's approval code.", { field });
  }
  let storeCredit: StoreCreditRow | null = null;
  if (t.kind === 'storeCredit') {
    storeCredit = reference === null ? null : returnsStore(db).creditByCode(reference.toUpperCase());
    if (!storeCredit) throw new CoreError('sales.storeCreditNotFound', 'There is no store credit with that code.', { field, code: reference });
  }
  return { kind: t.kind, currency, amountMinor, reference, storeCredit };
}

/** Checks each tender and that no store credit is spent beyond its balance. */
export function checkTenders(db: Database, tenders: readonly CartTender[], base: string): CheckedTender[] {
  const checked = tenders.map((t, i) => checkTender(db, t, i, base));
  const spent = new Map<string, number>();
  for (const t of checked) {
    if (!t.storeCredit) continue;
    const total = (spent.get(t.storeCredit.id) ?? 0) + t.amountMinor;
    spent.set(t.storeCredit.id, total);
    const balance = returnsStore(db).creditBalance(t.storeCredit.id);
    if (total > balance) {
      throw new CoreError('sales.storeCreditInsufficient', `Store credit ${t.storeCredit.code} holds less than that.`, {
        code: t.storeCredit.code,
        balanceMinor: balance,
        requestedMinor: total,
      });
    }
  }
  return checked;
}

function engineInput(db: Database, base: string, dueMinor: number, tenders: readonly CheckedTender[]) {
  const foreign = tenders.some((t) => t.currency !== base);
  const rates = foreign ? Object.fromEntries(listRates(db).map((r) => [r.currency, r.rate])) : {};
  return {
    currency: base,
    dueMinor,
    tenders: tenders.map((t, i) => ({ id: String(i), kind: engineKind[t.kind], currency: t.currency, amountMinor: t.amountMinor })),
    rates: { base, rates },
  };
}

/** Settles the tenders against what is due: refuses them when short (`money.insufficientTender`). */
export function settle(db: Database, base: string, dueMinor: number, tenders: readonly CheckedTender[]): TenderState {
  return unwrap(settleTender(engineInput(db, base, dueMinor, tenders)));
}

/** Where the tenders stand, short or settled, without refusing: for the screen while tenders are taken. */
export function balance(db: Database, base: string, dueMinor: number, tenders: readonly CheckedTender[]): TenderState {
  return unwrap(tenderBalance(engineInput(db, base, dueMinor, tenders)));
}

export function paymentState(state: TenderState, tenders: readonly CheckedTender[]): PaymentState {
  return {
    status: state.status,
    dueMinor: state.dueMinor,
    cashRoundingMinor: state.cashRoundingMinor,
    amountToPayMinor: state.amountToPayMinor,
    tenderedMinor: state.tenderedMinor,
    changeMinor: state.changeMinor,
    changeRoundingMinor: state.changeRoundingMinor,
    remainingMinor: state.remainingMinor,
    remainingCashMinor: state.remainingCashMinor,
    tenders: state.tenders.map((s, i) => {
      const t = tenders[i]!;
      return {
        kind: t.kind,
        currency: s.currency,
        amountMinor: s.amountMinor,
        rate: s.rate,
        baseAmountMinor: s.baseAmountMinor,
        reference: t.storeCredit?.code ?? t.reference,
      };
    }),
  };
}
