// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../app/app.js';
import { session } from '../../test/fixtures.js';
import { EXPIRED_BATCH, fakeSalesCore, GS, products, type FakeSalesCore } from '../../test/fake-sales-core.js';
import { cleanup, renderWith } from '../../test/render.js';
import { sectionChosen } from '../shell/navigation-slice.js';
import { CheckoutScreen } from './checkout-screen.js';

afterEach(cleanup);

type Clock = { now: number };

async function open(core: FakeSalesCore = fakeSalesCore()) {
  const clock: Clock = { now: 1_000 };
  const rendered = renderWith(<CheckoutScreen session={session('admin')} now={() => clock.now} />, core.bridge);
  const scan = (await screen.findByTestId('checkout-scan')) as HTMLInputElement;
  return { ...rendered, core, clock, scan };
}

/** Characters arriving `gapMs` apart, as a keyboard-wedge scanner (or a person) types them, then Enter. */
function type(input: HTMLInputElement, text: string, clock: Clock, gapMs: number, enter = true) {
  for (const c of text) {
    clock.now += gapMs;
    fireEvent.input(input, { target: { value: input.value + c }, data: c });
  }
  if (!enter) return;
  clock.now += Math.min(gapMs, 20);
  fireEvent.keyDown(input, { key: 'Enter' });
}

const datamatrix = (gtin: string, batch: string, yymmdd: string) => `01${gtin}10${batch}${GS}17${yymmdd}`;
const aspirin = products[0]!;
const gel = products[1]!;

const lines = () => screen.queryAllByTestId('cart-line');

