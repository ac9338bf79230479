// Test support: a pseudo-terminal pair made by socat stands in for the cable between a serial scanner and the
// till. `unplug` kills socat (the cable is pulled); `plug` starts it again on the same two paths.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export class SocatPty {
  readonly dir = mkdtempSync(join(tmpdir(), 'mortar-pty-'));
  /** The till's end: the path a scanner setting names. */
  readonly till = join(this.dir, 'a');
  /** The scanner's end: bytes written here arrive at the till. */
  readonly scanner = join(this.dir, 'b');
  private child: ChildProcess | null = null;
  // The scanner's end stays open between writes: a pty whose last reader closes ends socat.
  private end: FileHandle | null = null;

  async plug(): Promise<void> {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.till}`, `pty,raw,echo=0,link=${this.scanner}`], { stdio: 'ignore' });
    this.child = child;
    let failed: unknown = null;
    child.once('error', (e) => {
      failed = e;
    });
    await waitFor(() => failed !== null || (existsSync(this.till) && existsSync(this.scanner)), 5000, 'socat links');
    if (failed !== null) throw failed instanceof Error ? failed : new Error(String(failed));
  }

  async unplug(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    await this.end?.close().catch(() => undefined);
    this.end = null;
    await waitFor(() => !existsSync(this.till) && !existsSync(this.scanner), 3000, 'socat links removed');
  }

  /** Writes bytes as the scanner would (latin1, so character 29 stays one byte). */
  async send(text: string): Promise<void> {
    this.end ??= await open(this.scanner, 'r+');
    await this.end.write(Buffer.from(text, 'latin1'));
  }

  async dispose(): Promise<void> {
    await this.unplug();
    await this.end?.close().catch(() => undefined);
    this.end = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
