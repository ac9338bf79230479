// Maintenance works on the store directly, with only the key file: it is for whoever owns the data
// directory on this machine (the OS account), and it never needs a running terminal.
import type { Command } from 'commander';
import type * as MainModule from '@mortar/main';
import type { Store } from '@mortar/main';
import { CliError, dataDirOf, print } from '../context.js';

type Main = typeof MainModule;

async function withStore<T>(cmd: Command, mode: { readonly: boolean }, fn: (s: Store, key: string, m: Main) => T): Promise<T> {
  const m = await import('@mortar/main');
  const dataDir = await dataDirOf(cmd.optsWithGlobals());
  try {
    const key = m.loadOrCreateKeyFile(dataDir, false);
    const store = m.openStore({ dataDir, key, readonly: mode.readonly, migrate: false, exclusive: !mode.readonly });
    try {
      return fn(store, key, m);
    } finally {
      store.close();
    }
  } catch (e: unknown) {
    if (e instanceof m.StoreError) throw new CliError(e.message, 2, e.code);
    throw e;
  }
}

/** One difference in words: an on-hand that disagrees with the ledger, and/or copied lot or product facts gone stale. */
export function differenceText(d: { lotId: string; projected: number; ledger: number; stale?: readonly string[] }): string {
  const parts = [];
  if (d.projected !== d.ledger) parts.push(`on hand ${d.projected} in the projection, ${d.ledger} by the ledger`);
  if (d.stale && d.stale.length > 0) parts.push(`projection's copy of ${d.stale.join(', ')} differs from the lot or product`);
  return `lot ${d.lotId}: ${parts.length > 0 ? parts.join('; ') : `projection ${d.projected}, ledger ${d.ledger}`}`;
}

export function registerMaintenance(program: Command): void {
  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Walk the audit chain and name the first broken link (exit 1 when broken)')
    .option('--json', 'print as JSON')
    .action((o: { json?: boolean }, cmd: Command) =>
      withStore(cmd, { readonly: true }, (s, _key, m) => {
        const result = m.auditLog(s.db).verify();
        print(Boolean(o.json), result, () =>
          result.ok
            ? `Audit chain intact: ${result.entries} entries.`
            : `Audit chain BROKEN at entry ${result.firstBroken?.seq}: ${result.firstBroken?.reason}.`,
        );
        if (!result.ok) process.exitCode = 1;
      }),
    );

  const stock = program.command('stock').description('The stock ledger');
  stock
    .command('verify')
    .description('Rebuild on-hand from the ledger and report any difference (exit 1 when there is one)')
    .option('--json', 'print as JSON')
    .action((o: { json?: boolean }, cmd: Command) =>
      withStore(cmd, { readonly: true }, (s, _key, m) => {
        const diffs = m.verifyStockProjection(s.db);
        print(Boolean(o.json), { ok: diffs.length === 0, differences: diffs }, () =>
          diffs.length === 0
            ? 'On-hand equals the ledger for every batch.'
            : diffs.map(differenceText).join('\n'),
        );
        if (diffs.length > 0) process.exitCode = 1;
      }),
    );

  program
    .command('backup <file>')
    .description('Write a consistent, encrypted snapshot of the database (works while the terminal runs)')
    .option('--json', 'print as JSON')
    .action((file: string, o: { json?: boolean }, cmd: Command) =>
      withStore(cmd, { readonly: true }, (s, key, m) => {
        const summary = m.backupDatabase(s.db, key, file);
        print(Boolean(o.json), summary, () => `Backup written to ${summary.file} (${summary.bytes} bytes, ${summary.auditEntries} audit entries verified).`);
      }),
    );

  program
    .command('restore <file>')
    .description('Replace the database with a verified backup (the terminal must be stopped)')
    .option('--json', 'print as JSON')
    .action(async (file: string, o: { json?: boolean }, cmd: Command) => {
      const { loadOrCreateKeyFile, restoreDatabase, StoreError } = await import('@mortar/main');
      const dataDir = await dataDirOf(cmd.optsWithGlobals());
      try {
        const key = loadOrCreateKeyFile(dataDir, false);
        const summary = restoreDatabase(dataDir, key, file, Date.now());
        print(Boolean(o.json), summary, () =>
          `Restored ${summary.file} (${summary.auditEntries} audit entries verified).${summary.previous ? ` The previous database is kept as ${summary.previous}.` : ''}`,
        );
      } catch (e: unknown) {
        if (e instanceof StoreError) throw new CliError(e.message, 2, e.code);
        throw e;
      }
    });

  const db = program.command('db').description('The database schema');
  db.command('migrate')
    .description('Apply pending migrations (the app also does this on start)')
    .option('--json', 'print as JSON')
    .action((o: { json?: boolean }, cmd: Command) =>
      withStore(cmd, { readonly: false }, (s, _key, m) => {
        const from = m.schemaVersion(s.db);
        const applied = m.migrate(s.db);
        print(Boolean(o.json), { from, to: m.schemaVersion(s.db), applied, latest: m.latestVersion() }, () =>
          applied.length ? `Migrated from schema ${from} to ${m.schemaVersion(s.db)}.` : `Schema ${from} is current.`,
        );
      }),
    );
}
