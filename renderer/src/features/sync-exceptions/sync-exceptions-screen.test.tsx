// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InputOf, OutputOf, SyncException } from '@mortar/main/contract';
import { App } from '../../app/app.js';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { initializedStatus, session, terminalSettings } from '../../test/fixtures.js';
import { cleanup, renderWith } from '../../test/render.js';
import { SyncIndicator } from '../sync/sync-indicator.js';
import { SyncExceptionsScreen } from './sync-exceptions-screen.js';

afterEach(cleanup);

const AT = Date.UTC(2026, 10, 27, 9, 0, 0);
const ACK_AT = AT + 3_600_000;

const refills: SyncException = {
  id: 'x-rx',
  kind: 'rx.refillsExceeded',
  eventId: 'ev-rx',
  branchId: 'b1',
  branchName: 'High Street',
  sku: 'AMOX-21',
  productName: 'Amoxicillin 500 mg capsules',
  detail: {
    prescriptionId: 'RX-0042',
    lineNo: 2,
    ingredient: 'Amoxicillin',
    refills: 1,
    allowedFills: 2,
    fills: [
      { dispenseId: 'd1', deviceId: 'till-front', at: AT - 7_200_000, actorName: 'Pat Pharmacist', quantity: 21 },
      { dispenseId: 'd2', deviceId: 'till-front', at: AT - 3_600_000, actorName: 'Pat Pharmacist', quantity: 21 },
      { dispenseId: 'd3', deviceId: 'till-back', at: AT - 3_000_000, actorName: 'Robin Pharmacist', quantity: 14 },
    ],
  },
  detectedAt: AT - 60_000,
  acknowledged: null,
};
const belowZero: SyncException = {
  id: 'x-stock',
  kind: 'stock.belowZero',
  eventId: 'ev-stock',
  branchId: 'b2',
  branchName: 'Hillside',
  sku: 'PARA-16',
  productName: 'Paracetamol 500 mg tablets',
  detail: { onHand: -4, asOf: AT, deviceId: 'till-hill' },
  detectedAt: AT,
  acknowledged: null,
};

/** A fake core holding the two exceptions, which acknowledges like the real one (answering copies, as a transport does). */
function exceptionsCore() {
  const rows = [belowZero, refills].map((e) => ({ ...e }));
  return {
    'sync.listExceptions': (input: InputOf<'sync.listExceptions'>) => {
      const state = input.state ?? 'open';
      return structuredClone(rows.filter((e) => state === 'all' || (state === 'open') === (e.acknowledged === null)));
    },
    'sync.acknowledgeException': (input: InputOf<'sync.acknowledgeException'>) => {
      const row = rows.find((e) => e.id === input.id);
      if (!row) return fail('sync.exceptionNotFound');
      if (row.acknowledged && row.acknowledged.note !== input.note) return fail('sync.alreadyAcknowledged', { byName: row.acknowledged.byName, at: row.acknowledged.at, note: row.acknowledged.note });
      row.acknowledged ??= { at: ACK_AT, byName: 'Morgan Manager', note: input.note };
      return structuredClone(row);
    },
    'sync.status': (): OutputOf<'sync.status'> => ({
      enrolled: true,
      serverUrl: 'https://sync.example',
      syncDeviceId: 'd1',
      online: true,
      running: true,
      lastSyncAt: AT,
      lastAttemptAt: AT,
      pending: 0,
      deferred: 0,
      lastError: null,
      cursor: 9,
      openExceptions: rows.filter((e) => e.acknowledged === null).length,
      catchUp: null,
    }),
    rows,
  };
}

function screenFor(role: 'manager' | 'cashier' = 'manager', language: 'en' | 'de' = 'en') {
  const core = exceptionsCore();
  const bridge = createFakeBridge({
    'sync.listExceptions': core['sync.listExceptions'],
    'sync.acknowledgeException': core['sync.acknowledgeException'],
    'sync.status': core['sync.status'],
  });
  const rendered = renderWith(<SyncExceptionsScreen session={session(role)} />, bridge, language);
  return { bridge, core, ...rendered };
}

