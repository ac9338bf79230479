import type { Command } from 'commander';
import type { Connection } from '@mortar/main';
import {
  applyFailedDetailSchema,
  refillsExceededDetailSchema,
  stockBelowZeroDetailSchema,
  type ExceptionState,
  type OutputOf,
  type SyncException,
} from '@mortar/main/contract';
import { CliError, dataDirOf, loginConnection, openCore, print, unwrap } from '../context.js';

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

const iso = (at: number) => new Date(at).toISOString();
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What an exception's facts say, one line each; a detail this version cannot read is shown as it is. */
export function exceptionFacts(e: SyncException): string[] {
  switch (e.kind) {
    case 'stock.belowZero': {
      const d = stockBelowZeroDetailSchema.safeParse(e.detail);
      if (d.success) return [`stock went below zero: ${d.data.onHand} on hand at ${e.branchName ?? e.branchId} as of ${iso(d.data.asOf)} (till ${d.data.deviceId})`];
      break;
    }
    case 'sync.applyFailed': {
      const d = applyFailedDetailSchema.safeParse(e.detail);
      if (d.success) return [`a pulled ${d.data.type} (version ${d.data.schemaVersion}) could not be applied: ${d.data.message}`];
      break;
    }
    case 'rx.refillsExceeded': {
      const d = refillsExceededDetailSchema.safeParse(e.detail);
      if (d.success) {
        const x = d.data;
        return [
          `prescription ${x.prescriptionId} item ${x.lineNo} (${x.ingredient}): dispensed ${plural(x.fills.length, 'time', 'times')}, ${x.allowedFills} allowed (${plural(x.refills, 'refill', 'refills')})`,
          ...x.fills.map((f) => `  ${iso(f.at)}  till ${f.deviceId}  ${f.actorName}  quantity ${f.quantity}  (dispense ${f.dispenseId})`),
          ...(x.alsoLines ?? []).map((o) => `in the same dispense, item ${o.lineNo} (${o.ingredient}) too: dispensed ${plural(o.fills, 'time', 'times')}, ${o.allowedFills} allowed`),
        ];
      }
      break;
    }
  }
  return [`detail ${JSON.stringify(e.detail)}`];
}

/** One exception as text: what, where, the facts, and the acknowledgement once there is one. */
export function exceptionText(e: SyncException): string {
  const product = [e.sku, e.productName].filter((x) => x !== null).join(' ');
  return [
    `${e.id}  ${e.kind}  found ${iso(e.detectedAt)}  ${e.branchName ?? e.branchId}${product ? `  ${product}` : ''}`,
    ...exceptionFacts(e).map((f) => `  ${f}`),
    e.acknowledged ? `  acknowledged ${iso(e.acknowledged.at)} by ${e.acknowledged.byName}: ${e.acknowledged.note}` : '  open',
  ].join('\n');
}

/** --all and --acknowledged choose the list; both at once is a mistake, not a choice. */
export function exceptionStateOf(o: { all?: boolean; acknowledged?: boolean }): ExceptionState {
  if (o.all && o.acknowledged) throw new CliError('Choose either --all or --acknowledged, not both.', 2, 'cli.badOptions');
  return o.all ? 'all' : o.acknowledged ? 'acknowledged' : 'open';
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
    .description('List what broke an invariant after merging and awaits a manager, newest first (needs audit.read)')
    .option('--all', 'the acknowledged ones too')
    .option('--acknowledged', 'only the acknowledged ones, the most recently dealt with first')
    .option('--json', 'print as JSON')
    .action(async (o: { all?: boolean; acknowledged?: boolean; json?: boolean }, cmd: Command) => {
      const state = exceptionStateOf(o);
      await withLogin(cmd, async (c) => {
        const list = unwrap(await c.invoke('sync.listExceptions', { state }));
        const none = state === 'open' ? 'No open exceptions.' : state === 'acknowledged' ? 'No acknowledged exceptions.' : 'No exceptions.';
        print(Boolean(o.json), list, () => (list.length === 0 ? none : list.map(exceptionText).join('\n\n')));
      });
    });

  sync
    .command('ack')
    .description('Acknowledge an exception: say what was done about it (needs audit.read)')
    .argument('<id>', 'the exception, as `sync exceptions` lists it')
    .requiredOption('--note <text>', 'what was done about it (3 to 500 characters)')
    .option('--json', 'print as JSON')
    .action(async (id: string, o: { note: string; json?: boolean }, cmd: Command) =>
      withLogin(cmd, async (c) => {
        const e = unwrap(await c.invoke('sync.acknowledgeException', { id, note: o.note }));
        print(Boolean(o.json), e, () => exceptionText(e));
      }),
    );
}
