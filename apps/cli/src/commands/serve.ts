import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { dataDirOf, openCore } from '../context.js';

export const RENDERER_DIST = fileURLToPath(new URL('../../../../renderer/dist', import.meta.url));

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run Mortar in browser mode: the same core and UI, on http://127.0.0.1 only')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '4780')
    .option('--host <host>', 'loopback address to listen on', '127.0.0.1')
    .action(async (opts: { port: string; host: string }, cmd: Command) => {
      const started = performance.now();
      const dataDir = await dataDirOf(cmd.optsWithGlobals());
      const { startPrinting } = await import('@mortar/main/printing');
      // The print worker runs beside the core: receipts print and the screens hear of each printer's state.
      const core = startPrinting(await openCore(dataDir, true), { log: (m) => process.stderr.write(`${m}\n`) });
      // The sync loop runs beside the core; it does nothing until the terminal is enrolled.
      const { withSync } = await import('@mortar/main/sync');
      const synced = withSync(core, { log: (m) => process.stderr.write(`${m}\n`) });
      const { startBrowserServer } = await import('@mortar/main/server');
      // The terminal's scanners run beside its core; their scans reach the screen over the same WebSocket.
      const { startScannerHost } = await import('@mortar/main/scanning');
      const scanning = await startScannerHost(core, { log: (m) => process.stderr.write(`scanning: ${m}\n`) });
      const server = await startBrowserServer({
        core: synced,
        staticDir: RENDERER_DIST,
        scanning,
        host: opts.host,
        port: Number(opts.port),
        log: (m) => process.stderr.write(`${m}\n`),
      });
      // Batches crossing an expiry horizon are noticed after each midnight too, not only at the day's first login.
      const { startExpiryWatch } = await import('@mortar/main/expiry-alerts');
      const expiryWatch = startExpiryWatch(core, { checkAtStart: false, log: (m, e) => process.stderr.write(`${m}: ${String(e)}\n`) });
      process.stdout.write(
        `Mortar is ready at ${server.url} (data: ${dataDir}, started in ${Math.round(performance.now() - started)} ms)\n`,
      );
      let closing = false;
      const stop = () => {
        if (closing) return;
        closing = true;
        expiryWatch.stop();
        void Promise.all([server.close(), scanning.close()]).finally(() => {
          synced.close();
          process.exit(0);
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
}
