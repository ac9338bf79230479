// The small part of PouchDB (pouchdb-core 9 and its plugins) and express-pouchdb 4 that the sync comparison
// uses. The packages ship no TypeScript types; these declarations describe what the benchmark calls, no more.
declare module 'pouchdb-core' {
  export type PouchDoc = { _id: string; _rev?: string } & Record<string, unknown>;
  export type BulkResult = { ok?: boolean; id?: string; rev?: string; error?: string; reason?: string };
  export type ReplicationResult = { ok: boolean; docs_read: number; docs_written: number; doc_write_failures: number; errors: unknown[]; status: string };
  export type DatabaseInfo = { db_name: string; doc_count: number; update_seq: number | string };
  export type PouchOptions = { prefix?: string; adapter?: string; fetch?: (url: string | URL, init?: RequestInit) => Promise<Response> };
  export type ReplicateOptions = { batch_size?: number; batches_limit?: number; retry?: false };

  export type PouchDatabase = {
    bulkDocs(docs: PouchDoc[]): Promise<BulkResult[]>;
    info(): Promise<DatabaseInfo>;
    compact(): Promise<unknown>;
    close(): Promise<void>;
  };

  export type PouchStatic = {
    new (name: string, options?: PouchOptions): PouchDatabase;
    plugin(plugin: unknown): PouchStatic;
    defaults(options: PouchOptions): PouchStatic;
    replicate(source: PouchDatabase | string, target: PouchDatabase | string, options?: ReplicateOptions): Promise<ReplicationResult>;
  };

  const PouchDB: PouchStatic;
  export default PouchDB;
}

declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}

declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}

declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  import type { PouchStatic } from 'pouchdb-core';

  export type ExpressPouchOptions = {
    mode?: 'minimumForPouchDB' | 'fullCouchDB';
    inMemoryConfig?: boolean;
    logPath?: string;
    configPath?: string;
  };
  export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

  function expressPouchDB(PouchDB: PouchStatic, options?: ExpressPouchOptions): RequestHandler;
  export default expressPouchDB;
}
