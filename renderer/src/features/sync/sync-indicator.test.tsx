// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OutputOf } from '@mortar/main/contract';
import { createFakeBridge, fail } from '../../test/fake-bridge.js';
import { cleanup, renderWith } from '../../test/render.js';
import { SyncIndicator } from './sync-indicator.js';

afterEach(cleanup);

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);

function status(over: Partial<OutputOf<'sync.status'>> = {}): OutputOf<'sync.status'> {
  return {
    enrolled: true,
    serverUrl: 'https://sync.example',
    syncDeviceId: 'd1',
    online: true,
    running: true,
    lastSyncAt: NOW - 5 * 60_000,
    lastAttemptAt: NOW - 5 * 60_000,
    pending: 0,
    deferred: 0,
    lastError: null,
    cursor: 12,
    openExceptions: 0,
    catchUp: null,
    ...over,
  };
}

describe('the sync indicator', () => {
  it('says when the terminal last synced', async () => {
    const bridge = createFakeBridge({ 'sync.status': () => status() });
    renderWith(<SyncIndicator now={() => NOW} />, bridge);
    expect((await screen.findByTestId('sync-label')).textContent).toBe('Synced 5 minutes ago');
    expect(screen.queryByTestId('sync-waiting')).toBeNull();
  });

  it('shows offline with what waits to be sent, in German too', async () => {
    const bridge = createFakeBridge({ 'sync.status': () => status({ online: false, pending: 3, lastError: { code: 'sync.unreachable', message: 'down', at: NOW } }) });
    renderWith(<SyncIndicator now={() => NOW} />, bridge, 'de');
    expect((await screen.findByTestId('sync-label')).textContent).toBe('Offline');
    expect(screen.getByTestId('sync-waiting').textContent).toContain('3 zu senden');
    expect(screen.getByTestId('sync-state').className).toContain('sync-offline');
  });

  it('says sync is off on a terminal that is not enrolled, without a sync button', async () => {
    const bridge = createFakeBridge({ 'sync.status': () => status({ enrolled: false, online: null, lastSyncAt: null }) });
    renderWith(<SyncIndicator now={() => NOW} />, bridge);
    expect((await screen.findByTestId('sync-state')).textContent).toBe('Sync off');
    expect(screen.queryByTestId('sync-now')).toBeNull();
  });

  it('syncs now on request and shows the answer at once', async () => {
    const user = userEvent.setup();
    const bridge = createFakeBridge({
      'sync.status': () => status({ online: false, pending: 2 }),
      'sync.now': () => status({ online: true, pending: 0, lastSyncAt: NOW }),
    });
    renderWith(<SyncIndicator now={() => NOW} />, bridge);
    await user.click(await screen.findByTestId('sync-now'));
    await waitFor(() => expect(screen.getByTestId('sync-label').textContent).toBe('Synced just now'));
    expect(bridge.callsOf('sync.now')).toEqual([{}]);
    expect(screen.queryByTestId('sync-waiting')).toBeNull();
  });

  it('refreshes when a pull announces stock changes', async () => {
    let pending = 4;
    const bridge = createFakeBridge({ 'sync.status': () => status({ pending }) });
    renderWith(<SyncIndicator now={() => NOW} />, bridge);
    expect((await screen.findByTestId('sync-waiting')).textContent).toContain('4 to send');
    pending = 0;
    bridge.notify({ topics: ['stock'], op: 'sync.now' });
    await waitFor(() => expect(screen.queryByTestId('sync-waiting')).toBeNull());
  });

  it('says a new counter is catching up and how far its snapshot got, in English and German', async () => {
    const catching = status({ lastSyncAt: null, cursor: 0, catchUp: { running: true, at: 2_000, through: 500, events: 480 } });
    const bridge = createFakeBridge({ 'sync.status': () => catching });
    renderWith(<SyncIndicator now={() => NOW} />, bridge);
    expect((await screen.findByTestId('sync-label')).textContent).toBe('Catching up 25%');
    expect(screen.getByTestId('sync-state').title).toContain('480 events so far');
    cleanup();
    renderWith(<SyncIndicator now={() => NOW} />, createFakeBridge({ 'sync.status': () => catching }), 'de');
    expect((await screen.findByTestId('sync-label')).textContent).toBe('Holt Daten nach: 25 %');
  });

  it('says catching up before the server has named the snapshot’s position, and offline wins while the server is away', async () => {
    let online: boolean | null = null;
    const bridge = createFakeBridge({ 'sync.status': () => status({ online, lastSyncAt: null, cursor: 0, catchUp: { running: true, at: null, through: 0, events: 0 } }) });
    renderWith(<SyncIndicator now={() => NOW} />, bridge);
    expect((await screen.findByTestId('sync-label')).textContent).toBe('Catching up…');
    online = false;
    bridge.notify({ topics: ['stock'], op: 'sync.now' });
    await waitFor(() => expect(screen.getByTestId('sync-label').textContent).toBe('Offline'));
  });

  it('puts a refused sync into words', async () => {
    const user = userEvent.setup();
    const bridge = createFakeBridge({ 'sync.status': () => status(), 'sync.now': () => fail('sync.notEnrolled') });
    renderWith(<SyncIndicator now={() => NOW} />, bridge);
    await user.click(await screen.findByTestId('sync-now'));
    expect((await screen.findByRole('alert')).textContent).toBe('This terminal is not enrolled with a sync server yet.');
  });
});
