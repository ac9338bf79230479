// Proves the rule of event-log.ts against real PostgreSQL: many connections append to one tenant log at
// once, each holding its transaction open for a random moment after its numbers are allocated, while
// pullers read by cursor the whole time. Every puller must see every event exactly once, in order.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@mortar/main/contract';
import { freshPostgres, type TestDatabase } from '../testing/test-databases.js';
import { makeEvent, seedDevice, seedTenant, T0, type Counter } from '../testing/fixtures.js';
import { appendEvents, pullEvents } from './event-log.js';

const PUSHERS = 20;
const BATCHES = 50;
const PER_BATCH = 3;
const PULLERS = 3;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('tenant log sequence under concurrent commits (PostgreSQL)', () => {
  let t: TestDatabase | null = null;
  afterEach(async () => {
    await t?.drop();
    t = null;
  });

  it('gives every puller every event exactly once, in sequence order, while 20 connections commit at once', async () => {
    t = await freshPostgres(PUSHERS + PULLERS + 2);
    const db = t.db;
    const { tenantId, branchIds } = await seedTenant(db);
    const branchId = branchIds[0] ?? '';
    const counters: Counter[] = [];
    for (let i = 0; i < PUSHERS; i++) counters.push(await seedDevice(db, tenantId, branchId));

    const pushed: string[] = [];
    let pushing = true;
    const pusher = async (c: Counter, index: number) => {
      const rand = seeded(index + 1);
      for (let b = 0; b < BATCHES; b++) {
        const batch: EventEnvelope[] = Array.from({ length: PER_BATCH }, () => makeEvent(c));
        const r = await appendEvents(db, c, batch, T0, {
          // Hold the transaction open after allocating: the window in which a naive sequence loses events.
          beforeCommit: () => sleep(Math.floor(rand() * 4)),
        });
        if (!r.ok) throw new Error(r.error.code);
        pushed.push(...batch.map((e) => e.id));
        if (rand() < 0.3) await sleep(1);
      }
    };

    const puller = async (limit: number) => {
      const seen: { seq: number; id: string }[] = [];
      let cursor = 0;
      let pulls = 0;
      for (;;) {
        const done = !pushing;
        const r = await pullEvents(db, { tenantId, branchId }, cursor, limit);
        if (!r.ok) throw new Error(r.error.code);
        pulls += 1;
        seen.push(...r.events.map((e) => ({ seq: e.seq, id: e.event.id })));
        cursor = r.cursor;
        // Stop only after a pull that began once every pusher had finished and found nothing left.
        if (done && !r.hasMore && r.events.length === 0) break;
        if (!r.hasMore) await sleep(1);
      }
      return { seen, pulls };
    };

    const pulling = [puller(7), puller(25), puller(100)];
    const started = Date.now();
    await Promise.all(counters.map((c, i) => pusher(c, i)));
    pushing = false;
    const results = await Promise.all(pulling);
    const elapsed = Date.now() - started;

    const total = PUSHERS * BATCHES * PER_BATCH;
    expect(pushed).toHaveLength(total);
    const expectedIds = new Set(pushed);
    for (const { seen, pulls } of results) {
      expect(pulls).toBeGreaterThan(10);
      expect(seen).toHaveLength(total);
      expect(new Set(seen.map((s) => s.id))).toEqual(expectedIds);
      expect(seen.map((s) => s.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }
    expect(results).toHaveLength(PULLERS);
    // The figure for the report: appends of one tenant serialize, so this is the single-tenant write rate.
    console.info(`concurrent-sequence: ${total} events in ${PUSHERS * BATCHES} transactions, ${elapsed} ms`);
  }, 120_000);

  it('stores a batch once when the same device pushes it on several connections at once, with a gap-free sequence', async () => {
    t = await freshPostgres(12);
    const db = t.db;
    const { tenantId, branchIds } = await seedTenant(db);
    const branchId = branchIds[0] ?? '';
    const a = await seedDevice(db, tenantId, branchId);
    const b = await seedDevice(db, tenantId, branchId);
    let storedTotal = 0;
    for (let round = 0; round < 20; round++) {
      // A retried push racing its original: every copy is acknowledged, the events are stored exactly once.
      const batch = Array.from({ length: 4 }, () => makeEvent(a));
      const other = [makeEvent(b)];
      const results = await Promise.all([
        ...Array.from({ length: 4 }, () => appendEvents(db, a, batch, T0)),
        appendEvents(db, b, other, T0),
      ]);
      for (const r of results) expect(r.ok).toBe(true);
      const stored = results.slice(0, 4).reduce((n, r) => n + (r.ok ? r.stored : 0), 0);
      expect(stored).toBe(4);
      storedTotal += stored + 1;
    }
    const r = await pullEvents(db, { tenantId, branchId }, 0, 1000);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.events.map((e) => e.seq)).toEqual(Array.from({ length: storedTotal }, (_, i) => i + 1));
    expect(r.head).toBe(storedTotal);
  }, 120_000);
});
