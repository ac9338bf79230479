// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf, OutputOf } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { QuarantineTab } from './quarantine-tab.js';
import { RecallsTab, splitBatches } from './recalls-tab.js';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const LOT_HELD = '01900000-0000-7000-8000-0000000000a1';
const LOT_RECALLED = '01900000-0000-7000-8000-0000000000a2';
const RECALL = '01900000-0000-7000-8000-0000000000r1';

function quarantine(): OutputOf<'inventory.listQuarantine'> {
  const lot = { productId: 'p1', sku: 'IBU-24', name: 'Ibuprofen 200 mg', expiry: '2027-06-30', valueMinor: 240, since: 1, expired: false, recallId: null, recallClass: null };
  return {
    currency: 'GBP',
    lots: [
      { ...lot, lotId: LOT_HELD, batch: 'DMG', onHand: 48, reason: 'box crushed in delivery' },
      { ...lot, lotId: LOT_RECALLED, batch: 'RC1', onHand: 24, reason: 'recall class II: wrong leaflet', recallId: RECALL, recallClass: 'II' },
    ],
    truncated: false,
  };
}

const recall = {
  id: RECALL,
  productId: 'p1',
  productName: 'Ibuprofen 200 mg',
  gtin: '05010000000030',
  wholeProduct: false,
  batches: ['RC1'],
  class: 'II' as const,
  reason: 'wrong leaflet',
  reference: null,
  enteredAt: Date.UTC(2026, 10, 27, 9),
};

describe('Quarantine tab', () => {
  it('lists quarantined lots with their reason and recall, and releases checked stock with a reason', async () => {
    const b = createFakeBridge({
      'inventory.listQuarantine': () => quarantine(),
      'inventory.releaseFromQuarantine': (input: InputOf<'inventory.releaseFromQuarantine'>) => ({ fromLotId: input.lotId, toLotId: 'x', quantity: input.quantity, remaining: 0 }),
    });
    renderWith(<QuarantineTab session={session('pharmacist')} />, b);
    const held = await screen.findByTestId('quarantine-row-DMG');
    expect(held.textContent).toMatch(/Ibuprofen 200 mg.*DMG.*48.*£2\.40.*box crushed in delivery/);
    const recalled = screen.getByTestId('quarantine-row-RC1');
    expect(recalled.textContent).toMatch('Recalled (class II)');
    // Recalled stock is never released: the button is not offered.
    expect(within(recalled).queryByRole('button', { name: /Release/ })).toBeNull();
    await userEvent.click(within(held).getByRole('button', { name: 'Release batch DMG of Ibuprofen 200 mg from quarantine' }));
    const form = screen.getByRole('form', { name: 'Release' });
    await userEvent.type(within(form).getByLabelText('Reason'), 'seals intact');
    await userEvent.selectOptions(within(form).getByLabelText('Back to'), 'dispensary');
    await userEvent.click(within(form).getByTestId('lot-form-submit'));
    expect((await screen.findByTestId('quarantine-message')).textContent).toMatch('48 units of batch DMG (Ibuprofen 200 mg) released for sale.');
    expect(b.callsOf('inventory.releaseFromQuarantine')).toEqual([{ lotId: LOT_HELD, quantity: 48, reason: 'seals intact', toLocation: 'dispensary' }]);
  });

  it('shows the core’s refusal in place and keeps the form', async () => {
    const b = createFakeBridge({
      'inventory.listQuarantine': () => quarantine(),
      'inventory.releaseFromQuarantine': () => fail('stock.batchExpired'),
    });
    renderWith(<QuarantineTab session={session('pharmacist')} />, b);
    await userEvent.click(await screen.findByRole('button', { name: 'Release batch DMG of Ibuprofen 200 mg from quarantine' }));
    const form = screen.getByRole('form', { name: 'Release' });
    await userEvent.type(within(form).getByLabelText('Reason'), 'seals intact');
    await userEvent.click(within(form).getByTestId('lot-form-submit'));
    expect(await within(form).findByTestId('lot-form-error')).toBeTruthy();
    expect(screen.queryByTestId('quarantine-message')).toBeNull();
  });

  it('says so when nothing is in quarantine, and offers a cashier no action', async () => {
    renderWith(<QuarantineTab session={session('cashier')} />, createFakeBridge({ 'inventory.listQuarantine': () => ({ currency: 'GBP', lots: [], truncated: false }) }));
    expect((await screen.findByTestId('quarantine-none')).textContent).toBe('Nothing is in quarantine.');
  });
});

