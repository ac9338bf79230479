import type { Command } from 'commander';
import type { Connection } from '@mortar/main';
import type { OutputOf } from '@mortar/main/contract';
import { dataDirOf, loginConnection, openCore, print, unwrap } from '../context.js';

async function withLogin<T>(cmd: Command, fn: (c: Connection) => Promise<T>): Promise<T> {
  const g = cmd.optsWithGlobals<{ dataDir?: string; user?: string }>();
  const core = await openCore(await dataDirOf(g));
  try {
    return await fn(await loginConnection(core, g.user));
  } finally {
    core.close();
  }
}

/** A new counter's snapshot load: how far, by log position, and whether it runs now or waits for the next round. */
export function catchUpText(c: NonNullable<OutputOf<'sync.status'>['catchUp']>): string {
  const share = c.at === null || c.at === 0 ? '' : ` (${Math.min(100, Math.floor((c.through / c.at) * 100))}%)`;
  const where = c.at === null ? `through ${c.through}` : `through ${c.through} of ${c.at}${share}`;
  return `${where}, ${c.events} events loaded${c.running ? '' : ', resumes at the next round'}`;
}

function statusText(s: OutputOf<'sync.status'>): string {
  if (!s.enrolled) return 'Not enrolled with a sync server.';
  const when = (at: number | null) => (at === null ? 'never' : new Date(at).toISOString());
  return [
    `server        ${s.serverUrl ?? ''}`,
    `device        ${s.syncDeviceId ?? ''}`,
    `state         ${s.online === null ? 'not tried yet' : s.online ? 'online' : 'offline'}`,
    `last sync     ${when(s.lastSyncAt)}`,
    `waiting       ${s.pending} to send, ${s.deferred} kept for a newer version`,
    `cursor        ${s.cursor}`,
    ...(s.catchUp ? [`catching up   ${catchUpText(s.catchUp)}`] : []),
    `exceptions    ${s.openExceptions}`,
    ...(s.lastError ? [`last error    ${s.lastError.code}: ${s.lastError.message} (${when(s.lastError.at)})`] : []),
  ].join('\n');
}

export function registerSync(program: Command): void {
  const sync = program
    .command('sync')
    .description('Enroll this terminal with the chain’s sync server, and see or run sync')
    .requiredOption('--user <username>', 'who is doing this')
    .addHelpText('after', '\nYour password is read from MORTAR_PASSWORD, or asked for on the terminal.');

  sync
    .command('enroll')
    .description('Exchange a one-time code from head office for this terminal’s credential (needs settings.manage)')
    .requiredOption('--server <url>', 'the sync server, e.g. https://sync.example.com')
    .requiredOption('--code <code>', 'the one-time enrollment code')
    .option('--label <label>', 'how head office will see this terminal')
    .option('--json', 'print as JSON')
    .action(async (o: { server: string; code: string; label?: string; json?: boolean }, cmd: Command) =>
      withLogin(cmd, async (c) => {
        const s = unwrap(await c.invoke('sync.enroll', { serverUrl: o.server, code: o.code, ...(o.label ? { label: o.label } : {}) }));
        print(Boolean(o.json), s, () => `Enrolled.\n${statusText(s)}`);
      }),
    );

  sync
    .command('status')
    .description('Show whether sync is online, when it last synced and what is waiting')
    .option('--json', 'print as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) =>
      withLogin(cmd, async (c) => {
        const s = unwrap(await c.invoke('sync.status', {}));
        print(Boolean(o.json), s, () => statusText(s));
      }),
    );

  sync
    .command('now')
    .description('Push and pull once, now')
    .option('--json', 'print as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) =>
      withLogin(cmd, async (c) => {
        const s = unwrap(await c.invoke('sync.now', {}));
        print(Boolean(o.json), s, () => statusText(s));
      }),
    );

  sync
    .command('exceptions')
    .description('List what broke an invariant after merging (needs audit.read)')
    .option('--json', 'print as JSON')
    .action(async (o: { json?: boolean }, cmd: Command) =>
      withLogin(cmd, async (c) => {
        const list = unwrap(await c.invoke('sync.listExceptions', {}));
        print(Boolean(o.json), list, () =>
          list.length === 0
            ? 'No exceptions.'
            : list.map((e) => `${new Date(e.detectedAt).toISOString()}  ${e.kind.padEnd(17)} ${e.branchName ?? e.branchId}  ${e.sku ?? ''} ${e.productName ?? ''}`).join('\n'),
        );
      }),
    );
}
