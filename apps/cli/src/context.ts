// What every command shares: where the data is, how to ask for a secret, how to print results.
// The core is imported when a command needs it, so that `--help` and the headless tools start quickly.
import type { Connection, Core } from '@mortar/main';
import type { Result } from '@mortar/main/contract';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly code = 'cli.failed',
  ) {
    super(message);
  }
}

export async function dataDirOf(opts: { dataDir?: string }): Promise<string> {
  if (opts.dataDir) return resolve(opts.dataDir);
  const { defaultDataDir } = await import('@mortar/main/data-dir');
  return resolve(defaultDataDir());
}

/** Opens the terminal's core; only `serve` and `setup` may create a new terminal in an empty directory. */
export async function openCore(dataDir: string, create = false): Promise<Core> {
  const { createCore, StoreError } = await import('@mortar/main');
  try {
    return createCore({ dataDir, create });
  } catch (e: unknown) {
    if (e instanceof StoreError) throw new CliError(e.message, 2, e.code);
    throw e;
  }
}

/** Reads a secret from the environment variable, or asks for it on the terminal without echoing it. */
export async function readSecret(prompt: string, envName: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CliError(`No terminal to ask for the ${prompt.toLowerCase()}: set ${envName}.`, 2, 'cli.secretRequired');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const mutable = rl as unknown as { _writeToOutput?: (s: string) => void };
  process.stdout.write(`${prompt}: `);
  mutable._writeToOutput = () => {};
  try {
    return await new Promise<string>((r) => rl.question('', r));
  } finally {
    rl.close();
    process.stdout.write('\n');
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CliError(result.error.message, 1, result.error.code);
  return result.value;
}

/** Logs in on a fresh connection as `--user`, the password from MORTAR_PASSWORD or the terminal. */
export async function loginConnection(core: Core, username: string | undefined): Promise<Connection> {
  if (!username) throw new CliError('Say who you are with --user <username>.', 2, 'cli.userRequired');
  const password = await readSecret(`Password for ${username}`, 'MORTAR_PASSWORD');
  const connection = core.connect();
  unwrap(await connection.invoke('auth.login', { username, password }));
  return connection;
}

export function print(json: boolean, data: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text()}\n`);
}
