import { describe, expect, it } from 'vitest';
import type { Bridge, ScanningBridge, ScanningPush } from '@mortar/main/contract';
import { electronBridge, webSocketBridge } from '../../app/bridge.js';

/** The server's side of one WebSocket, just enough to push messages. */
class PushSocket {
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  send() {}
  close() {
    this.onclose?.();
  }
  push(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const scan: ScanningPush = { type: 'scan', scan: { scannerId: 's1', kind: 'serial', raw: ']d20105012345678900', symbologyId: ']d2', receivedAt: 5 } };

describe('scanning pushes over the bridges', () => {
  it('hands scans and scanner states from the WebSocket to scanning listeners only, and ignores malformed ones', () => {
    const socket = new PushSocket();
    const bridge = webSocketBridge({ url: 'ws://127.0.0.1:1/api', createSocket: () => socket as unknown as WebSocket });
    const pushes: ScanningPush[] = [];
    const changes: unknown[] = [];
    const stop = bridge.onScanning?.((p) => pushes.push(p));
    bridge.onChange((n) => changes.push(n));
    socket.push(scan);
    socket.push({ type: 'scan' });
    socket.push({ type: 'scannerState', scanner: { id: 's1', link: 'connected' } });
    socket.push({ type: 'change', notice: { topics: ['settings'], op: 'scanning.saveScanner' } });
    expect(pushes).toEqual([scan, { type: 'scannerState', scanner: { id: 's1', link: 'connected' } }]);
    expect(changes).toHaveLength(1);
    stop?.();
    socket.push(scan);
    expect(pushes).toHaveLength(2);
    bridge.dispose();
  });

  it('passes the preload’s scanning pushes through, and is quiet with a preload that has none', () => {
    let listener: ((p: ScanningPush) => void) | null = null;
    const base: Bridge = { kind: 'electron', invoke: () => Promise.resolve({ ok: true, value: null }), onChange: () => () => {} };
    const withScanning: Bridge & ScanningBridge = {
      ...base,
      onScanning: (l) => {
        listener = l;
        return () => {
          listener = null;
        };
      },
    };
    const got: ScanningPush[] = [];
    const stop = electronBridge(withScanning).onScanning?.((p) => got.push(p));
    (listener as ((p: ScanningPush) => void) | null)?.(scan);
    expect(got).toEqual([scan]);
    stop?.();
    expect(listener).toBeNull();
    expect(() => electronBridge(base).onScanning?.(() => {})?.()).not.toThrow();
  });
});
