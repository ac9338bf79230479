import type { Command } from 'commander';
import { dataDirOf, loginConnection, openCore, print, readSecret, unwrap } from '../context.js';

type SetupOptions = {
  pharmacyName: string;
  address: string;
  taxId: string;
  currency: string;
  locale: string;
  terminalName: string;
  adminUsername: string;
  adminName: string;
  demo?: boolean;
  json?: boolean;
};

export function registerSetup(program: Command): void {
  program
    .command('setup')
    .description('First run: create the pharmacy, this terminal and its first administrator')
    .requiredOption('--pharmacy-name <name>', 'the pharmacy as it appears on receipts')
    .requiredOption('--address <address>', 'the pharmacy address')
    .requiredOption('--tax-id <id>', 'VAT or tax registration number')
    .requiredOption('--currency <code>', 'base currency, ISO 4217 (EUR, GBP, USD ...)')
    .option('--locale <locale>', 'language of the user interface', 'en')
    .option('--terminal-name <name>', 'name of this counter terminal', 'Counter 1')
    .requiredOption('--admin-username <username>', "the first administrator's username")
    .requiredOption('--admin-name <name>', "the first administrator's display name")
    .option('--demo', 'also load the demo pharmacy (about 2,000 products with batches)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nThe password is read from MORTAR_ADMIN_PASSWORD, or asked for on the terminal.')
    .action(async (o: SetupOptions, cmd: Command) => {
      const password = await readSecret('Administrator password', 'MORTAR_ADMIN_PASSWORD');
      const core = await openCore(await dataDirOf(cmd.optsWithGlobals()), true);
      try {
        const c = core.connect();
        const session = unwrap(
          await c.invoke('setup.initialize', {
            pharmacy: {
              name: o.pharmacyName,
              address: o.address,
              taxId: o.taxId,
              baseCurrency: o.currency.toUpperCase(),
              locale: o.locale,
              terminalName: o.terminalName,
            },
            admin: { username: o.adminUsername, displayName: o.adminName, password },
          }),
        );
        const demo = o.demo ? unwrap(await c.invoke('demo.loadDemo', {})) : null;
        print(Boolean(o.json), { terminal: session.terminal, admin: session.user, demo }, () =>
          [
            `Set up ${o.pharmacyName}: terminal "${session.terminal.name}", administrator ${session.user.username}.`,
            demo ? `Demo pharmacy loaded: ${demo.products} products, ${demo.lots} batches.` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
      } finally {
        core.close();
      }
    });

  program
    .command('demo')
    .description('Load the demo pharmacy into this terminal')
    .requiredOption('--user <username>', 'a user allowed to load the demo (manager or admin)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', '\nThe password is read from MORTAR_PASSWORD, or asked for on the terminal.')
    .action(async (o: { user: string; json?: boolean }, cmd: Command) => {
      const core = await openCore(await dataDirOf(cmd.optsWithGlobals()));
      try {
        const c = await loginConnection(core, o.user);
        const demo = unwrap(await c.invoke('demo.loadDemo', {}));
        print(Boolean(o.json), demo, () => `Demo pharmacy loaded: ${demo.products} products, ${demo.lots} batches, ${demo.units} units.`);
      } finally {
        core.close();
      }
    });
}
