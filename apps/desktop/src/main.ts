// Mortar's Electron main process: one sandboxed window over the app's own files, one core behind it.
// Deliberately thin: every decision (file serving, CSP, navigation, permissions, IPC checks, the key,
// updates, start-up errors) lives in a plain module beside this one and is tested in plain Node.
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, session, type Session } from 'electron';
import { autoUpdater } from 'electron-updater';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '@mortar/main';
import { startScannerHost } from '@mortar/main/scanning';
import { startPrinting } from '@mortar/main/printing';
import { startExpiryWatch } from '@mortar/main/expiry-alerts';
import { withSync } from '@mortar/main/sync';
import { menuTemplate } from './app-menu.js';
import { APP_ENTRY_URL, APP_SCHEME, serveAppRequest } from './app-protocol.js';
import { chooseDataDir, parseDesktopArgs } from './desktop-args.js';
import { createDesktopLog, type DesktopLog } from './desktop-log.js';
import { CHANGE_CHANNEL, INVOKE_CHANNEL, SCANNING_CHANNEL } from './ipc-channels.js';
import { createIpcRouter, type IpcRouter } from './ipc-router.js';
import { loadOrCreateDatabaseKey } from './key-sealing.js';
import { nativeBindingFor } from './native-binding.js';
import { DesktopStartError, describeStartError } from './start-error.js';
import { startUpdater } from './updater.js';
import {
  allowNavigation,
  allowPermissionCheck,
  allowPermissionRequest,
  allowRequestUrl,
  allowWebview,
  windowOpenDecision,
} from './web-policy.js';

// This file is bundled to dist/main.cjs; the preload and the renderer's files sit beside it.
const distDir = __dirname;
const desktopDir = join(distDir, '..');
const rendererDir = join(distDir, 'renderer');
const development = !app.isPackaged;

// Named for the product in development too (not for the npm package), data folder included.
app.setName('Mortar');
app.setPath('userData', join(app.getPath('appData'), 'Mortar'));
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | null = null;

function fail(log: DesktopLog, e: unknown): void {
  const report = describeStartError(e);
  log(`start-up failed (${report.code})`, e);
  dialog.showErrorBox(report.title, report.message);
  app.exit(1);
}

function secureSession(ses: Session, log: DesktopLog): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const granted = allowPermissionRequest(
      permission,
      { requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes },
      contents.getURL(),
    );
    if (!granted) log(`denied the permission '${permission}' to ${details.requestingUrl}`);
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, details),
  );
  ses.setDevicePermissionHandler(() => false);
  // Belt and braces behind the CSP: no request of the window leaves the machine.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*', 'ftp://*/*'] },
    (details, callback) => {
      const allowed = allowRequestUrl(details.url);
      if (!allowed) log(`blocked a request to ${details.url}`);
      callback({ cancel: !allowed });
    },
  );
  ses.on('will-download', (event) => event.preventDefault());
}

function lockDownContents(log: DesktopLog): void {
  app.on('web-contents-created', (_event, contents) => {
    const refuse = (kind: string) => (event: { url: string; preventDefault(): void }) => {
      if (allowNavigation(event.url)) return;
      event.preventDefault();
      log(`refused ${kind} to ${event.url}`);
    };
    contents.on('will-navigate', refuse('navigation'));
    contents.on('will-redirect', refuse('a redirect'));
    contents.on('will-frame-navigate', refuse('a frame navigation'));
    contents.on('will-attach-webview', (event) => {
      if (!allowWebview()) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      log(`refused to open a window for ${url}`);
      return windowOpenDecision(url);
    });
  });
}

function createWindow(router: IpcRouter, log: DesktopLog): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Mortar',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(distDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: development,
    },
  });
  const contents = win.webContents;
  const id = contents.id;
  const send = (notice: unknown): void => {
    if (!contents.isDestroyed()) contents.send(CHANGE_CHANNEL, notice);
  };
  router.attach(id, send);
  contents.on('destroyed', () => router.detach(id));
  contents.on('render-process-gone', (_event, details) => {
    // A crashed page may have been a compromised one: its session ends with it.
    log(`the window's page stopped (${details.reason}); starting it again with no one logged in`);
    router.detach(id);
    router.attach(id, send);
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) contents.reload();
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function startUpdates(core: Core, log: DesktopLog): { stop(): void } {
  const system = core.connect();
  return startUpdater({
    updater: autoUpdater,
    readUpdateUrl: async () => {
      const r = await system.invoke('settings.getSettings', {});
      return r.ok ? r.value.updateUrl : null;
    },
    onSettingsChanged: (listener) => core.subscribe((notice) => notice.topics.includes('settings') && listener()),
    log,
  });
}

function start(): void {
  const dataDir = chooseDataDir(parseDesktopArgs(process.argv), process.env, app.getPath('userData'));
  const log = createDesktopLog(join(dataDir, 'logs', 'desktop.log'));
  log(`Mortar ${app.getVersion()} starting (data folder ${dataDir}${development ? ', development' : ''})`);

  let core: Core;
  try {
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new DesktopStartError(
        'desktop.rendererMissing',
        `The screens of Mortar are missing (${rendererDir}). Run "npm run build" and start Mortar again.`,
      );
    }
    const nativeBinding = nativeBindingFor({ isPackaged: app.isPackaged, desktopDir, exists: existsSync });
    const { key, source } = loadOrCreateDatabaseKey({ dataDir, safeStorage, log });
    log(`database key from the ${source === 'keychain' ? 'operating system keychain' : 'key file'}`);
    // The print worker runs beside the core: receipts print and the window hears of each printer's state.
    core = startPrinting(createCore({ dataDir, key, nativeBinding, log }), { log });
    // The sync loop runs beside the core; it does nothing until the terminal is enrolled.
    core = withSync(core, { log });
  } catch (e: unknown) {
    fail(log, e);
    return;
  }

  secureSession(session.defaultSession, log);
  lockDownContents(log);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isMac: process.platform === 'darwin', development })));

  const router = createIpcRouter(core, { log });
  ipcMain.handle(INVOKE_CHANNEL, (event, op: unknown, input: unknown, options: unknown) =>
    router.invoke(
      { id: event.sender.id, frameUrl: event.senderFrame?.url, isMainFrame: event.senderFrame?.parent === null },
      op,
      input,
      options,
    ),
  );

  mainWindow = createWindow(router, log);
  // The terminal's scanners run beside its core; scans and states go to its one window, since a scanner
  // belongs to one counter (scanning/README.md in main).
  const scanning = startScannerHost(core, { log });
  scanning.then(
    (host) =>
      host.onPush((push) => {
        const contents = mainWindow?.webContents;
        if (contents && !contents.isDestroyed()) contents.send(SCANNING_CHANNEL, push);
      }),
    (e: unknown) => log('the scanners could not be started', e),
  );
  const updates = app.isPackaged ? startUpdates(core, log) : null;
  // Batches crossing an expiry horizon are noticed after each midnight too, not only at the day's first login.
  const expiryWatch = startExpiryWatch(core, { checkAtStart: false, log });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    updates?.stop();
    expiryWatch.stop();
    void scanning.then((host) => host.close()).catch(() => undefined);
    router.close();
    core.close();
    log('Mortar stopped');
  });
}

if (!app.requestSingleInstanceLock()) {
  // One counter app per computer account: a second start brings the first window forward instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (e: unknown) => {
    dialog.showErrorBox('Mortar cannot start', String(e));
    app.exit(1);
  });
}
