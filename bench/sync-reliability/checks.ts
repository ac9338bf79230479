// The end state every counter and the server must agree on after the faults: each event stored once and
// received by every counter entitled to it exactly once, every ledger folded into its projection, every
// branch's view of the others equal to their ledgers, every transfer delivered once, every audit chain whole.
import type { CounterReport } from './protocol.js';

export type ServerEvent = { id: string; branch_id: string; device_id: string; seq: string | number; type: string; published: boolean; to_branch_id: string | null };

export type Check = { name: string; ok: boolean; detail: Record<string, unknown> };

const sample = <T>(xs: T[]) => xs.slice(0, 5);

/** Stored for head office, never pulled by a device (sync-server/src/log/visibility.ts): the audit chain. */
const HEAD_OFFICE_ONLY = new Set(['audit.entryRecorded']);

export function runChecks(reports: CounterReport[], events: ServerEvent[], lastSeq: number): Check[] {
  const checks: Check[] = [];
  const add = (name: string, ok: boolean, detail: Record<string, unknown>) => checks.push({ name, ok, detail });

  const types = new Map(events.map((e) => [e.id, `${e.type} from ${e.device_id.slice(-8)}`]));
  const typed = (id: string) => `${id} (${types.get(id) ?? 'not on the server'})`;
  const seqs = events.map((e) => Number(e.seq)).sort((a, b) => a - b);
  const dense = seqs.every((s, i) => s === i + 1) && lastSeq === seqs.length;
  add('server.sequenceGapFreeAndUnique', dense, { events: seqs.length, lastSeq });
  add('server.eventIdsUnique', new Set(events.map((e) => e.id)).size === events.length, { events: events.length });

  const devices = new Set(reports.map((r) => r.deviceId));
  const strangers = events.filter((e) => !devices.has(e.device_id));
  add('server.noEventFromOutsideTheRun', strangers.length === 0, { strangers: strangers.length });

  for (const r of reports) {
    const tag = r.deviceId.slice(-8);
    const unsent = r.outbox.filter((o) => !o.sent);
    const outbox = new Set(r.outbox.map((o) => o.id));
    const stored = events.filter((e) => e.device_id === r.deviceId);
    const storedIds = new Set(stored.map((e) => e.id));
    const missing = [...outbox].filter((id) => !storedIds.has(id));
    const extra = [...storedIds].filter((id) => !outbox.has(id));
    add(`counter ${tag}: every outbox event acknowledged and stored once`, unsent.length === 0 && missing.length === 0 && extra.length === 0, {
      outbox: outbox.size,
      unsent: unsent.length,
      missing: sample(missing),
      extra: sample(extra),
    });

    const visible = events
      .filter((e) => !HEAD_OFFICE_ONLY.has(e.type) && (e.branch_id === r.branchId || e.published || e.to_branch_id === r.branchId))
      .map((e) => e.id);
    const inbox = r.inbox.map((i) => i.id);
    const inboxSet = new Set(inbox);
    const visibleSet = new Set(visible);
    const notReceived = visible.filter((id) => !inboxSet.has(id));
    const notEntitled = inbox.filter((id) => !visibleSet.has(id));
    add(`counter ${tag}: received every event it may see exactly once, and nothing else`, notReceived.length === 0 && notEntitled.length === 0 && inboxSet.size === inbox.length, {
      visible: visible.length,
      received: inbox.length,
      notReceived: sample(notReceived).map(typed),
      notEntitled: sample(notEntitled).map(typed),
    });
    const failed = r.inbox.filter((i) => i.state === 'failed' || i.state === 'deferred');
    add(`counter ${tag}: applied every event (none failed or deferred), no exceptions`, failed.length === 0 && r.exceptions.length === 0, {
      failedOrDeferred: failed.length,
      exceptions: sample(r.exceptions),
    });
    add(`counter ${tag}: stock projection equals the fold of its ledger`, r.projectionDifferences === 0, { differences: r.projectionDifferences });
    add(`counter ${tag}: audit chain verified`, r.audit.ok, { entries: r.audit.entries, firstBroken: r.audit.firstBroken });
  }

  // Every branch's view of every other branch equals that branch's own ledger.
  const wrongViews: unknown[] = [];
  let compared = 0;
  for (const viewer of reports) {
    for (const other of reports) {
      if (other.branchId === viewer.branchId) continue;
      for (const level of other.levels) {
        compared++;
        const seen = viewer.views.find((v) => v.branchId === other.branchId && v.sku === level.sku);
        if (!seen || seen.onHand !== level.onHand || seen.quarantined !== level.quarantined) {
          wrongViews.push({ viewer: viewer.deviceId.slice(0, 8), branch: other.branchId.slice(0, 8), sku: level.sku, ledger: level, seen: seen ?? null });
        }
      }
    }
  }
  add('stock: every branch sees every other branch at the fold of its ledger', wrongViews.length === 0, { compared, wrong: sample(wrongViews) });

  // Transfers: each sent one arrived once at its destination, was received there, and closed at the sender.
  const sent = reports.flatMap((r) => r.transfers.filter((t) => t.direction === 'out'));
  const problems: unknown[] = [];
  for (const t of sent) {
    const destination = reports.find((r) => r.branchId === t.toBranchId);
    const copies = destination?.transfers.filter((x) => x.id === t.id) ?? [];
    const arrived = copies[0];
    if (copies.length !== 1 || !arrived || arrived.direction !== 'in' || arrived.status !== 'received' || arrived.quantity !== t.quantity || t.status !== 'received') {
      problems.push({ id: t.id, senderStatus: t.status, copies: copies.length, arrived: arrived ?? null, sentQuantity: t.quantity });
    }
  }
  const outside = reports.flatMap((r) => r.transfers.filter((t) => t.direction === 'in' && t.toBranchId !== r.branchId).map((t) => t.id));
  add('transfers: each delivered once to its destination only, received there, closed at the sender', problems.length === 0 && outside.length === 0, {
    transfers: sent.length,
    units: sent.reduce((s, t) => s + t.quantity, 0),
    problems: sample(problems),
    atWrongBranch: sample(outside),
  });
  return checks;
}
