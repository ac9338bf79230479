// Rule: only Mortar's own page in Mortar's own windows may call the core, and each window is its own
// connection with its own session (DESIGN.md "How a command flows": the bridge carries the one contract).
// Everything that arrives here came over IPC, so it is checked before it reaches the dispatcher.
import { z } from 'zod';
import { overrideSchema, type ChangeNotice, type Result } from '@mortar/main/contract';
import type { Connection, Core } from '@mortar/main';
import { isAppUrl } from './web-policy.js';

/** Who sent a call: the webContents id and the frame it came from. */
export type IpcSender = {
  id: number;
  frameUrl: string | undefined;
  isMainFrame: boolean;
};

export type IpcRouter = {
  /** Answers one `mortar:invoke` call; never throws, every failure is a Result. */
  invoke(sender: IpcSender, op: unknown, input: unknown, options: unknown): Promise<Result<unknown>>;
  /** A window's page may call once attached; its change notices go to `send`. */
  attach(id: number, send: (notice: ChangeNotice) => void): void;
  /** The window is gone (or its page crashed): drop its connection and the session on it. */
  detach(id: number): void;
  readonly attachedCount: number;
  close(): void;
};

export type IpcRouterOptions = {
  log?: (message: string, error?: unknown) => void;
  /** Which frame URLs are the app's own (default: `app://mortar/...`). */
  isTrustedUrl?: (url: string | undefined) => boolean;
};

const invokeOptionsSchema = z
  .object({ override: overrideSchema.optional() })
  .strict()
  .optional()
  .nullable();

function badRequest(message: string): Result<never> {
  return { ok: false, error: { code: 'api.badRequest', message } };
}

export function createIpcRouter(core: Pick<Core, 'connect' | 'subscribe'>, options: IpcRouterOptions = {}): IpcRouter {
  const isTrusted = options.isTrustedUrl ?? isAppUrl;
  const log = options.log ?? (() => {});
  const windows = new Map<number, { connection: Connection; send: (notice: ChangeNotice) => void }>();

  const unsubscribe = core.subscribe((notice) => {
    for (const [id, w] of windows) {
      try {
        w.send(notice);
      } catch (e: unknown) {
        log(`could not send a change notice to window ${id}`, e);
      }
    }
  });

  return {
    async invoke(sender, op, input, rawOptions) {
      const w = windows.get(sender.id);
      if (!w || !sender.isMainFrame || !isTrusted(sender.frameUrl)) {
        log(`refused a call from ${sender.frameUrl ?? 'an unknown frame'} (webContents ${sender.id})`);
        return badRequest("Only Mortar's own window may call the core.");
      }
      if (typeof op !== 'string' || op.length === 0 || op.length > 100) {
        return badRequest('The operation name must be a string of 1 to 100 characters.');
      }
      const parsed = invokeOptionsSchema.safeParse(rawOptions);
      if (!parsed.success) return badRequest('The call options are not valid: only a manager override may be given.');
      try {
        return await w.connection.invokeUnknown(op, input, parsed.data?.override ? { override: parsed.data.override } : {});
      } catch (e: unknown) {
        // The dispatcher answers with Results; reaching here is a bug, still answered as data.
        log(`operation ${op} threw`, e);
        return { ok: false, error: { code: 'api.internal', message: 'Mortar hit an internal error; nothing was changed.' } };
      }
    },
    attach(id, send) {
      // Re-attaching (a reload of the same window) keeps the window's connection and its session.
      windows.set(id, { connection: windows.get(id)?.connection ?? core.connect(), send });
    },
    detach(id) {
      windows.delete(id);
    },
    get attachedCount() {
      return windows.size;
    },
    close() {
      unsubscribe();
      windows.clear();
    },
  };
}
