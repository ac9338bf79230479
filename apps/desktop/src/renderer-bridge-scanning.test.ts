import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ScanningPush } from '@mortar/main/contract';
import { SCANNING_CHANNEL } from './ipc-channels.js';
import { createRendererBridge, type RendererIpc } from './renderer-bridge.js';

/** ipcRenderer's listening half over an emitter: the main process "sends" by emitting (event, payload). */
function fakeIpc(): RendererIpc & { emitter: EventEmitter } {
  const emitter = new EventEmitter();
  return {
    emitter,
    invoke: () => Promise.resolve(null),
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
}

describe('the preload bridge’s scanning pushes', () => {
  it('hands the page each scan pushed on the scanning channel as plain data, and stops when asked', () => {
    const ipc = fakeIpc();
    const bridge = createRendererBridge(ipc);
    const got: ScanningPush[] = [];
    const stop = bridge.onScanning((p) => got.push(p));
    const push: ScanningPush = { type: 'scan', scan: { scannerId: 's1', kind: 'serial', raw: '0105012345678900', symbologyId: null, receivedAt: 1 } };
    ipc.emitter.emit(SCANNING_CHANNEL, { sender: 'an IPC event the page must not see' }, push);
    expect(got).toEqual([push]);
    stop();
    ipc.emitter.emit(SCANNING_CHANNEL, {}, push);
    expect(got).toHaveLength(1);
    expect(ipc.emitter.listenerCount(SCANNING_CHANNEL)).toBe(0);
  });
});
