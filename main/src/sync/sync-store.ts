// The sync client's SQL: identity, cursor and status, the inbox of pulled events (keyed by event id so that
// applying is idempotent), other branches' stock levels and the exceptions found after merging.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { perDatabase } from '../store/per-database.js';
import type { EventEnvelope } from './contract.js';
import type { BranchStock, ExceptionState, SyncException } from './contract/ops.js';

export type SyncIdentity = {
  serverUrl: string;
  deviceId: string;
  tenantId: string;
  branchId: string;
  credential: string;
  enrolledAt: number;
};

export type SyncStateRow = {
  cursor: number;
  online: 0 | 1 | null;
  last_success_at: number | null;
  last_attempt_at: number | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: number | null;
  published_movement_seq: number;
};

export type InboxState = 'applied' | 'deferred' | 'own' | 'noop' | 'failed';

export type InboxRow = { event_id: string; server_seq: number; envelope: string; state: InboxState };

type ExceptionRow = {
  id: string;
  kind: SyncException['kind'];
  event_id: string;
  branch_id: string;
  branch_name: string | null;
  sku: string | null;
  product_name: string | null;
  detail: string;
  detected_at: number;
  acknowledged_at: number | null;
  acknowledged_by_name: string | null;
  acknowledgement_note: string | null;
};

/** An exception as the merge finds it: open, no acknowledgement yet. */
export type NewException = Omit<SyncException, 'detail' | 'acknowledged'> & { detail: Record<string, unknown> };

// The acknowledging user's name is read from the user table (as expiry alerts do); their id if they are gone.
const exceptionColumns = `x.id, x.kind, x.event_id, x.branch_id, x.branch_name, x.sku, x.product_name, x.detail, x.detected_at,
  x.acknowledged_at, coalesce(u.display_name, x.acknowledged_by) AS acknowledged_by_name, x.acknowledgement_note`;
const exceptionFrom = 'sync_exception x LEFT JOIN app_user u ON u.id = x.acknowledged_by';

function toException(r: ExceptionRow): SyncException {
  return {
    id: r.id,
    kind: r.kind,
    eventId: r.event_id,
    branchId: r.branch_id,
    branchName: r.branch_name,
    sku: r.sku,
    productName: r.product_name,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    detectedAt: r.detected_at,
    acknowledged:
      r.acknowledged_at === null ? null : { at: r.acknowledged_at, byName: r.acknowledged_by_name ?? '', note: r.acknowledgement_note ?? '' },
  };
}

export type LevelInput = {
  branchId: string;
  deviceId: string;
  sku: string;
  productName: string;
  branchName: string;
  onHand: number;
  quarantined: number;
  hlc: string;
  asOf: number;
};

function inboxRow(seq: number, e: EventEnvelope, state: InboxState, now: number, envelope: string | undefined) {
  return {
    eventId: e.id,
    seq,
    type: e.type,
    schemaVersion: e.schemaVersion,
    branchId: e.branchId,
    deviceId: e.deviceId,
    hlc: e.hlc,
    envelope: envelope ?? JSON.stringify(e),
    state,
    now,
    appliedAt: state === 'applied' ? now : null,
  };
}