describe('the sync exceptions screen', () => {
  it('lists the open exceptions newest first, each in plain words with its facts', async () => {
    const { bridge } = screenFor();
    const items = await screen.findAllByTestId(/^sync-exception-x-/);
    expect(items.map((i) => i.dataset.testid)).toEqual(['sync-exception-x-stock', 'sync-exception-x-rx']);
    expect(bridge.callsOf('sync.listExceptions')).toEqual([{ state: 'open' }]);
    const stock = within(items[0] as HTMLElement);
    expect(stock.getByText('Stock below zero')).toBeTruthy();
    expect(items[0]?.textContent).toContain('Hillside shows -4 in stock after merging');
    const rx = items[1] as HTMLElement;
    expect(within(rx).getByText('Prescription item dispensed more often than allowed')).toBeTruthy();
    expect(rx.textContent).toContain('Prescription RX-0042, item 2 (Amoxicillin): dispensed 3 times, 2 allowed. The prescription allows 1 refill.');
    const rows = within(within(rx).getByRole('table', { name: 'Fills of this item' })).getAllByRole('row');
    expect(rows.slice(1).map((r) => [...r.querySelectorAll('td')].slice(1).map((c) => c.textContent))).toEqual([
      ['till-front', 'Pat Pharmacist', '21'],
      ['till-front', 'Pat Pharmacist', '21'],
      ['till-back', 'Robin Pharmacist', '14'],
    ]);
  });

  it('names the other items of the same dispense that went over their refills too', async () => {
    const core = exceptionsCore();
    const rx = core.rows.find((e) => e.id === 'x-rx');
    if (rx) rx.detail = { ...rx.detail, alsoLines: [{ lineNo: 3, ingredient: 'Codeine', allowedFills: 1, fills: 2 }] };
    renderWith(<SyncExceptionsScreen session={session('manager')} />, createFakeBridge({ 'sync.listExceptions': core['sync.listExceptions'], 'sync.status': core['sync.status'] }));
    const item = await screen.findByTestId('sync-exception-x-rx');
    expect(item.textContent).toContain('In the same dispense, item 3 (Codeine) too: dispensed 2 times, 1 allowed.');
  });

  it('speaks German too', async () => {
    screenFor('manager', 'de');
    const rx = await screen.findByTestId('sync-exception-x-rx');
    expect(rx.textContent).toContain('Verordnete Position öfter abgegeben als erlaubt');
    expect(rx.textContent).toContain('Rezept RX-0042, Position 2 (Amoxicillin): 3-mal abgegeben, 2-mal erlaubt.');
    expect(screen.getByRole('button', { name: 'Bestätigen: Bestand unter null' })).toBeTruthy();
  });

  it('acknowledges one by keyboard with a required note, and the list and message follow', async () => {
    const user = userEvent.setup();
    const { bridge } = screenFor();
    const button = await screen.findByRole('button', { name: 'Acknowledge: Prescription item dispensed more often than allowed' });
    button.focus();
    await user.keyboard('{Enter}');
    const note = screen.getByLabelText('What was done about it');
    expect(document.activeElement).toBe(note);
    await user.keyboard('  ok {Control>}{Enter}{/Control}');
    expect(screen.getByTestId('sync-exception-note-error').textContent).toBe('Write at least 3 characters: what was done about it.');
    expect(bridge.callsOf('sync.acknowledgeException')).toEqual([]);
    await user.clear(note);
    await user.type(note, '  Called the prescriber; no further refill.  ');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect((await screen.findByRole('status')).textContent).toBe('Acknowledged: Prescription item dispensed more often than allowed');
    expect(bridge.callsOf('sync.acknowledgeException')).toEqual([{ id: 'x-rx', note: 'Called the prescriber; no further refill.' }]);
    await waitFor(() => expect(screen.queryByTestId('sync-exception-x-rx')).toBeNull());
    expect(screen.getByTestId('sync-exception-x-stock')).toBeTruthy();
    expect(document.activeElement?.id).toBe('sync-exceptions-title');
  });

  it('cancels with Esc and sends nothing', async () => {
    const user = userEvent.setup();
    const { bridge } = screenFor();
    await user.click(await screen.findByTestId('sync-exception-acknowledge-x-stock'));
    await user.keyboard('Counted{Escape}');
    expect(screen.queryByTestId('sync-exception-note')).toBeNull();
    expect(screen.getByTestId('sync-exception-acknowledge-x-stock')).toBeTruthy();
    expect(bridge.callsOf('sync.acknowledgeException')).toEqual([]);
  });

  it('says who acknowledged it first, and when, when another manager already did with other words, and shows it settled', async () => {
    const user = userEvent.setup();
    const { core } = screenFor();
    await user.click(await screen.findByTestId('sync-exception-acknowledge-x-stock'));
    const stock = core.rows.find((e) => e.id === 'x-stock');
    if (stock) stock.acknowledged = { at: ACK_AT, byName: 'Sam Manager', note: 'Recounted the shelf.' };
    await user.keyboard('Found four in the back room.');
    await user.click(screen.getByTestId('sync-exception-confirm'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Sam Manager already acknowledged this exception at .+: “Recounted the shelf\.”\.$/);
    expect(document.activeElement?.id).toBe('sync-exceptions-title');
    // The refusal refreshes the list, where the exception is no longer open.
    await waitFor(() => expect(screen.queryByTestId('sync-exception-x-stock')).toBeNull());
  });

  it('shows the acknowledged ones with who, when and what they did, through the filter', async () => {
    const user = userEvent.setup();
    const { core, bridge } = screenFor();
    const rx = core.rows.find((e) => e.id === 'x-rx');
    if (rx) rx.acknowledged = { at: ACK_AT, byName: 'Morgan Manager', note: 'Called the prescriber.' };
    await screen.findByTestId('sync-exception-x-stock');
    await user.selectOptions(screen.getByLabelText('Show'), 'acknowledged');
    const item = await screen.findByTestId('sync-exception-ack-x-rx');
    expect(item.textContent).toMatch(/^Acknowledged .+ by Morgan Manager: Called the prescriber\.$/);
    expect(screen.queryByTestId('sync-exception-x-stock')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Acknowledge/ })).toBeNull();
    expect(bridge.callsOf('sync.listExceptions')).toContainEqual({ state: 'acknowledged' });
  });

  it('tells a cashier the exceptions are for managers, and asks the core nothing', () => {
    const { bridge } = screenFor('cashier');
    expect(screen.getByTestId('sync-exceptions-not-allowed').textContent).toContain('for managers');
    expect(bridge.callsOf('sync.listExceptions')).toEqual([]);
  });
});

