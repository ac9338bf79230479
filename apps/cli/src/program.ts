// The `mortar` command line: browser mode, setup, staff, maintenance and the headless tools.
import { Command, CommanderError } from 'commander';
import { CliError } from './context.js';
import { registerMaintenance } from './commands/maintenance.js';
import { registerPurchasing } from './commands/purchasing.js';
import { registerRx } from './commands/rx.js';
import { registerServe } from './commands/serve.js';
import { registerSetup } from './commands/setup.js';
import { registerSync } from './commands/sync.js';
import { registerTools } from './commands/tools.js';
import { registerUsers } from './commands/users.js';

export function buildProgram(): Command {
  const program = new Command('mortar')
    .description('Mortar: offline-first point of sale for pharmacy counters')
    .option('--data-dir <dir>', "this terminal's data directory (default: the per-OS location, or MORTAR_DATA_DIR)")
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerSetup(program);
  registerUsers(program);
  registerMaintenance(program);
  registerTools(program);
  registerPurchasing(program);
  registerRx(program);
  registerSync(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e: unknown) {
    if (e instanceof CommanderError) return e.exitCode;
    const json = argv.includes('--json');
    if (e instanceof CliError) {
      if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: e.code, message: e.message } })}\n`);
      else process.stderr.write(`mortar: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`mortar: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
