// Rule: every change to the cart is checked by the core before the screen takes it (CONVENTIONS.md 4): a line
// is added only once the core has turned the scan into a sellable lot, and a quantity, discount or tender only
// once `sales.priceCart` accepts the cart that would result. Commands run one after another, so scans in quick
// succession never overwrite each other's lines.
import { useMemo } from 'react';
import type { PayloadAction } from '@reduxjs/toolkit';
import type { InputOf } from '@mortar/main/contract';
import { api } from '../../app/api.js';
import { useAppStore } from '../../app/hooks.js';
import type { AppStore } from '../../app/store.js';
import {
  cartInput,
  cartSlice,
  commandSettled,
  commandStarted,
  itemScanned,
  productPicked,
  refused,
  type CartState,
} from './cart-slice.js';
import { outcomeOf, type Outcome } from './use-override.js';

export type CartAction = PayloadAction<unknown, string>;

export type CartCommands = {
  /** A barcode from the scanner (or keyed in): the core finds the product and lot, then the cart is re-priced. */
  scan(text: string): Promise<Outcome<unknown>>;
  /** A product chosen in the search or by a quick key: the core picks its lot first-expiry-first-out. */
  pick(productId: string): Promise<Outcome<unknown>>;
  /** Any other change (quantity, removal, discount, tender), taken only when the core prices its result. */
  change(action: CartAction): Promise<Outcome<unknown>>;
};

/** What `sales.priceCart` is asked for this state: with the tenders while paying, so it says where they stand. */
export function pricingInput(state: CartState) {
  return state.view === 'pay' ? { ...cartInput(state), tenders: state.tenders } : cartInput(state);
}

const queues = new WeakMap<AppStore, Promise<unknown>>();

function enqueue<T>(store: AppStore, job: () => Promise<T>): Promise<T> {
  const run = (queues.get(store) ?? Promise.resolve()).then(job);
  queues.set(
    store,
    run.catch(() => undefined),
  );
  return run;
}

export function createCartCommands(store: AppStore): CartCommands {
  const { dispatch } = store;

  const tracked = <T,>(job: () => Promise<Outcome<T>>) =>
    enqueue(store, async () => {
      dispatch(commandStarted());
      try {
        return await job();
      } finally {
        dispatch(commandSettled());
      }
    });

  const apply = async (action: CartAction): Promise<Outcome<unknown>> => {
    const next = cartSlice.reducer(store.getState().cart, action);
    if (next.lines.length > 0) {
      const priced = await outcomeOf(dispatch(api.endpoints.priceCart.initiate(pricingInput(next), { subscribe: false })));
      if (!priced.ok) return priced;
    }
    dispatch(action);
    return { ok: true, value: null };
  };

  const addFrom = async (
    lookup: InputOf<'sales.lookupScan'>,
    event: typeof itemScanned | typeof productPicked,
    shownScan: string | undefined,
  ) => {
    const found = await outcomeOf(dispatch(api.endpoints.lookupScan.initiate(lookup, { track: false })));
    const where = shownScan === undefined ? {} : { scan: shownScan };
    if (!found.ok) {
      dispatch(refused({ ...found.error, ...where }));
      return found;
    }
    const applied = await apply(event(found.value));
    if (!applied.ok) dispatch(refused({ ...applied.error, ...where }));
    else if (found.value.warnings.includes('noStockOnRecord')) {
      dispatch(refused({ code: 'checkout.noStockOnRecord', message: '', details: { batch: found.value.lot.batch }, warning: true }));
    }
    return applied;
  };

  return {
    scan: (text) => tracked(() => addFrom({ scan: text }, itemScanned, text)),
    pick: (productId) => tracked(() => addFrom({ productId }, productPicked, undefined)),
    change: (action) => tracked(() => apply(action)),
  };
}

export function useCartCommands(): CartCommands {
  const store = useAppStore();
  return useMemo(() => createCartCommands(store), [store]);
}