describe('the way to the sync exceptions', () => {
  it('the top bar’s count opens them for a manager, and only says the count to a cashier', async () => {
    const user = userEvent.setup();
    const core = exceptionsCore();
    const bridge = createFakeBridge({ 'sync.status': core['sync.status'], 'auth.getSession': () => session('manager') });
    const { store } = renderWith(<SyncIndicator now={() => AT} />, bridge);
    await user.click(await screen.findByRole('button', { name: '2 exceptions for a manager' }));
    expect(store.getState().navigation).toMatchObject({ section: 'reports', page: 'syncExceptions' });
    cleanup();
    renderWith(<SyncIndicator now={() => AT} />, createFakeBridge({ 'sync.status': core['sync.status'], 'auth.getSession': () => session('cashier') }));
    await waitFor(() => expect(screen.getByTestId('sync-state').title).toContain('2 exceptions for a manager'));
    expect(screen.queryByTestId('sync-open-exceptions')).toBeNull();
  });

  it('the sidebar has an entry with the open count for a manager, and a function key leaves the page', async () => {
    const user = userEvent.setup();
    const core = exceptionsCore();
    const bridge = createFakeBridge({
      'setup.getStatus': () => initializedStatus,
      'auth.getSession': () => session('manager'),
      'settings.getSettings': () => terminalSettings,
      'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
      'sync.status': core['sync.status'],
      'sync.listExceptions': core['sync.listExceptions'],
      'audit.listEntries': () => [],
    });
    renderWith(<App bridge={bridge} />, bridge);
    const entry = await screen.findByTestId('nav-sync-exceptions');
    await waitFor(() => expect(screen.getByTestId('nav-sync-exceptions-count').textContent).toBe('2'));
    await user.click(entry);
    expect(await screen.findByTestId('sync-exception-x-rx')).toBeTruthy();
    expect(entry.getAttribute('aria-current')).toBe('page');
    // Only the page is the current one, not also the section it sits under.
    expect(screen.getAllByRole('button').filter((b) => b.getAttribute('aria-current') === 'page')).toEqual([entry]);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Show')));
    await user.keyboard('{F5}');
    await waitFor(() => expect(screen.queryByTestId('sync-exceptions')).toBeNull());
    expect(entry.getAttribute('aria-current')).toBeNull();
  });

  it('is not in the sidebar of a pharmacist', async () => {
    const bridge = createFakeBridge({
      'setup.getStatus': () => initializedStatus,
      'auth.getSession': () => session('pharmacist'),
      'settings.getSettings': () => terminalSettings,
      'catalog.searchProducts': () => ({ hits: [], corrections: [] }),
    });
    renderWith(<App bridge={bridge} />, bridge);
    await screen.findByTestId('nav-reports');
    expect(screen.queryByTestId('nav-sync-exceptions')).toBeNull();
  });
});
