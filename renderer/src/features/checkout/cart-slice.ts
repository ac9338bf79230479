// The cart as the cashier builds it: what was scanned or picked, in which quantities, with which discounts and
// tenders. It holds no price, tax or change: those are the core's answer to `sales.priceCart` for this cart.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { CartDiscount, CartTender, ReadyForTill, Sale, ScanProposal } from '@mortar/main/contract';
import { api } from '../../app/api.js';

export type CartLineState = {
  /** Stable across edits, for React and for the selection. */
  key: number;
  productId: string;
  lotId: string;
  quantity: number;
  unit: 'pack' | 'unit';
  discount: CartDiscount | null;
  /** From the scan, so the line has a name before the core's priced answer arrives. */
  name: string;
  batch: string;
  expiry: string;
  lotSource: 'scanned' | 'fefo' | 'dispensed';
  /** A dispensed prescription item (rx.listReady): sold once, in the quantity dispensed. */
  dispense: { dispenseId: string; lineNo: number } | null;
};

export type CheckoutView = 'cart' | 'pay' | 'receipt' | 'returns';
export type CartDialog = 'lineDiscount' | 'basketDiscount' | 'clear' | 'approval' | null;

/** Something the core refused, kept with what the cashier did, so the screen can say why and offer a way on. */
export type Refusal = { code: string; message: string; details?: unknown; scan?: string; warning?: boolean };

export type CartState = {
  lines: CartLineState[];
  basketDiscount: CartDiscount | null;
  /** From `sales.authorizeDiscount`; any change to the lines or discounts makes it void, so it is dropped. */
  discountApprovalId: string | null;
  selected: number;
  nextKey: number;
  view: CheckoutView;
  dialog: CartDialog;
  query: string;
  pickerIndex: number;
  tenders: CartTender[];
  /** One per payment attempt: a second press of Pay sends the same key, and the core sells only once. */
  paymentKey: string | null;
  /** The sale just completed, as the core recorded it; `replayed` when the key had already sold it. */
  lastSale: (Sale & { replayed?: boolean }) | null;
  refusal: Refusal | null;
  /** Look-ups and re-pricings under way. */
  pending: number;
  /** Bumped to put the focus back where the next scan lands. */
  focusRequest: number;
};

export const initialCartState = (): CartState => ({
  lines: [],
  basketDiscount: null,
  discountApprovalId: null,
  selected: -1,
  nextKey: 1,
  view: 'cart',
  dialog: null,
  query: '',
  pickerIndex: 0,
  tenders: [],
  paymentKey: null,
  lastSale: null,
  refusal: null,
  pending: 0,
  focusRequest: 0,
});

function linesChanged(state: CartState) {
  state.discountApprovalId = null;
  state.refusal = null;
  state.selected = Math.min(Math.max(state.selected, 0), state.lines.length - 1);
}

function addProposal(state: CartState, p: ScanProposal) {
  // The same pack again adds to its line; a different batch of the same product is a line of its own.
  const same = state.lines.findIndex((l) => l.lotId === p.line.lotId && l.unit === p.line.unit && l.discount === null && l.dispense === null);
  if (same >= 0) {
    const line = state.lines[same] as CartLineState;
    line.quantity += p.line.quantity;
    state.selected = same;
  } else {
    state.lines.push({
      key: state.nextKey++,
      productId: p.line.productId,
      lotId: p.line.lotId,
      quantity: p.line.quantity,
      unit: p.line.unit,
      discount: null,
      name: [p.product.name, p.product.strength && !p.product.name.includes(p.product.strength) ? p.product.strength : null]
        .filter(Boolean)
        .join(' '),
      batch: p.lot.batch,
      expiry: p.lot.expiry,
      lotSource: p.lotSource,
      dispense: null,
    });
    state.selected = state.lines.length - 1;
  }
  linesChanged(state);
}

