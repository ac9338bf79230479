// Tells every server process that a push committed, so each can wake the sockets it holds. Rule: nothing
// here may assume one process (DESIGN.md "Sync"): over PostgreSQL the news travels by LISTEN/NOTIFY, which
// every process sharing the database receives (the sender included); PGlite serves one process, so an
// in-process bus is enough there.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { z } from 'zod';

export const LIVE_CHANNEL = 'mortar_sync_pushed';

export const pushedSchema = z.object({
  tenantId: z.string().uuid(),
  branchId: z.string().uuid(),
  deviceId: z.string().uuid(),
  /** The tenant's last sequence once this push committed. */
  head: z.number().int().nonnegative(),
  /** Some event of the push leaves its branch (visibility.ts): every branch of the tenant is told. */
  published: z.boolean(),
  /** Branches some event of the push is addressed to (a stock transfer and its receipt). */
  addressedTo: z.array(z.string().uuid()).max(50).optional(),
});
export type Pushed = z.infer<typeof pushedSchema>;

export type Notifier = {
  notify(news: Pushed): Promise<void>;
  subscribe(listener: (news: Pushed) => void): () => void;
  close(): Promise<void>;
};

export function inProcessNotifier(): Notifier {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  return {
    notify: async (news) => {
      bus.emit('pushed', news);
    },
    subscribe(listener) {
      bus.on('pushed', listener);
      return () => bus.off('pushed', listener);
    },
    close: async () => {
      bus.removeAllListeners();
    },
  };
}

export type PostgresNotifierOptions = {
  connection: pg.ClientConfig;
  /** Reports a lost listening connection; it is reopened after `retryMs`. */
  onError?: (error: unknown) => void;
  retryMs?: number;
};

/**
 * One dedicated connection LISTENs (a pooled connection cannot: LISTEN belongs to a session); NOTIFY goes
 * through a short-lived query on the same connection. A dropped connection is reopened; pushes that commit
 * while it is down are not announced, which costs a device at most its periodic pull, never an event.
 */
export async function postgresNotifier(options: PostgresNotifierOptions): Promise<Notifier> {
  const local = inProcessNotifier();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const open = async (): Promise<void> => {
    const c = new pg.Client(options.connection);
    c.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      try {
        const parsed = pushedSchema.safeParse(JSON.parse(message.payload));
        if (parsed.success) void local.notify(parsed.data);
      } catch (error: unknown) {
        options.onError?.(error);
      }
    });
    c.on('error', (error: unknown) => {
      options.onError?.(error);
      if (client === c) client = null;
      void c.end().catch(() => undefined);
      schedule();
    });
    await c.connect();
    await c.query(`LISTEN ${LIVE_CHANNEL}`);
    client = c;
  };
  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      open().catch((error: unknown) => {
        options.onError?.(error);
        schedule();
      });
    }, options.retryMs ?? 1000);
    retry.unref();
  };

  await open();
  return {
    async notify(news) {
      const c = client;
      if (!c) return;
      await c.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify(news)]);
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await local.close();
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
