import type { Command } from 'commander';
import { roles, type Role } from '@mortar/main/contract';
import { CliError, dataDirOf, loginConnection, openCore, print, readSecret, unwrap } from '../context.js';
import type { Connection } from '@mortar/main';

async function withAdmin<T>(cmd: Command, fn: (c: Connection) => Promise<T>): Promise<T> {
  const g = cmd.optsWithGlobals<{ dataDir?: string; user?: string }>();
  const core = await openCore(await dataDirOf(g));
  try {
    return await fn(await loginConnection(core, g.user));
  } finally {
    core.close();
  }
}

async function findUser(c: Connection, username: string) {
  const all = unwrap(await c.invoke('users.listUsers', { includeInactive: true }));
  const u = all.find((x) => x.username === username.toLowerCase());
  if (!u) throw new CliError(`There is no user called ${username}.`, 1, 'users.notFound');
  return u;
}

export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description('Manage the staff who may use this terminal')
    .requiredOption('--user <username>', 'who is doing this (needs users.manage)')
    .addHelpText('after', '\nYour password is read from MORTAR_PASSWORD, or asked for on the terminal.');

  users
    .command('list')
    .description('List staff')
    .option('--all', 'include disabled accounts')
    .option('--json', 'print as JSON')
    .action(async (o: { all?: boolean; json?: boolean }, cmd: Command) =>
      withAdmin(cmd, async (c) => {
        const list = unwrap(await c.invoke('users.listUsers', { includeInactive: Boolean(o.all) }));
        print(Boolean(o.json), list, () =>
          list.map((u) => `${u.username.padEnd(20)} ${u.role.padEnd(11)} ${u.active ? 'active  ' : 'disabled'} ${u.displayName}`).join('\n'),
        );
      }),
    );

  users
    .command('add <username>')
    .description('Add a member of staff; the new password is read from MORTAR_NEW_PASSWORD or asked for')
    .requiredOption('--name <displayName>', 'name shown on screen and in the audit log')
    .requiredOption('--role <role>', `one of ${roles.join(', ')}`)
    .option('--pin <pin>', 'a 4–8 digit PIN for quick switching')
    .option('--json', 'print as JSON')
    .action(async (username: string, o: { name: string; role: string; pin?: string; json?: boolean }, cmd: Command) => {
      if (!(roles as readonly string[]).includes(o.role)) {
        throw new CliError(`Unknown role ${o.role}: choose one of ${roles.join(', ')}.`, 2, 'api.invalidInput');
      }
      await withAdmin(cmd, async (c) => {
        const password = await readSecret(`New password for ${username}`, 'MORTAR_NEW_PASSWORD');
        const u = unwrap(
          await c.invoke('users.createUser', { username, displayName: o.name, role: o.role as Role, password, pin: o.pin }),
        );
        print(Boolean(o.json), u, () => `Added ${u.username} (${u.role}).`);
      });
    });

  users
    .command('set-password <username>')
    .description("Set a member of staff's password (MORTAR_NEW_PASSWORD or asked for); clears a lockout")
    .action(async (username: string, _o: unknown, cmd: Command) =>
      withAdmin(cmd, async (c) => {
        const u = await findUser(c, username);
        const password = await readSecret(`New password for ${username}`, 'MORTAR_NEW_PASSWORD');
        unwrap(await c.invoke('users.setPassword', { id: u.id, password }));
        process.stdout.write(`Password of ${username} changed.\n`);
      }),
    );

  for (const [name, active] of [
    ['disable', false],
    ['enable', true],
  ] as const) {
    users
      .command(`${name} <username>`)
      .description(active ? 'Allow a member of staff to log in again' : 'Stop a member of staff from logging in')
      .action(async (username: string, _o: unknown, cmd: Command) =>
        withAdmin(cmd, async (c) => {
          const u = await findUser(c, username);
          unwrap(await c.invoke('users.updateUser', { id: u.id, active }));
          process.stdout.write(`${username} ${active ? 'enabled' : 'disabled'}.\n`);
        }),
      );
  }
}