describe('Recalls tab', () => {
  it('splits typed batches on commas, spaces and lines, once each', () => {
    expect(splitBatches(' RC1, RC2\nRC1;RC3 ')).toEqual(['RC1', 'RC2', 'RC3']);
  });

  it('enters a recall of named batches and reports what went into quarantine', async () => {
    const b = createFakeBridge({
      'inventory.listRecalls': () => [],
      'inventory.enterRecall': () => ({ recall, quarantined: [{ fromLotId: 'l1', toLotId: 'q1', batch: 'RC1', quantity: 24 }] }),
    });
    renderWith(<RecallsTab session={session('manager')} />, b);
    await userEvent.type(screen.getByLabelText('GTIN (barcode number)'), '05010000000030');
    await userEvent.type(screen.getByLabelText('Batches'), 'RC1, RC2');
    await userEvent.selectOptions(screen.getByLabelText('Class'), 'I');
    await userEvent.type(screen.getByLabelText('Reason'), 'wrong leaflet');
    await userEvent.click(screen.getByTestId('recall-submit'));
    expect((await screen.findByTestId('recall-done')).textContent).toBe('Recall of Ibuprofen 200 mg entered: 1 lot (24 units) moved to quarantine.');
    expect(b.callsOf('inventory.enterRecall')).toEqual([{ gtin: '05010000000030', batches: ['RC1', 'RC2'], wholeProduct: false, class: 'I', reason: 'wrong leaflet' }]);
  });

  it('recalls a whole product without batches, and shows a refusal by the field it concerns', async () => {
    const b = createFakeBridge({
      'inventory.listRecalls': () => [],
      'inventory.enterRecall': (input: InputOf<'inventory.enterRecall'>) =>
        input.gtin === '' ? fail('api.invalidInput', { issues: [{ path: ['gtin'], message: 'a GTIN of 8 to 14 digits' }] }) : fail('inventory.unknownGtin'),
    });
    renderWith(<RecallsTab session={session('manager')} />, b);
    await userEvent.click(screen.getByLabelText('Recall the whole product (every batch)'));
    expect(screen.queryByLabelText('Batches')).toBeNull();
    await userEvent.type(screen.getByLabelText('Reason'), 'contamination');
    await userEvent.click(screen.getByTestId('recall-submit'));
    expect(await screen.findByText('a GTIN of 8 to 14 digits')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('GTIN (barcode number)'), '4006381333931');
    await userEvent.click(screen.getByTestId('recall-submit'));
    expect(await screen.findByTestId('recall-error')).toBeTruthy();
    expect(b.callsOf('inventory.enterRecall').at(-1)).toMatchObject({ gtin: '4006381333931', batches: [], wholeProduct: true });
  });

  it('lists recalls, shows the trace of one with customers where known, and downloads it as CSV', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:trace';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const b = createFakeBridge({
      'inventory.listRecalls': () => [recall],
      'inventory.recallTrace': () => ({
        recall,
        entries: [
          { kind: 'sale', at: 1, date: '2026-11-20', documentId: 's1', receiptCode: 'R-0001', batch: 'RC1', expiry: '2027-06-30', quantity: 1, stockUnits: 24, customer: null, voided: false },
          { kind: 'dispense', at: 2, date: '2026-11-21', documentId: 'rx-1', receiptCode: null, batch: 'RC1', expiry: '2027-06-30', quantity: 12, stockUnits: 12, customer: 'J. Doe', voided: false },
        ],
      }),
      'inventory.exportRecallTraceCsv': () => ({ filename: `recall-trace-${RECALL}.csv`, csv: 'recall_id\r\n', rows: 2 }),
    });
    renderWith(<RecallsTab session={session('pharmacist')} />, b);
    expect((await screen.findByTestId(`recall-row-${RECALL}`)).textContent).toMatch(/Ibuprofen 200 mg.*RC1.*II.*wrong leaflet/);
    await userEvent.click(screen.getByRole('button', { name: 'Trace the recall of Ibuprofen 200 mg' }));
    const table = await screen.findByTestId('recall-trace-table');
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'KindDateReceipt or documentBatchUnitsCustomer',
      'Sale2026-11-20R-0001RC124Not known',
      'Dispense2026-11-21rx-1RC112J. Doe',
    ]);
    await userEvent.click(screen.getByTestId('recall-csv'));
    await waitFor(() => expect(clicks).toEqual([`recall-trace-${RECALL}.csv`]));
    expect([created[0]?.size, created[0]?.type]).toEqual([11, 'text/csv;charset=utf-8']);
  });

  it('shows a cashier the list but neither the form nor the trace', async () => {
    renderWith(<RecallsTab session={session('cashier')} />, createFakeBridge({ 'inventory.listRecalls': () => [recall] }));
    expect(await screen.findByTestId(`recall-row-${RECALL}`)).toBeTruthy();
    expect(screen.queryByTestId('recall-form')).toBeNull();
    expect(screen.queryByRole('button', { name: /Trace/ })).toBeNull();
  });
});
