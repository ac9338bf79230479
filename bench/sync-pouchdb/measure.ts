// What both runs measure the same way: counters pushing concurrently (ingest rate, per-push latency), the
// CPU time of the server's processes, and the bytes a directory takes on disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from '../stats.js';
import type { WireBytes } from './counting-proxy.js';

export type PushPhase = {
  events: number;
  pushes: number;
  seconds: number;
  eventsPerSecond: number;
  ackLatency: ReturnType<typeof summarize>;
  /** CPU of the benchmark process meanwhile: the counters, their local stores and the proxy. */
  clientCpuSeconds: number;
};

/**
 * Every counter pushes its batches one after another (a counter waits for the acknowledgement before it
 * sends the next batch, as the sync client does); the counters run at the same time. `push` resolves to
 * the milliseconds from sending the batch to its acknowledgement (a local write before it is not counted).
 */
export async function runCounters<B extends unknown[]>(batchesOf: (counter: number) => Iterable<B>, counters: number, push: (counter: number, batch: B) => Promise<number>): Promise<PushPhase> {
  const samples: number[] = [];
  let events = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: counters }, async (_, counter) => {
      for (const batch of batchesOf(counter)) {
        samples.push(await push(counter, batch));
        events += batch.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    events,
    pushes: samples.length,
    seconds: round(seconds, 2),
    eventsPerSecond: Math.round(events / seconds),
    ackLatency: summarize(samples),
    clientCpuSeconds: clientCpuSince(cpu0),
  };
}

export const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** CPU of the benchmark process since `from` (a process.cpuUsage() reading), in seconds. */
export function clientCpuSince(from: NodeJS.CpuUsage): number {
  const cpu = process.cpuUsage(from);
  return round((cpu.user + cpu.system) / 1e6, 2);
}

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far (Linux /proc); 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Bytes of the regular files under `dir` (apparent size), and how many files. */
export function directoryBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

export const mib = (bytes: number) => round(bytes / 2 ** 20, 2);

/** Bytes both ways per event. */
export const perEvent = (wire: WireBytes, events: number) => Math.round((wire.toServer + wire.toClient) / events);

/** Warm-up batches not timed at all: the first requests compile code paths and open connections. */
const UNTIMED = 2;

/** One counter pushing alone, batch after batch: the latency of a push that waits for no other counter. */
export async function runAlone<B>(batches: Iterable<B>, push: (batch: B) => Promise<number>): Promise<ReturnType<typeof summarize>> {
  const samples: number[] = [];
  let n = 0;
  for (const batch of batches) {
    const ms = await push(batch);
    if (n++ >= UNTIMED) samples.push(ms);
  }
  return summarize(samples);
}
