// The live path measured: one counter at a time sells a unit while the others stand still, and every other
// counter reports when its view of the seller's stock first shows the level after that sale. The counters
// poll only every 30 s, so an arrival within the deadline (well under that) can only come from the live
// notice that told them to pull. Each (sale, viewing branch) pair is one measured event.
import { percentile } from '../stats.js';
import { expectMessage, sleep, tell, type CounterSlot } from './slots.js';

export type ProbeEvent = { probe: number; from: string; to: string; sku: string; latencyMs: number | null };

export type LatencySummary = {
  measured: number;
  missed: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** Events that reached the other branch within the goal (two seconds). */
  withinGoal: number;
};

export const LIVE_GOAL_MS = 2_000;

export function summarizeLatency(events: ProbeEvent[]): LatencySummary {
  const arrived = events.flatMap((e) => (e.latencyMs === null ? [] : [e.latencyMs])).sort((a, b) => a - b);
  const at = (p: number) => (arrived.length === 0 ? null : percentile(arrived, p));
  return {
    measured: arrived.length,
    missed: events.length - arrived.length,
    p50Ms: at(50),
    p99Ms: at(99),
    maxMs: arrived.at(-1) ?? null,
    withinGoal: arrived.filter((ms) => ms <= LIVE_GOAL_MS).length,
  };
}

/** Resolves once every counter's live socket is open (true), or false at the deadline. */
export async function waitForLiveSockets(slots: CounterSlot[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (slots.every((s) => s.live.connected)) return true;
    await sleep(50);
  }
  return slots.every((s) => s.live.connected);
}

/**
 * Cuts every counter's live socket at its proxy and waits until each counter has opened it again by itself
 * (its count of reconnects went up and it is connected). Answers whether all did within the deadline.
 */
export async function cutAndAwaitReconnect(slots: CounterSlot[], timeoutMs: number): Promise<boolean> {
  const before = slots.map((s) => s.live.reconnects);
  for (const s of slots) s.proxy.cutLive();
  const back = () => slots.every((s, i) => s.live.connected && s.live.reconnects > (before[i] ?? 0));
  const deadline = Date.now() + timeoutMs;
  while (!back() && Date.now() < deadline) await sleep(50);
  return back();
}

/** Pauses every counter's own activity (their sync loops go on) and waits until each has stopped. */
export async function pauseAll(slots: CounterSlot[]): Promise<void> {
  for (const s of slots) {
    s.acting = false;
    tell(s, { type: 'pause' });
  }
  await Promise.all(slots.map((s) => expectMessage(s, 'paused', 120_000)));
}

export async function runProbes(slots: CounterSlot[], count: number, firstProbe: number, timeoutMs: number): Promise<ProbeEvent[]> {
  const events: ProbeEvent[] = [];
  for (let i = 0; i < count; i++) {
    const probe = firstProbe + i;
    const seller = slots[i % slots.length];
    if (!seller) break;
    tell(seller, { type: 'probeSell', probe });
    const sold = await expectMessage(seller, 'sold', 60_000);
    const viewers = slots.filter((s) => s !== seller);
    for (const v of viewers) {
      tell(v, { type: 'watch', probe, branchId: seller.branchId, sku: sold.sku, onHand: sold.onHand, since: sold.startedAt, timeoutMs });
    }
    const seen = await Promise.all(viewers.map((v) => expectMessage(v, 'seen', timeoutMs + 60_000)));
    for (const [j, v] of viewers.entries()) {
      const at = seen[j]?.at ?? null;
      events.push({ probe, from: seller.name, to: v.name, sku: sold.sku, latencyMs: at === null ? null : at - sold.at });
    }
  }
  return events;
}