describe('the checkout cart', () => {
  it('adds a GS1 DataMatrix scanned as a keyboard-wedge burst, with the batch and expiry it carries', async () => {
    const { scan, clock, core } = await open();
    expect(scan).toBe(document.activeElement);
    type(scan, datamatrix(aspirin.gtin ?? '', 'K26B407', '280221'), clock, 3);
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(within(lines()[0]!).getByTestId('cart-line-batch').textContent).toContain('K26B407');
    expect(within(lines()[0]!).getByTestId('cart-line-batch').textContent).toContain('2028');
    expect(core.bridge.callsOf('sales.lookupScan')).toEqual([{ scan: datamatrix(aspirin.gtin ?? '', 'K26B407', '280221') }]);
    await waitFor(() => expect(screen.getByTestId('cart-total').textContent).toBe('£2.99'));
    // The scan never reaches the search, and the box is empty for the next one.
    expect(scan.value).toBe('');
    expect(core.bridge.callsOf('catalog.searchProducts')).toEqual([]);
  });

  it('adds an EAN-13 burst and counts a second scan of the same pack on its line', async () => {
    const { scan, clock } = await open();
    type(scan, (aspirin.gtin ?? '').slice(1), clock, 4);
    await waitFor(() => expect(lines()).toHaveLength(1));
    type(scan, (aspirin.gtin ?? '').slice(1), clock, 4);
    await waitFor(() => expect(within(lines()[0]!).getByTestId('cart-line-quantity').textContent).toBe('2'));
    expect(lines()).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('cart-total').textContent).toBe('£5.98'));
  });

  it('keeps scans that follow each other quickly as separate lines, none lost', async () => {
    const { scan, clock } = await open();
    type(scan, (aspirin.gtin ?? '').slice(1), clock, 2);
    type(scan, (gel.gtin ?? '').slice(1), clock, 2);
    await waitFor(() => expect(lines()).toHaveLength(2));
  });

  it('treats slow typing as a search: nothing typed is swallowed, and Enter adds the picked product', async () => {
    const { scan, clock, core } = await open();
    type(scan, 'ibuprofn', clock, 150, false);
    expect(scan.value).toBe('ibuprofn');
    await waitFor(() => expect(screen.getAllByTestId('checkout-pick')).toHaveLength(1));
    expect(screen.getByTestId('checkout-corrections').textContent).toContain('ibuprofen');
    clock.now += 150;
    fireEvent.keyDown(scan, { key: 'Enter' });
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(lines()[0]?.textContent).toContain('Ibuprofen gel');
    // Picked by its id, one call, so the core chose the lot first-expiry-first-out.
    expect(core.bridge.callsOf('sales.lookupScan')).toEqual([{ productId: gel.id }]);
    expect(core.bridge.callsOf('catalog.getProduct')).toEqual([]);
    expect(scan.value).toBe('');
  });

  it('takes a barcode keyed in by hand as a scan', async () => {
    const { scan, clock } = await open();
    type(scan, (gel.gtin ?? '').slice(1), clock, 200);
    await waitFor(() => expect(lines()).toHaveLength(1));
  });

  it('keeps what the person had typed when a scan arrives in the middle of it', async () => {
    const { scan, clock } = await open();
    type(scan, 'ibu', clock, 200, false);
    clock.now += 2_000;
    type(scan, (gel.gtin ?? '').slice(1), clock, 3);
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(scan.value).toBe('ibu');
  });

  it('reads a burst by when its keys were pressed, so a screen busy handling them late still sees a scan', async () => {
    // The real clock: key events carry their own times, the input events arrive when the screen gets to them.
    renderWith(<CheckoutScreen session={session('admin')} />, fakeSalesCore().bridge);
    const scan = (await screen.findByTestId('checkout-scan')) as HTMLInputElement;
    const press = (key: string, at: number) => {
      const event = createEvent.keyDown(scan, { key });
      Object.defineProperty(event, 'timeStamp', { value: at });
      fireEvent(scan, event);
    };
    const busyFor = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // a render holding the thread
      }
    };
    let at = performance.now();
    for (const c of 'ibu') {
      press(c, at);
      fireEvent.input(scan, { target: { value: scan.value + c }, data: c });
      at += 200;
    }
    at += 2_000;
    // The scanner sent a key every 3 ms; each reached the box 70 ms after the one before.
    for (const c of (gel.gtin ?? '').slice(1)) {
      press(c, at);
      busyFor(70);
      fireEvent.input(scan, { target: { value: scan.value + c }, data: c });
      at += 3;
    }
    press('Enter', at);
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(scan.value).toBe('ibu');
  });

  it('says which batch expired and on what day, and adds nothing', async () => {
    const { scan, clock } = await open();
    type(scan, datamatrix(aspirin.gtin ?? '', EXPIRED_BATCH, '240131'), clock, 3);
    const refusal = await screen.findByTestId('checkout-refusal');
    expect(refusal.textContent).toContain(`Batch ${EXPIRED_BATCH} expired on Jan 31, 2024`);
    expect(lines()).toHaveLength(0);
    fireEvent.keyDown(scan, { key: 'Escape' });
    expect(screen.queryByTestId('checkout-refusal')).toBeNull();
  });

  it('refuses a prescription-only product with that reason', async () => {
    const { scan, clock } = await open();
    type(scan, (products[3]?.gtin ?? '').slice(1), clock, 3);
    expect((await screen.findByTestId('checkout-refusal')).textContent).toContain('only against a prescription');
  });

  it('offers to look an unknown barcode up in the catalog (Alt+L)', async () => {
    const core = fakeSalesCore();
    const clock: Clock = { now: 0 };
    const { store } = renderWith(<App bridge={core.bridge} />, core.bridge);
    await screen.findByTestId('catalog-search');
    store.dispatch(sectionChosen('checkout'));
    const scan = (await screen.findByTestId('checkout-scan')) as HTMLInputElement;
    type(scan, '5012345678900', clock, 3);
    const refusal = await screen.findByTestId('checkout-refusal');
    expect(refusal.textContent).toContain('No product in the catalog has the barcode 05012345678900');
    fireEvent.keyDown(scan, { key: 'l', code: 'KeyL', altKey: true });
    await waitFor(() => expect(store.getState().navigation.section).toBe('inventory'));
    expect(store.getState().catalog.query).toBe('05012345678900');
  });

  it('changes the selected line with + and −, and with a typed quantity and *', async () => {
    const { scan, clock, core } = await open();
    type(scan, (gel.gtin ?? '').slice(1), clock, 3);
    await waitFor(() => expect(lines()).toHaveLength(1));
    fireEvent.keyDown(scan, { key: '+' });
    await waitFor(() => expect(within(lines()[0]!).getByTestId('cart-line-quantity').textContent).toBe('2'));
    fireEvent.keyDown(scan, { key: '-' });
    await waitFor(() => expect(within(lines()[0]!).getByTestId('cart-line-quantity').textContent).toBe('1'));
    type(scan, '4', clock, 200, false);
    fireEvent.keyDown(scan, { key: '*' });
    await waitFor(() => expect(within(lines()[0]!).getByTestId('cart-line-quantity').textContent).toBe('4'));
    expect(scan.value).toBe('');
    await waitFor(() => expect(screen.getByTestId('cart-total').textContent).toBe('£19.96'));
    const priced = core.bridge.callsOf('sales.priceCart') as { lines: { quantity: number }[] }[];
    expect(priced.at(-1)?.lines[0]?.quantity).toBe(4);
  });

  it('keeps the quantity the core allows and says why when a limit is reached', async () => {
    const { scan, clock } = await open();
    type(scan, (products[2]?.gtin ?? '').slice(1), clock, 3);
    await waitFor(() => expect(lines()).toHaveLength(1));
    fireEvent.keyDown(scan, { key: '+' });
    await waitFor(() => expect(within(lines()[0]!).getByTestId('cart-line-quantity').textContent).toBe('2'));
    fireEvent.keyDown(scan, { key: '+' });
    const refusal = await screen.findByTestId('checkout-refusal');
    expect(refusal.textContent).toContain('Line 1: One sale may hold at most 2 packs of pseudoephedrine.');
    expect(within(lines()[0]!).getByTestId('cart-line-quantity').textContent).toBe('2');
  });

  it('moves the selection with the arrows, removes a line with Delete, and clears the cart after confirming', async () => {
    const { scan, clock } = await open();
    type(scan, (aspirin.gtin ?? '').slice(1), clock, 3);
    type(scan, (gel.gtin ?? '').slice(1), clock, 3);
    await waitFor(() => expect(lines()).toHaveLength(2));
    expect(lines()[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(scan, { key: 'ArrowUp' });
    expect(lines()[0]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(scan, { key: 'Delete' });
    await waitFor(() => expect(lines()).toHaveLength(1));
    expect(lines()[0]?.textContent).toContain('Ibuprofen gel');
    type(scan, (aspirin.gtin ?? '').slice(1), clock, 3);
    await waitFor(() => expect(lines()).toHaveLength(2));
    fireEvent.keyDown(scan, { key: 'Delete', ctrlKey: true });
    const dialog = await screen.findByTestId('clear-dialog');
    expect(screen.getByTestId('clear-confirm')).toBe(document.activeElement);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByTestId('clear-dialog')).toBeNull();
    expect(lines()).toHaveLength(2);
    await waitFor(() => expect(scan).toBe(document.activeElement));
    fireEvent.keyDown(scan, { key: 'Delete', ctrlKey: true });
    await userEvent.setup().click(await screen.findByTestId('clear-confirm'));
    await waitFor(() => expect(screen.getByTestId('cart-empty')).toBeTruthy());
  });

  it('shows the tax breakdown and total exactly as the core priced them', async () => {
    const { scan, clock } = await open();
    type(scan, (gel.gtin ?? '').slice(1), clock, 3);
    await waitFor(() => expect(screen.getAllByTestId('cart-tax-row')).toHaveLength(1));
    expect(screen.getByTestId('cart-tax-row').textContent).toContain('VAT 20 %');
    expect(screen.getByTestId('cart-tax-row').textContent).toContain('£0.83');
    expect(screen.getByTestId('cart-total').textContent).toBe('£4.99');
  });
});
