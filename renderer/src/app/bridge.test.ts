import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '@mortar/main/contract';
import { chooseBridge, webSocketBridge, type ConnectionEvent } from './bridge.js';

/** Plays the server's side of one WebSocket. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  answer(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1] as FakeSocket;

function bridge() {
  return webSocketBridge({
    url: 'ws://127.0.0.1:4799/api',
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    initialRetryMs: 100,
    maxRetryMs: 400,
  });
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('webSocketBridge', () => {
  it('sends { id, op, input } and resolves with the result carrying the same id', async () => {
    const b = bridge();
    latest().open();
    const pending = b.invoke('setup.getStatus', {});
    const sent = latest().sent[0] as { id: number; op: string; input: unknown };
    expect(sent).toEqual({ id: expect.any(Number), op: 'setup.getStatus', input: {} });
    latest().answer({ type: 'result', id: sent.id, result: { ok: true, value: { initialized: false } } });
    await expect(pending).resolves.toEqual({ ok: true, value: { initialized: false } });
  });

  it('passes a manager override along with the call', () => {
    const b = bridge();
    latest().open();
    void b.invoke('catalog.updatePrice', { id: 'x' }, { override: { username: 'm', secret: 's', reason: 'price check' } });
    expect(latest().sent[0]).toMatchObject({ override: { username: 'm', reason: 'price check' } });
  });

  it('holds calls made before the first connection and sends them once it opens', async () => {
    const b = bridge();
    const pending = b.invoke('auth.getSession', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    const sent = latest().sent[0] as { id: number };
    latest().answer({ type: 'result', id: sent.id, result: { ok: true, value: null } });
    await expect(pending).resolves.toEqual({ ok: true, value: null });
  });

  it('hands change notices to every listener', () => {
    const b = bridge();
    latest().open();
    const seen: unknown[] = [];
    b.onChange((n) => seen.push(n));
    latest().answer({ type: 'change', notice: { topics: ['users'], op: 'users.createUser' } });
    expect(seen).toEqual([{ topics: ['users'], op: 'users.createUser' }]);
  });

  it('fails calls in flight when the socket drops, then reconnects with growing delays', async () => {
    const b = bridge();
    const events: ConnectionEvent[] = [];
    b.onConnection((e) => events.push(e));
    latest().open();
    const pending = b.invoke('users.listUsers', {});
    latest().drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'bridge.disconnected' } });
    expect(events.at(-1)).toEqual({ status: 'reconnecting', sessionLost: true, retryInMs: 100 });
    expect(b.status).toBe('reconnecting');

    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop();
    expect(events.at(-1)?.retryInMs).toBe(200);
    vi.advanceTimersByTime(200);
    latest().drop();
    vi.advanceTimersByTime(400);
    latest().drop();
    expect(events.at(-1)?.retryInMs).toBe(400);
    vi.advanceTimersByTime(400);
    latest().open();
    expect(events.at(-1)).toEqual({ status: 'open', sessionLost: true });
  });

  it('refuses calls while reconnecting, since the session they assume is gone', async () => {
    const b = bridge();
    latest().open();
    latest().drop();
    await expect(b.invoke('auth.getSession', {})).resolves.toMatchObject({ ok: false, error: { code: 'bridge.disconnected' } });
  });

  it('turns an unreadable answer into an error rather than a crash', async () => {
    const b = bridge();
    latest().open();
    const pending = b.invoke('setup.getStatus', {});
    const sent = latest().sent[0] as { id: number };
    latest().answer({ type: 'result', id: sent.id, result: 'nonsense' });
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'bridge.badAnswer' } });
  });
});

describe('chooseBridge', () => {
  it("prefers Electron's preload bridge when the window has one", async () => {
    const exposed: Bridge = {
      kind: 'electron',
      invoke: async () => ({ ok: true, value: 42 }),
      onChange: () => () => {},
    };
    const chosen = chooseBridge({ mortar: exposed, location: { protocol: 'mortar:', host: 'app' } } as unknown as Window);
    expect(chosen.kind).toBe('electron');
    expect(chosen.status).toBe('open');
    await expect(chosen.invoke('x', {})).resolves.toEqual({ ok: true, value: 42 });
  });
});
