// Sandboxed preload: exposes `window.mortar` and nothing else (context isolation keeps ipcRenderer out of
// the page). Bundled to CommonJS with no imports but 'electron', as sandboxed preloads require.
import { contextBridge, ipcRenderer } from 'electron';
import { createRendererBridge } from './renderer-bridge.js';

contextBridge.exposeInMainWorld('mortar', createRendererBridge(ipcRenderer));
