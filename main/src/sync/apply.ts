// Rule: a pulled event is applied at most once, and never lost (DESIGN.md "Sync"). Every pulled event is
// recorded by id in sync_inbox in the transaction that applies it and advances the cursor; an event of a
// type or schema version this build does not know is kept there as 'deferred' and applied after an update;
// this device's own events are recognised and not applied again.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Terminal } from '../api/command-context.js';
import { catalogStore } from '../catalog/catalog-store.js';
import { normalizeGtin } from '../catalog/gtin.js';
import type { Topic } from '../contract.js';
import { enterRecall } from '../inventory/recalls.js';
import type { Clock } from '../kernel/clock.js';
import type { IdGenerator } from '../kernel/ids.js';
import type { EventEnvelope } from './contract.js';
import { pricesPublishedSchema, recallsPublishedSchema, stockLevelChangedSchema } from './contract/events.js';
import { systemCommandContext } from './apply-context.js';
import { masterDataAppliers } from './apply-master-data.js';
import { masterDataStore } from './apply-master-data-store.js';
import { patientAppliers } from './patient-apply.js';
import { rxAppliers } from './rx-apply.js';
import { SnapshotFailure } from './snapshot-lines.js';
import { syncStore, type InboxState, type SyncIdentity } from './sync-store.js';
import { transferAppliers } from './transfer-apply.js';

export type ApplyEnv = { db: Database; clock: Clock; ids: IdGenerator; identity: SyncIdentity; terminal: Terminal };

export type Applier = {
  /** The newest schema version of this event type that this build can apply. */
  version: number;
  topics: readonly Topic[];
  /** Not to be applied before this instant (a price valid from tomorrow): kept as deferred until then. */
  notBefore?: (event: EventEnvelope) => number | null;
  apply(env: ApplyEnv, event: EventEnvelope): void;
  /**
   * Also fold this device's own event when the store no longer has it (not in the outbox: the till was
   * restored from a backup taken before it). Only for appliers that fold a fact as another till's and skip
   * what is already here: a restored till then counts again the fills and saves made after its backup.
   */
  foldOwnLost?: boolean;
};
export type Appliers = Readonly<Record<string, Applier>>;

/**
 * Types a counter receives and deliberately does not fold into its own state: a branch's own catalog edits
 * and recalls are that branch's facts (master data and chain recalls come from head office as *Published).
 */
export const ignoredTypes: ReadonlySet<string> = new Set(['catalog.productCreated', 'catalog.priceChanged', 'inventory.recallEntered']);

function exceptionBase(env: ApplyEnv, event: EventEnvelope) {
  return { id: env.ids.next(), eventId: event.id, branchId: event.branchId, detectedAt: env.clock.now() };
}

export const defaultAppliers: Appliers = {
  ...masterDataAppliers,
  ...transferAppliers,
  ...patientAppliers,
  ...rxAppliers,
  'stock.levelChanged': {
    version: 1,
    topics: ['stock', 'inventory'],
    apply(env, event) {
      const p = stockLevelChangedSchema.parse(event.payload);
      const store = syncStore(env.db);
      const known = store.levelHlc(event.branchId, event.deviceId, p.sku);
      // Absolute levels: the newest by hybrid clock wins, so order of arrival does not matter.
      if (known === null || event.hlc > known) {
        store.upsertLevel({
          branchId: event.branchId,
          deviceId: event.deviceId,
          sku: p.sku,
          productName: p.productName,
          branchName: p.branchName,
          onHand: p.onHand,
          quarantined: p.quarantined,
          hlc: event.hlc,
          asOf: p.asOf,
        });
      }
      // Below zero is possible only after merging offline sales; a manager decides, nothing is fixed silently.
      if (p.onHand < 0) {
        store.addException({
          ...exceptionBase(env, event),
          kind: 'stock.belowZero',
          branchName: p.branchName,
          sku: p.sku,
          productName: p.productName,
          detail: { onHand: p.onHand, asOf: p.asOf, deviceId: event.deviceId },
        });
      }
    },
  },
  'inventory.recallsPublished': {
    version: 1,
    topics: ['stock', 'inventory'],
    apply(env, event) {
      const p = recallsPublishedSchema.parse(event.payload);
      const catalog = catalogStore(env.db);
      for (const item of p.items) {
        const gtin14 = item.gtin ? normalizeGtin(item.gtin) : null;
        const product = catalog.byId(item.productId) ?? (gtin14 ? catalog.byGtin(gtin14) : null);
        // A recall of a product this counter does not list leaves nothing to quarantine here.
        if (!product) continue;
        // A publication may repeat a recall already entered: it is entered once.
        if (syncStore(env.db).recallEntered(item.recallId, product.id)) continue;
        const gtin = gtin14 ?? catalog.gtinsOf(product.id)[0];
        if (!gtin) continue;
        const ctx = systemCommandContext(env.db, env.terminal, env.clock, env.ids, `recall ${item.recallId} published by head office`);
        enterRecall(ctx, {
          gtin,
          batches: [...new Set(item.batches)],
          wholeProduct: false,
          // Severity is not in head office's payload yet; unstated, it is treated as the most serious.
          class: item.class ?? 'I',
          reason: item.class ? item.reason : `${item.reason} (${item.level} level; class not stated by head office, treated as class I)`,
          reference: item.recallId,
        });
      }
    },
  },
  'catalog.pricesPublished': {
    version: 1,
    topics: ['catalog'],
    notBefore: (event) => {
      const p = pricesPublishedSchema.safeParse(event.payload);
      return p.success ? Math.max(...p.data.items.map((i) => i.validFrom)) : null;
    },
    apply(env, event) {
      const p = pricesPublishedSchema.parse(event.payload);
      const catalog = catalogStore(env.db);
      for (const item of p.items) {
        if (item.branchIds && item.branchIds.length > 0 && !item.branchIds.includes(env.identity.branchId)) continue;
        const link = masterDataStore(env.db).link(item.productId);
        const product = (link ? catalog.byId(link.product_id) : null) ?? catalog.byId(item.productId);
        if (!product || product.currency !== item.currency) continue;
        // A product head office listed without a price becomes sellable now (if head office says it is active).
        masterDataStore(env.db).markPriced(product.id, env.clock.now());
        if (product.price_minor === item.priceMinor) continue;
        const ctx = systemCommandContext(env.db, env.terminal, env.clock, env.ids, 'price published by head office');
        catalog.updatePrice(product.id, item.priceMinor, ctx.now);
        ctx.audit({
          action: 'sync.applyPrice',
          entityType: 'product',
          entityId: product.id,
          before: { priceMinor: product.price_minor },
          after: { priceMinor: item.priceMinor, eventId: event.id, publication: p.version },
        });
      }
    },
  },
};

