import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Terminal } from '../api/command-context.js';

type PharmacyRow = {
  id: string;
  tenant_id: string;
  branch_id: string;
  name: string;
  address: string;
  tax_id: string;
  base_currency: string;
  locale: string;
  demo_loaded_at: number | null;
};

export function readPharmacy(db: Database): PharmacyRow | null {
  return db.prepare<[], PharmacyRow>('SELECT * FROM pharmacy LIMIT 1').get() ?? null;
}

export function readTerminal(db: Database): Terminal | null {
  const row = db
    .prepare<[], { device_id: string; name: string; tenant_id: string; branch_id: string }>(
      'SELECT d.id AS device_id, d.name, p.tenant_id, p.branch_id FROM device d, pharmacy p LIMIT 1',
    )
    .get();
  return row ? { deviceId: row.device_id, name: row.name, tenantId: row.tenant_id, branchId: row.branch_id } : null;
}
