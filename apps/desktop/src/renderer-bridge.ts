// The preload's half of the bridge: the exact `Bridge` shape the renderer expects as `window.mortar`, over
// two IPC channels. It hands the page plain data only, never the IPC event or ipcRenderer itself.
import type { Bridge, ChangeNotice, Result, ScanningBridge, ScanningPush } from '@mortar/main/contract';
import { CHANGE_CHANNEL, INVOKE_CHANNEL, SCANNING_CHANNEL } from './ipc-channels.js';

/** The part of `ipcRenderer` the bridge uses. */
export type RendererIpc = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

export function createRendererBridge(ipc: RendererIpc): Bridge & ScanningBridge {
  return {
    kind: 'electron',
    invoke(op, input, options) {
      // Only the override crosses: anything else a caller put on the options object stays in the page.
      const sent = options?.override ? { override: options.override } : undefined;
      return ipc.invoke(INVOKE_CHANNEL, op, input, sent) as Promise<Result<unknown>>;
    },
    onChange(listener) {
      const handler = (_event: unknown, notice: unknown): void => listener(notice as ChangeNotice);
      ipc.on(CHANGE_CHANNEL, handler);
      return () => {
        ipc.removeListener(CHANGE_CHANNEL, handler);
      };
    },
    onScanning(listener) {
      const handler = (_event: unknown, push: unknown): void => listener(push as ScanningPush);
      ipc.on(SCANNING_CHANNEL, handler);
      return () => {
        ipc.removeListener(SCANNING_CHANNEL, handler);
      };
    },
  };
}
