// `mortar po export` and `mortar transfer import|export`: purchase orders and branch transfers as files,
// through the same typed operations the app uses, as an authenticated member of staff.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Connection } from '@mortar/main';
import { CliError, dataDirOf, loginConnection, openCore, print, unwrap } from '../context.js';

async function asUser<T>(cmd: Command, fn: (c: Connection) => Promise<T>): Promise<T> {
  const g = cmd.optsWithGlobals<{ dataDir?: string; user?: string }>();
  const core = await openCore(await dataDirOf(g));
  try {
    return await fn(await loginConnection(core, g.user));
  } finally {
    core.close();
  }
}

/** An order by its id, or by the number printed on it (PO-000012). */
async function orderId(c: Connection, ref: string): Promise<string> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) return ref;
  const found = unwrap(await c.invoke('inventory.listPurchaseOrders', { limit: 1000 })).find((o) => o.number === ref.toUpperCase());
  if (!found) throw new CliError(`There is no purchase order ${ref}.`, 1, 'inventory.purchaseOrderNotFound');
  return found.id;
}

const formats = ['850', 'csv', 'pdf'] as const;

export function registerPurchasing(program: Command): void {
  const po = program
    .command('po')
    .description('Purchase orders')
    .requiredOption('--user <username>', 'who is doing this (needs purchasing.order)')
    .addHelpText('after', '\nYour password is read from MORTAR_PASSWORD, or asked for on the terminal.');
  po.command('export <order>')
    .description('Write an order (id or number) as an X12 850, CSV or a printable PDF')
    .requiredOption('--format <format>', formats.join(' | '))
    .requiredOption('--out <file>', 'where to write it')
    .option('--test', 'mark an 850 as a test interchange (ISA15 T)')
    .option('--json', 'print as JSON')
    .action(async (ref: string, o: { format: string; out: string; test?: boolean; json?: boolean }, cmd: Command) => {
      const format = formats.find((f) => f === o.format);
      if (!format) throw new CliError(`Unknown format ${o.format}: choose one of ${formats.join(', ')}.`, 2, 'api.invalidInput');
      await asUser(cmd, async (c) => {
        const doc = unwrap(await c.invoke('inventory.exportPurchaseOrder', { id: await orderId(c, ref), format, usage: o.test ? 'T' : 'P' }));
        writeFileSync(o.out, doc.encoding === 'base64' ? Buffer.from(doc.content, 'base64') : doc.content);
        const summary = { file: o.out, filename: doc.filename, mediaType: doc.mediaType, bytes: doc.bytes };
        print(Boolean(o.json), summary, () => `Wrote ${doc.filename} (${doc.bytes} bytes) to ${o.out}.`);
      });
    });

  const transfer = program
    .command('transfer')
    .description('Stock transfers between branches, by file')
    .requiredOption('--user <username>', 'who is doing this (needs stock.receive to import)')
    .addHelpText('after', '\nYour password is read from MORTAR_PASSWORD, or asked for on the terminal.');
  transfer
    .command('import <file>')
    .description('Receive a transfer document another branch exported: once only, checksum checked')
    .option('--json', 'print as JSON')
    .action(async (file: string, o: { json?: boolean }, cmd: Command) => {
      let document: string;
      try {
        document = readFileSync(file, 'utf8');
      } catch (e: unknown) {
        throw new CliError(`Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, 2, 'cli.fileUnreadable');
      }
      await asUser(cmd, async (c) => {
        const t = unwrap(await c.invoke('inventory.importTransfer', { document }));
        print(Boolean(o.json), t, () => `Received transfer ${t.id}: ${t.lines.length} line(s), ${t.lines.reduce((n, l) => n + l.quantity, 0)} units.`);
      });
    });
  transfer
    .command('export <id>')
    .description('Write a transfer this branch sent as its JSON document')
    .requiredOption('--out <file>', 'where to write it')
    .option('--json', 'print as JSON')
    .action(async (id: string, o: { out: string; json?: boolean }, cmd: Command) =>
      asUser(cmd, async (c) => {
        const t = unwrap(await c.invoke('inventory.exportTransfer', { id }));
        writeFileSync(o.out, t.document);
        print(Boolean(o.json), { file: o.out, checksum: t.checksum }, () => `Wrote ${t.filename} to ${o.out} (${t.checksum}).`);
      }),
    );
}