export const syncStore = perDatabase((db: Database) => {
  const s = {
    identity: db.prepare<[], { server_url: string; device_id: string; tenant_id: string; branch_id: string; credential: string; enrolled_at: number }>(
      'SELECT * FROM sync_identity WHERE id = 1',
    ),
    saveIdentity: db.prepare(
      `INSERT INTO sync_identity (id, server_url, device_id, tenant_id, branch_id, credential, enrolled_at)
       VALUES (1, @serverUrl, @deviceId, @tenantId, @branchId, @credential, @enrolledAt)
       ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, device_id = excluded.device_id,
         tenant_id = excluded.tenant_id, branch_id = excluded.branch_id, credential = excluded.credential,
         enrolled_at = excluded.enrolled_at`,
    ),
    adoptChainIds: db.prepare('UPDATE pharmacy SET tenant_id = ?, branch_id = ?'),
    credentialIssuedAt: db.prepare<[], { issued_at: number }>('SELECT issued_at FROM sync_credential WHERE id = 1'),
    setCredentialIssuedAt: db.prepare('INSERT INTO sync_credential (id, issued_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET issued_at = excluded.issued_at'),
    state: db.prepare<[], SyncStateRow>('SELECT * FROM sync_state WHERE id = 1'),
    setCursor: db.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1'),
    attempt: db.prepare('UPDATE sync_state SET last_attempt_at = ? WHERE id = 1'),
    success: db.prepare('UPDATE sync_state SET last_success_at = ?, online = 1 WHERE id = 1'),
    failure: db.prepare('UPDATE sync_state SET last_error_code = ?, last_error_message = ?, last_error_at = ?, online = 0 WHERE id = 1'),
    setPublishedSeq: db.prepare('UPDATE sync_state SET published_movement_seq = ? WHERE id = 1'),
    inboxHas: db.prepare<[string], { state: InboxState }>('SELECT state FROM sync_inbox WHERE event_id = ?'),
    inboxInsert: db.prepare(
      `INSERT INTO sync_inbox (event_id, server_seq, type, schema_version, branch_id, device_id, hlc, envelope, state, received_at, applied_at)
       VALUES (@eventId, @seq, @type, @schemaVersion, @branchId, @deviceId, @hlc, @envelope, @state, @now, @appliedAt)`,
    ),
    inboxInsertIfNew: db.prepare(
      `INSERT INTO sync_inbox (event_id, server_seq, type, schema_version, branch_id, device_id, hlc, envelope, state, received_at, applied_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE json_valid(?)
       ON CONFLICT (event_id) DO NOTHING`,
    ),
    inboxSetState: db.prepare('UPDATE sync_inbox SET state = ?, applied_at = ? WHERE event_id = ?'),
    deferred: db.prepare<[], InboxRow>("SELECT event_id, server_seq, envelope, state FROM sync_inbox WHERE state = 'deferred' ORDER BY server_seq"),
    countDeferred: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sync_inbox WHERE state = 'deferred'"),
    isOwnOutbox: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM outbox_event WHERE id = ?'),
    markSent: db.prepare('UPDATE outbox_event SET sent_at = ? WHERE id = ? AND sent_at IS NULL'),
    levelHlc: db.prepare<[string, string, string], { hlc: string }>(
      'SELECT hlc FROM branch_stock_level WHERE branch_id = ? AND device_id = ? AND sku = ?',
    ),
    upsertLevel: db.prepare(
      `INSERT INTO branch_stock_level (branch_id, device_id, sku, product_name, branch_name, on_hand, quarantined, hlc, as_of)
       VALUES (@branchId, @deviceId, @sku, @productName, @branchName, @onHand, @quarantined, @hlc, @asOf)
       ON CONFLICT (branch_id, device_id, sku) DO UPDATE SET product_name = excluded.product_name,
         branch_name = excluded.branch_name, on_hand = excluded.on_hand, quarantined = excluded.quarantined,
         hlc = excluded.hlc, as_of = excluded.as_of`,
    ),
    branchStock: db.prepare<[string, string], { branch_id: string; branch_name: string; sku: string; product_name: string; on_hand: number; quarantined: number; as_of: number }>(
      `SELECT branch_id, max(branch_name) AS branch_name, sku, max(product_name) AS product_name,
              sum(on_hand) AS on_hand, sum(quarantined) AS quarantined, max(as_of) AS as_of
         FROM branch_stock_level WHERE sku = ? AND branch_id <> ?
        GROUP BY branch_id, sku ORDER BY branch_name`,
    ),
    insertException: db.prepare(
      `INSERT OR IGNORE INTO sync_exception (id, kind, event_id, branch_id, branch_name, sku, product_name, detail, detected_at)
       VALUES (@id, @kind, @eventId, @branchId, @branchName, @sku, @productName, @detail, @detectedAt)`,
    ),
    openExceptions: db.prepare<[number], ExceptionRow>(
      `SELECT ${exceptionColumns} FROM ${exceptionFrom} WHERE x.acknowledged_at IS NULL ORDER BY x.detected_at DESC, x.id DESC LIMIT ?`,
    ),
    // The most recently dealt with first: what a manager looks back at.
    acknowledgedExceptions: db.prepare<[number], ExceptionRow>(
      `SELECT ${exceptionColumns} FROM ${exceptionFrom} WHERE x.acknowledged_at IS NOT NULL ORDER BY x.acknowledged_at DESC, x.id DESC LIMIT ?`,
    ),
    allExceptions: db.prepare<[number], ExceptionRow>(`SELECT ${exceptionColumns} FROM ${exceptionFrom} ORDER BY x.detected_at DESC, x.id DESC LIMIT ?`),
    exceptionById: db.prepare<[string], ExceptionRow>(`SELECT ${exceptionColumns} FROM ${exceptionFrom} WHERE x.id = ?`),
    countOpenExceptions: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sync_exception WHERE acknowledged_at IS NULL'),
    acknowledgeException: db.prepare(
      `UPDATE sync_exception SET acknowledged_at = @at, acknowledged_by = @userId, acknowledgement_note = @note
        WHERE id = @id AND acknowledged_at IS NULL`,
    ),
    recallEntered: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM recall WHERE reference = ? AND product_id = ?'),
  };

  return {
    identity(): SyncIdentity | null {
      const r = s.identity.get();
      return r
        ? { serverUrl: r.server_url, deviceId: r.device_id, tenantId: r.tenant_id, branchId: r.branch_id, credential: r.credential, enrolledAt: r.enrolled_at }
        : null;
    },
    saveIdentity(identity: SyncIdentity): void {
      s.saveIdentity.run(identity);
    },
    /** When the credential in use was issued: its rotation, or else the enrollment (whichever is later). */
    credentialIssuedAt(enrolledAt: number): number {
      return Math.max(enrolledAt, s.credentialIssuedAt.get()?.issued_at ?? 0);
    },
    saveRotatedCredential(identity: SyncIdentity, credential: string, at: number): void {
      s.saveIdentity.run({ ...identity, credential });
      s.setCredentialIssuedAt.run(at);
    },
    /** The terminal takes the chain's tenant and branch ids (setup made placeholders for them). */
    adoptChainIds(tenantId: string, branchId: string): void {
      s.adoptChainIds.run(tenantId, branchId);
    },
    state(): SyncStateRow {
      const row = s.state.get();
      if (!row) throw new Error('sync_state has no row');
      return row;
    },
    setCursor: (cursor: number) => void s.setCursor.run(cursor),
    recordAttempt: (at: number) => void s.attempt.run(at),
    recordSuccess: (at: number) => void s.success.run(at),
    recordFailure: (code: string, message: string, at: number) => void s.failure.run(code, message.slice(0, 500), at),
    setPublishedSeq: (seq: number) => void s.setPublishedSeq.run(seq),
    inboxState: (eventId: string): InboxState | null => s.inboxHas.get(eventId)?.state ?? null,
    /** `envelope`: the event's JSON as the server sent it, stored as it is; without it, the event is serialised. */
    inboxInsert(seq: number, e: EventEnvelope, state: InboxState, now: number, envelope?: string): void {
      s.inboxInsert.run(inboxRow(seq, e, state, now, envelope));
    },
    /**
     * Records an event that needs nothing applied, from its JSON text (checked here, where it costs no parse
     * in JavaScript): 'known' when the inbox already holds it (the key decides), 'notJson' when the text is not.
     */
    inboxInsertIfNew(seq: number, e: EventEnvelope, state: InboxState, now: number, envelope: string): 'inserted' | 'known' | 'notJson' {
      // Bound by position: a snapshot inserts a million of these, and named binding costs a look-up per field.
      const inserted = s.inboxInsertIfNew.run(e.id, seq, e.type, e.schemaVersion, e.branchId, e.deviceId, e.hlc, envelope, state, now, state === 'applied' ? now : null, envelope);
      if (inserted.changes > 0) return 'inserted';
      return s.inboxHas.get(e.id) ? 'known' : 'notJson';
    },
    inboxSetState: (eventId: string, state: InboxState, now: number) => void s.inboxSetState.run(state, state === 'applied' ? now : null, eventId),
    deferred: (): InboxRow[] => s.deferred.all(),
    countDeferred: (): number => s.countDeferred.get()?.n ?? 0,
    isOwnOutboxEvent: (eventId: string): boolean => s.isOwnOutbox.get(eventId) !== undefined,
    markSent: (eventId: string, at: number) => void s.markSent.run(at, eventId),
    levelHlc: (branchId: string, deviceId: string, sku: string): string | null => s.levelHlc.get(branchId, deviceId, sku)?.hlc ?? null,
    upsertLevel: (level: LevelInput) => void s.upsertLevel.run(level),
    branchStock(sku: string, ownBranchId: string): BranchStock[] {
      return s.branchStock.all(sku, ownBranchId).map((r) => ({
        branchId: r.branch_id,
        branchName: r.branch_name,
        sku: r.sku,
        productName: r.product_name,
        onHand: r.on_hand,
        quarantined: r.quarantined,
        asOf: r.as_of,
      }));
    },
    addException(e: NewException): void {
      s.insertException.run({ ...e, detail: JSON.stringify(e.detail) });
    },
    exceptions(limit: number, state: ExceptionState = 'open'): SyncException[] {
      const q = state === 'open' ? s.openExceptions : state === 'acknowledged' ? s.acknowledgedExceptions : s.allExceptions;
      return q.all(limit).map(toException);
    },
    exception(id: string): SyncException | null {
      const r = s.exceptionById.get(id);
      return r ? toException(r) : null;
    },
    /** The exceptions no manager has acknowledged yet: what the top bar counts. */
    countOpenExceptions: (): number => s.countOpenExceptions.get()?.n ?? 0,
    /** Records the acknowledgement of an open exception; false when it was not open (unknown or already acknowledged). */
    acknowledgeException(id: string, at: number, userId: string, note: string): boolean {
      return s.acknowledgeException.run({ id, at, userId, note }).changes > 0;
    },
    /** A head-office recall already entered here (its id is the local recall's reference). */
    recallEntered: (recallId: string, productId: string): boolean => s.recallEntered.get(recallId, productId) !== undefined,
  };
});
