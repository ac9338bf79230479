// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf, OutputOf } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { session } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { setCurrentStocktake } from './current-stocktake.js';
import { lineForScan } from './stocktake-sheet.js';
import { StocktakeTab } from './stocktake-tab.js';

afterEach(() => {
  cleanup();
  setCurrentStocktake(null);
});

const ST = '01900000-0000-7000-8000-0000000000d1';
const ASP = '01900000-0000-7000-8000-0000000000e1';
const IBU = '01900000-0000-7000-8000-0000000000e2';
const GS = String.fromCharCode(29);

type Sheet = OutputOf<'inventory.getCountSheet'>;

function sheetOf(status: Sheet['status'], counted: Record<string, number | null> = {}): Sheet {
  const base = { expiry: '2027-01-31' };
  return {
    id: ST,
    scope: 'cycle',
    status,
    startedAt: 1,
    lines: [
      { ...base, lotId: 'l-asp', productId: ASP, name: 'Aspirin 300 mg', batch: 'B-ASP', location: 'shelf', counted: counted['l-asp'] ?? null },
      { ...base, lotId: 'l-ibu', productId: IBU, name: 'Ibuprofen 200 mg', batch: 'B-IBU', location: 'shelf', counted: counted['l-ibu'] ?? null },
    ],
  };
}

function core() {
  let sheet = sheetOf('counting');
  const bridge = createFakeBridge({
    'inventory.startStocktake': () => sheet,
    'inventory.listStocktakes': () => ({ stocktakes: [] }),
    'inventory.getCountSheet': () => sheet,
    'inventory.readCountScan': (input: InputOf<'inventory.readCountScan'>) =>
      input.scan.includes('05010000000029')
        ? { productId: ASP, name: 'Aspirin 300 mg', gtin: '05010000000029', packSize: 16, unit: 'tablet', batch: input.scan.includes('B-ASP') ? 'B-ASP' : null, expiry: null }
        : fail('inventory.unknownGtin'),
    'inventory.recordCount': (input: InputOf<'inventory.recordCount'>) => {
      const counted: Record<string, number> = {};
      for (const c of input.counts) counted[c.productId === ASP ? 'l-asp' : 'l-ibu'] = c.counted;
      sheet = sheetOf('counting', { ...Object.fromEntries(sheet.lines.map((l) => [l.lotId, l.counted])), ...counted });
      return { stocktakeId: ST, recorded: input.counts.length, uncounted: sheet.lines.filter((l) => l.counted === null).length };
    },
    'inventory.reviewStocktake': (input: InputOf<'inventory.reviewStocktake'>) => {
      sheet = { ...sheet, status: 'reviewed' };
      const reason = input.reasons?.find((r) => r.lotId === 'l-ibu')?.reason ?? null;
      return {
        id: ST,
        status: 'reviewed',
        lines: [
          { ...sheet.lines[0]!, expected: 32, variance: 0, valueMinor: 0, reason: null },
          { ...sheet.lines[1]!, expected: 48, variance: -24, valueMinor: -120, reason },
        ],
        totalVarianceUnits: -24,
        totalVarianceMinor: -120,
      };
    },
    'inventory.approveStocktake': () => {
      sheet = { ...sheet, status: 'approved' };
      return { id: ST, corrections: [{ lotId: 'l-ibu', quantity: -24 }] };
    },
  });
  return bridge;
}

