// Audit-chain alerts stay open until someone at head office acknowledges them: an acknowledgement records
// when and why, and never removes the alert (a break in the chain is history too).
import type { Database } from '../store/database.js';
import { toAlert, type AlertRow, type AuditAlert } from './audit-chain.js';

export type AlertFilter = { state: 'open' | 'all'; deviceId?: string };

/** A tenant's alerts, oldest first (open ones only unless asked for all). */
export async function listAuditAlerts(db: Database, tenantId: string, filter: AlertFilter = { state: 'open' }): Promise<AuditAlert[]> {
  const rows = await db.query<AlertRow>(
    `SELECT * FROM audit_alerts
      WHERE tenant_id = $1 AND ($2::boolean OR acknowledged_at IS NULL) AND ($3::uuid IS NULL OR device_id = $3)
      ORDER BY first_seen_at, chain_device_id, seq, kind`,
    [tenantId, filter.state === 'all', filter.deviceId ?? null],
  );
  return rows.map(toAlert);
}

export type AcknowledgeResult =
  | { ok: true; alert: AuditAlert }
  | { ok: false; error: { code: 'auditAlert.notFound' | 'auditAlert.alreadyAcknowledged'; message: string; details?: unknown } };

/** Acknowledges one open alert of the tenant; an alert of another tenant is not found. */
export async function acknowledgeAuditAlert(db: Database, tenantId: string, alertId: string, note: string | null, now: Date): Promise<AcknowledgeResult> {
  const rows = await db.query<AlertRow>(
    `UPDATE audit_alerts SET acknowledged_at = $3, acknowledged_note = $4
      WHERE tenant_id = $1 AND id = $2 AND acknowledged_at IS NULL RETURNING *`,
    [tenantId, alertId, now, note],
  );
  const updated = rows[0];
  if (updated) return { ok: true, alert: toAlert(updated) };
  const existing = await db.query<AlertRow>('SELECT * FROM audit_alerts WHERE tenant_id = $1 AND id = $2', [tenantId, alertId]);
  const found = existing[0];
  if (!found) return { ok: false, error: { code: 'auditAlert.notFound', message: 'No such audit alert in this tenant' } };
  return {
    ok: false,
    error: {
      code: 'auditAlert.alreadyAcknowledged',
      message: 'This audit alert was already acknowledged',
      details: { acknowledgedAt: toAlert(found).acknowledgedAt },
    },
  };
}

export type AlertException = { id: string; branchId: string; kind: string; openedAt: number; details: unknown };

/** Open alerts in the shape of the head-office exceptions view (projections.ts `openExceptions`). */
export async function openAlertExceptions(db: Database, tenantId: string): Promise<AlertException[]> {
  return (await listAuditAlerts(db, tenantId)).map((a) => ({
    id: a.id,
    branchId: a.branchId,
    kind: `auditChain.${a.kind}`,
    openedAt: Date.parse(a.firstSeenAt),
    details: { deviceId: a.deviceId, chainDeviceId: a.chainDeviceId, seq: a.seq, ...a.details },
  }));
}

/** One counter's chain as the server holds it: verified through `verifiedSeq`, `held` a hole waiting for its push. */
export type ChainStatus = { chainDeviceId: string; branchId: string; deviceId: string; verifiedSeq: number; maxSeq: number; heldGapSeq: number | null };

/** The tenant's chains (for reports and the reliability run: every chain verified through its newest entry). */
export async function auditChainStatus(db: Database, tenantId: string): Promise<ChainStatus[]> {
  const rows = await db.query<{ chain_device_id: string; branch_id: string; device_id: string; verified_seq: string | number; max_seq: string | number; held_gap_seq: string | number | null }>(
    'SELECT chain_device_id, branch_id, device_id, verified_seq, max_seq, held_gap_seq FROM audit_chains WHERE tenant_id = $1 ORDER BY chain_device_id',
    [tenantId],
  );
  return rows.map((r) => ({
    chainDeviceId: r.chain_device_id,
    branchId: r.branch_id,
    deviceId: r.device_id,
    verifiedSeq: Number(r.verified_seq),
    maxSeq: Number(r.max_seq),
    heldGapSeq: r.held_gap_seq === null ? null : Number(r.held_gap_seq),
  }));
}