export type Classified = { state: InboxState; topics: readonly Topic[] };

function tryApply(env: ApplyEnv, applier: Applier, event: EventEnvelope): Classified {
  try {
    // A savepoint: a failing event leaves no partial change, and the page around it still commits.
    env.db.transaction(() => applier.apply(env, event))();
    return { state: 'applied', topics: applier.topics };
  } catch (e: unknown) {
    syncStore(env.db).addException({
      ...exceptionBase(env, event),
      kind: 'sync.applyFailed',
      branchName: null,
      sku: null,
      productName: null,
      detail: { type: event.type, schemaVersion: event.schemaVersion, message: e instanceof Error ? e.message.slice(0, 500) : String(e) },
    });
    return { state: 'failed', topics: [] };
  }
}

export function classify(env: ApplyEnv, appliers: Appliers, event: EventEnvelope): Classified {
  const applier = Object.hasOwn(appliers, event.type) ? appliers[event.type] : undefined;
  if (syncStore(env.db).isOwnOutboxEvent(event.id)) return { state: 'own', topics: [] };
  if (event.deviceId === env.identity.deviceId && applier?.foldOwnLost !== true) return { state: 'own', topics: [] };
  if (!applier) {
    if (ignoredTypes.has(event.type) || event.branchId === env.identity.branchId) return { state: 'noop', topics: [] };
    return { state: 'deferred', topics: [] };
  }
  if (event.schemaVersion > applier.version) return { state: 'deferred', topics: [] };
  const notBefore = applier.notBefore?.(event) ?? null;
  if (notBefore !== null && notBefore > env.clock.now()) return { state: 'deferred', topics: [] };
  return tryApply(env, applier, event);
}

/** Applies one pulled event inside the caller's transaction; null when it was already received. */
export function applyPulled(env: ApplyEnv, appliers: Appliers, seq: number, event: EventEnvelope): Classified | null {
  const store = syncStore(env.db);
  if (store.inboxState(event.id) !== null) return null;
  const outcome = classify(env, appliers, event);
  store.inboxInsert(seq, event, outcome.state, env.clock.now());
  return outcome;
}

/**
 * applyPulled for an event that arrived with its JSON text (a snapshot's), stored as it came instead of
 * serialised again. An event no applier takes changes nothing but its inbox row, so that row's key is its
 * duplicate check: one statement instead of a look-up and an insert, for the bulk of a snapshot. Such an
 * event's payload may be unparsed (snapshot-lines.ts): its text is checked as JSON as it is stored.
 */
export function applyReceived(env: ApplyEnv, appliers: Appliers, seq: number, event: EventEnvelope, envelope: string): Classified | null {
  const store = syncStore(env.db);
  if (!Object.hasOwn(appliers, event.type)) {
    const outcome = classify(env, appliers, event);
    const recorded = store.inboxInsertIfNew(seq, event, outcome.state, env.clock.now(), envelope);
    if (recorded === 'notJson') throw new SnapshotFailure('sync.badSnapshot', `The snapshot's event ${event.id} is not JSON.`);
    return recorded === 'inserted' ? outcome : null;
  }
  if (store.inboxState(event.id) !== null) return null;
  const outcome = classify(env, appliers, event);
  store.inboxInsert(seq, event, outcome.state, env.clock.now(), envelope);
  return outcome;
}

/** Applies the kept events that this build now understands, in server order. Returns the topics touched. */
export function applyDeferred(env: ApplyEnv, appliers: Appliers): Set<Topic> {
  const store = syncStore(env.db);
  const topics = new Set<Topic>();
  for (const row of store.deferred()) {
    const event = JSON.parse(row.envelope) as EventEnvelope;
    const outcome = classify(env, appliers, event);
    if (outcome.state === 'deferred') continue;
    store.inboxSetState(event.id, outcome.state, env.clock.now());
    for (const t of outcome.topics) topics.add(t);
  }
  return topics;
}