describe('Stocktake tab', () => {
  it('picks the line a scan names, preferring the shelf, and asks which batch when the code carries none', () => {
    const lines = [
      { lotId: 'a', productId: 'p', name: 'P', batch: 'B1', expiry: 'x', location: 'dispensary', counted: null },
      { lotId: 'b', productId: 'p', name: 'P', batch: 'B1', expiry: 'x', location: 'shelf', counted: null },
      { lotId: 'c', productId: 'p', name: 'P', batch: 'B2', expiry: 'x', location: 'shelf', counted: null },
    ];
    expect(lineForScan(lines, 'p', 'B1')).toBe(lines[1]);
    expect(lineForScan(lines, 'p', null)).toBe('ambiguous');
    expect(lineForScan(lines, 'q', null)).toBeNull();
  });

  it('starts a cycle count, counts blind by scanning and typing, and a manager reviews variances with reasons and approves', async () => {
    const b = core();
    renderWith(<StocktakeTab session={session('manager')} />, b);
    await userEvent.clear(screen.getByLabelText('Products in this cycle'));
    await userEvent.type(screen.getByLabelText('Products in this cycle'), '2');
    await userEvent.click(screen.getByTestId('stocktake-start-submit'));
    expect(b.callsOf('inventory.startStocktake')).toEqual([{ scope: 'cycle', cycleSize: 2 }]);

    const scan = await screen.findByLabelText('Scan or type a barcode');
    await waitFor(() => expect(document.activeElement).toBe(scan));
    // Nothing on the sheet says what the ledger expects.
    expect(screen.getByTestId('stocktake-lines').textContent).not.toMatch(/Expected/);
    await userEvent.type(scan, `0105010000000029${GS}10B-ASP{Enter}`);
    expect((await screen.findByTestId('stocktake-message')).textContent).toBe('Aspirin 300 mg, batch B-ASP: +16 tablet.');
    await userEvent.type(scan, `0105010000000029${GS}10B-ASP{Enter}`);
    await waitFor(() => expect((screen.getByLabelText('Units counted of Aspirin 300 mg, batch B-ASP, Shelf') as HTMLInputElement).value).toBe('32'));
    // Each scan is saved as it is made: the last figure the core holds is the two packs.
    await waitFor(() => expect(b.callsOf('inventory.recordCount').at(-1)).toEqual({ stocktakeId: ST, counts: [{ productId: ASP, batch: 'B-ASP', location: 'shelf', counted: 32 }] }));
    await userEvent.type(scan, '4006381333931{Enter}');
    expect((await screen.findByRole('alert')).textContent).not.toBe('');
    const saves = b.callsOf('inventory.recordCount').length;
    await userEvent.type(screen.getByLabelText('Units counted of Ibuprofen 200 mg, batch B-IBU, Shelf'), '2x');
    await userEvent.click(screen.getByTestId('stocktake-save'));
    expect((await screen.findByRole('alert')).textContent).toBe('Type the units counted of Ibuprofen 200 mg, batch B-IBU, as a whole number.');
    expect(b.callsOf('inventory.recordCount')).toHaveLength(saves);
    await userEvent.clear(screen.getByLabelText('Units counted of Ibuprofen 200 mg, batch B-IBU, Shelf'));
    await userEvent.type(screen.getByLabelText('Units counted of Ibuprofen 200 mg, batch B-IBU, Shelf'), '24');
    // Leaving the field saves it; Save then finds nothing left to send and says so.
    await userEvent.click(screen.getByTestId('stocktake-save'));
    expect((await screen.findByTestId('stocktake-message')).textContent).toBe('Every count is saved; 0 lots still to count.');
    expect(b.callsOf('inventory.recordCount').slice(saves)).toEqual([{ stocktakeId: ST, counts: [{ productId: IBU, batch: 'B-IBU', location: 'shelf', counted: 24 }] }]);

    await userEvent.click(screen.getByTestId('stocktake-close'));
    const review = await screen.findByTestId('stocktake-review');
    expect(within(review).getByTestId('stocktake-variance-total').textContent).toBe('Total variance: -24 units over 1 lots.');
    expect(within(review).queryByTestId('stocktake-variance-B-ASP-shelf')).toBeNull();
    expect(within(review).getByTestId('stocktake-variance-B-IBU-shelf').textContent).toMatch(/48.*24.*-24/);
    await userEvent.type(within(review).getByLabelText('Reason for the variance of Ibuprofen 200 mg, batch B-IBU'), 'breakage not recorded');
    await userEvent.click(within(review).getByTestId('stocktake-approve'));
    expect((await screen.findByTestId('stocktake-message')).textContent).toBe('Stocktake approved: 1 correction posted.');
    expect(b.callsOf('inventory.reviewStocktake').at(-1)).toEqual({ stocktakeId: ST, reasons: [{ lotId: 'l-ibu', reason: 'breakage not recorded' }] });
    expect(b.callsOf('inventory.approveStocktake')).toEqual([{ stocktakeId: ST }]);
    await waitFor(() => expect(screen.getByTestId('stocktake-leave').textContent).toBe('Start another count'));
  });

  it('lets a cashier count but not close or approve, and refuses a partial count without products before calling the core', async () => {
    const b = core();
    renderWith(<StocktakeTab session={session('cashier')} />, b);
    await userEvent.selectOptions(screen.getByLabelText('Kind of count'), 'partial');
    await userEvent.click(screen.getByTestId('stocktake-start-submit'));
    expect((await screen.findByTestId('stocktake-error')).textContent).toBe('Choose at least one product for a partial count.');
    expect(b.callsOf('inventory.startStocktake')).toEqual([]);
    setCurrentStocktake(ST);
    expect(await screen.findByTestId('stocktake-sheet')).toBeTruthy();
    expect(screen.queryByTestId('stocktake-close')).toBeNull();
  });

  it('saves a typed count when its field is left, so a reload loses nothing, and Save after it sends nothing twice', async () => {
    const b = core();
    setCurrentStocktake(ST);
    renderWith(<StocktakeTab session={session('cashier')} />, b);
    const ibu = await screen.findByLabelText('Units counted of Ibuprofen 200 mg, batch B-IBU, Shelf');
    await userEvent.type(ibu, '12');
    expect(b.callsOf('inventory.recordCount')).toEqual([]);
    await userEvent.tab();
    await waitFor(() => expect(b.callsOf('inventory.recordCount')).toEqual([{ stocktakeId: ST, counts: [{ productId: IBU, batch: 'B-IBU', location: 'shelf', counted: 12 }] }]));
    const asp = screen.getByLabelText('Units counted of Aspirin 300 mg, batch B-ASP, Shelf');
    await userEvent.type(asp, '7{Enter}');
    await waitFor(() => expect(b.callsOf('inventory.recordCount')).toHaveLength(2));
    expect(b.callsOf('inventory.recordCount')[1]).toEqual({ stocktakeId: ST, counts: [{ productId: ASP, batch: 'B-ASP', location: 'shelf', counted: 7 }] });
    await userEvent.clear(asp);
    await userEvent.type(asp, '9');
    await userEvent.click(screen.getByTestId('stocktake-save'));
    expect(await screen.findByTestId('stocktake-message')).toBeTruthy();
    await waitFor(() => expect(b.callsOf('inventory.recordCount').at(-1)).toEqual({ stocktakeId: ST, counts: [{ productId: ASP, batch: 'B-ASP', location: 'shelf', counted: 9 }] }));
    // Leaving the field for the button and pressing it send the figure once between them.
    expect((b.callsOf('inventory.recordCount') as InputOf<'inventory.recordCount'>[]).filter((c) => c.counts[0]?.counted === 9)).toHaveLength(1);
  });

  it('saves what was typed when the count is put aside, and the list of open counts leads back to it', async () => {
    const b = core();
    const open = { id: ST, scope: 'cycle' as const, status: 'counting' as const, startedAt: Date.UTC(2026, 10, 27, 9, 30), startedBy: 'Morgan Lee', note: 'front shelf', lines: 2, counted: 1 };
    b.handlers['inventory.listStocktakes'] = () => ({ stocktakes: [open] });
    renderWith(<StocktakeTab session={session('cashier')} />, b);
    const row = await screen.findByTestId(`stocktake-open-${ST}`);
    expect(row.textContent).toMatch(/Cycle count.*Morgan Lee.*1 of 2 lots.*counting.*front shelf/);
    await userEvent.click(within(row).getByRole('button', { name: /Carry on with the Cycle count/ }));
    const ibu = await screen.findByLabelText('Units counted of Ibuprofen 200 mg, batch B-IBU, Shelf');
    await userEvent.type(ibu, '5');
    await userEvent.click(screen.getByTestId('stocktake-leave'));
    await waitFor(() => expect(b.callsOf('inventory.recordCount')).toEqual([{ stocktakeId: ST, counts: [{ productId: IBU, batch: 'B-IBU', location: 'shelf', counted: 5 }] }]));
    expect(await screen.findByTestId('stocktake-open')).toBeTruthy();
  });
});
