// The scanner host of each open database, so that `scanning.getStatus` can read live states. A core without a
// host (the CLI, tests) answers from its settings with every scanner stopped.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ScannerStatus } from './contract.js';

export type ScannerStatusSource = { statuses(): ScannerStatus[] };

const hosts = new WeakMap<Database, ScannerStatusSource>();

export function registerScannerHost(db: Database, host: ScannerStatusSource): () => void {
  hosts.set(db, host);
  return () => {
    if (hosts.get(db) === host) hosts.delete(db);
  };
}

export function scannerHostOf(db: Database): ScannerStatusSource | null {
  return hosts.get(db) ?? null;
}