export const cartSlice = createSlice({
  name: 'cart',
  initialState: initialCartState,
  reducers: {
    itemScanned(state, action: PayloadAction<ScanProposal>) {
      addProposal(state, action.payload);
    },
    productPicked(state, action: PayloadAction<ScanProposal>) {
      addProposal(state, action.payload);
      state.query = '';
      state.pickerIndex = 0;
    },
    prescriptionAdded(state, action: PayloadAction<ReadyForTill>) {
      const r = action.payload;
      const already = state.lines.findIndex((l) => l.dispense?.dispenseId === r.dispenseId && l.dispense.lineNo === r.lineNo);
      if (already >= 0) {
        state.selected = already;
        return;
      }
      state.lines.push({
        key: state.nextKey++,
        productId: r.line.productId,
        lotId: r.line.lotId,
        quantity: r.line.quantity,
        unit: 'unit',
        discount: null,
        name: r.productName,
        batch: r.batch,
        expiry: '',
        lotSource: 'dispensed',
        dispense: { dispenseId: r.dispenseId, lineNo: r.lineNo },
      });
      state.selected = state.lines.length - 1;
      linesChanged(state);
    },
    quantityChanged(state, action: PayloadAction<{ index: number; quantity: number }>) {
      const line = state.lines[action.payload.index];
      // A prescription is sold in the quantity dispensed, never more or less.
      if (!line || line.dispense !== null) return;
      line.quantity = action.payload.quantity;
      state.selected = action.payload.index;
      linesChanged(state);
    },
    lineRemoved(state, action: PayloadAction<number>) {
      if (!state.lines[action.payload]) return;
      state.lines.splice(action.payload, 1);
      if (state.selected >= state.lines.length) state.selected = state.lines.length - 1;
      linesChanged(state);
    },
    lineSelected(state, action: PayloadAction<number>) {
      if (state.lines[action.payload]) state.selected = action.payload;
    },
    selectionMoved(state, action: PayloadAction<number>) {
      if (state.lines.length === 0) return;
      state.selected = Math.min(state.lines.length - 1, Math.max(0, state.selected + action.payload));
    },
    lineDiscountSet(state, action: PayloadAction<{ index: number; discount: CartDiscount | null }>) {
      const line = state.lines[action.payload.index];
      if (!line) return;
      line.discount = action.payload.discount;
      linesChanged(state);
    },
    basketDiscountSet(state, action: PayloadAction<CartDiscount | null>) {
      state.basketDiscount = action.payload;
      linesChanged(state);
    },
    discountApproved(state, action: PayloadAction<string>) {
      state.discountApprovalId = action.payload;
      state.dialog = null;
      state.refusal = null;
    },
    cartCleared(state) {
      state.lines = [];
      state.basketDiscount = null;
      state.discountApprovalId = null;
      state.selected = -1;
      state.dialog = null;
      state.refusal = null;
      state.tenders = [];
      state.paymentKey = null;
      state.focusRequest++;
    },
    queryTyped(state, action: PayloadAction<string>) {
      state.query = action.payload;
      state.pickerIndex = 0;
    },
    pickerMoved(state, action: PayloadAction<{ by: number; count: number }>) {
      const { by, count } = action.payload;
      if (count > 0) state.pickerIndex = Math.min(count - 1, Math.max(0, state.pickerIndex + by));
    },
    refused(state, action: PayloadAction<Refusal>) {
      state.refusal = action.payload;
    },
    refusalDismissed(state) {
      state.refusal = null;
    },
    dialogOpened(state, action: PayloadAction<Exclude<CartDialog, null>>) {
      state.dialog = action.payload;
    },
    dialogClosed(state) {
      state.dialog = null;
      state.focusRequest++;
    },
    commandStarted(state) {
      state.pending++;
    },
    commandSettled(state) {
      state.pending = Math.max(0, state.pending - 1);
    },
    paymentStarted(state) {
      state.view = 'pay';
      state.tenders = [];
      state.paymentKey = null;
      state.refusal = null;
      state.dialog = null;
    },
    paymentCancelled(state) {
      state.view = 'cart';
      state.tenders = [];
      state.paymentKey = null;
      state.focusRequest++;
    },
    tenderAdded(state, action: PayloadAction<CartTender>) {
      state.tenders.push(action.payload);
      state.paymentKey = null;
    },
    tenderRemoved(state, action: PayloadAction<number>) {
      state.tenders.splice(action.payload, 1);
      state.paymentKey = null;
    },
    paymentAttempted: {
      // The key is made here, once, and kept until the core has answered for it.
      reducer(state, action: PayloadAction<string>) {
        state.paymentKey ??= action.payload;
      },
      prepare: () => ({ payload: crypto.randomUUID() }),
    },
    /** The core refused the payment outright (nothing was sold): the next press is a new attempt. */
    paymentRefused(state) {
      state.paymentKey = null;
    },
    saleCompleted(state, action: PayloadAction<Sale & { replayed?: boolean }>) {
      const next = initialCartState();
      return { ...next, nextKey: state.nextKey, view: 'receipt', lastSale: action.payload, focusRequest: state.focusRequest + 1 };
    },
    newSaleStarted(state) {
      state.view = 'cart';
      state.lastSale = null;
      state.focusRequest++;
    },
    returnsOpened(state) {
      state.view = 'returns';
      state.dialog = null;
      state.refusal = null;
    },
    returnsClosed(state) {
      state.view = 'cart';
      state.focusRequest++;
    },
    scanBoxFocused(state) {
      state.focusRequest++;
    },
  },
  // A logout or a lost session starts the next person with an empty cart: nothing of this one lingers.
  extraReducers: (builder) => builder.addMatcher(api.util.resetApiState.match, () => initialCartState()),
});

export const {
  itemScanned,
  productPicked,
  prescriptionAdded,
  quantityChanged,
  lineRemoved,
  lineSelected,
  selectionMoved,
  lineDiscountSet,
  basketDiscountSet,
  discountApproved,
  cartCleared,
  queryTyped,
  pickerMoved,
  refused,
  refusalDismissed,
  dialogOpened,
  dialogClosed,
  commandStarted,
  commandSettled,
  paymentStarted,
  paymentCancelled,
  tenderAdded,
  tenderRemoved,
  paymentAttempted,
  paymentRefused,
  saleCompleted,
  newSaleStarted,
  returnsOpened,
  returnsClosed,
  scanBoxFocused,
} = cartSlice.actions;

/** The cart in the contract's terms, as `sales.priceCart` and `sales.completeSale` take it. */
export function cartInput(state: Pick<CartState, 'lines' | 'basketDiscount' | 'discountApprovalId'>) {
  return {
    lines: state.lines.map((l) => ({
      productId: l.productId,
      lotId: l.lotId,
      quantity: l.quantity,
      unit: l.unit,
      ...(l.discount ? { discount: l.discount } : {}),
      ...(l.dispense ? { dispense: l.dispense } : {}),
    })),
    ...(state.basketDiscount ? { basketDiscount: state.basketDiscount } : {}),
    ...(state.discountApprovalId ? { discountApprovalId: state.discountApprovalId } : {}),
  };
}
