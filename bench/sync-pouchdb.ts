// Branch sync compared with PouchDB (issue "Branch sync", measured in bench/): the same replication workload
// through Mortar's sync server on PostgreSQL and through PouchDB replicating to express-pouchdb. N counters
// of one branch push M completed sales each in batches, at the same time; then a fresh counter catches up on
// all of them. Measured for both: ingest (events per second), push acknowledgement latency p50/p99, catch-up
// time, bytes on the wire (one counting TCP proxy in front of each server) and the server's disk.
// Both servers run as their own process on this machine; the counters share the benchmark's process.
// Scale with BENCH_COUNTERS, BENCH_EVENTS_PER_COUNTER, BENCH_BATCH, BENCH_CATCH_UP_PAGE; choose the runs with
// BENCH_SYSTEMS (comma-separated: mortar, mortar-async-commit, pouchdb; all by default).
import { loadavg } from 'node:os';
import { runMortar, MORTAR_VARIANTS } from './sync-pouchdb/mortar-run.js';
import { round } from './sync-pouchdb/measure.js';
import { runPouch, type SystemResult } from './sync-pouchdb/pouch-run.js';
import { readWorkload, saleEvent, total, warmUpEvents } from './sync-pouchdb/workload.js';
import { report } from './stats.js';

const workload = readWorkload(process.env);
const SYSTEMS = ['mortar', 'mortar-async-commit', 'pouchdb'];
const chosen = (process.env.BENCH_SYSTEMS ?? SYSTEMS.join(',')).split(',').map((s) => s.trim());
const unknown = chosen.filter((s) => !SYSTEMS.includes(s));
if (unknown.length > 0) throw new Error(`BENCH_SYSTEMS: unknown ${unknown.join(', ')} (known: ${SYSTEMS.join(', ')})`);
const log = (m: string) => process.stderr.write(`[sync-pouchdb] ${m}\n`);
const load = () => loadavg().map((l) => round(l, 1));

// The size of what is replicated: the event envelope as JSON, over a sample of the workload.
const sample = Array.from({ length: 500 }, (_, i) => Buffer.byteLength(JSON.stringify(saleEvent({ tenantId: '', branchId: '', deviceId: '' }, i % workload.counters, i))) + 3 * 36);
const eventBytes = { meanBytes: Math.round(sample.reduce((a, b) => a + b, 0) / sample.length), minBytes: Math.min(...sample), maxBytes: Math.max(...sample) };

const results: Record<string, SystemResult & { loadAverage: { before: number[]; after: number[] } }> = {};
for (const name of chosen) {
  const before = load();
  log(`${name}: ${workload.counters} counters x ${workload.eventsPerCounter} events in batches of ${workload.batch} (load ${before.join(' ')})`);
  const variant = MORTAR_VARIANTS.find((v) => v.name === name);
  const result = variant ? await runMortar(workload, variant) : await runPouch(workload);
  results[name] = { ...result, loadAverage: { before, after: load() } };
}

const ratio = (a: number | undefined, b: number | undefined) => (a && b ? round(a / b, 2) : null);
const mortar = results.mortar;
const pouch = results.pouchdb;
report('sync-pouchdb', {
  workload: { ...workload, events: workload.counters * workload.eventsPerCounter, warmUpEvents: warmUpEvents(workload), catchUpEvents: total(workload), event: eventBytes },
  setting:
    'one machine, loopback; each server in its own Node process (mortar-sync with PostgreSQL 15 on the local cluster; express-pouchdb on node:http with LevelDB), ' +
    'counters and the fresh counter in the benchmark process, every request through a counting TCP proxy in that process. ' +
    'First one extra counter pushes 12 batches alone (aloneAck: its last 10, no other counter waiting), then all counters push at once (ingest). ' +
    'A Mortar push is one POST /v1/events of the batch; a PouchDB push is a local bulkDocs (not timed) and then one replication of the counter\'s database to the branch database (timed: revs_diff, bulk_docs and the checkpoints). ' +
    'The Mortar fresh counter is a real core (SQLCipher store) running catchUpNewCounter (the gzip NDJSON snapshot, then one syncOnce round of the log after it); catchUpByLog is a second fresh core following the log alone (pull pages, applied idempotently into its inbox). ' +
    'The PouchDB fresh counter replicates the branch database into an empty LevelDB database with batch_size equal to the pull page. ' +
    'express-pouchdb gzips its responses; Mortar\'s snapshot is gzip, its pull pages are not compressed. The Mortar server logs at its default level (info).',
  results,
  comparison: mortar && pouch
    ? {
        ingestMortarOverPouch: ratio(mortar.ingest.eventsPerSecond, pouch.ingest.eventsPerSecond),
        ingestServerCpuPerEventPouchOverMortar: ratio(pouch.ingest.serverCpuMsPerEvent, mortar.ingest.serverCpuMsPerEvent),
        aloneAckP50PouchOverMortar: ratio(pouch.aloneAck.p50Ms, mortar.aloneAck.p50Ms),
        ackP50PouchOverMortar: ratio(pouch.ingest.ackLatency.p50Ms, mortar.ingest.ackLatency.p50Ms),
        ackP99PouchOverMortar: ratio(pouch.ingest.ackLatency.p99Ms, mortar.ingest.ackLatency.p99Ms),
        catchUpPouchOverMortar: ratio(pouch.catchUp.seconds, mortar.catchUp.seconds),
        catchUpWirePouchOverMortar: ratio(pouch.catchUp.wire.toClient + pouch.catchUp.wire.toServer, mortar.catchUp.wire.toClient + mortar.catchUp.wire.toServer),
        ingestWirePouchOverMortar: ratio(pouch.ingest.wireBytesPerEvent, mortar.ingest.wireBytesPerEvent),
        diskPouchOverMortar: ratio(Number(pouch.serverDisk.bytes), Number(mortar.serverDisk.bytes)),
      }
    : null,
  loadAverage: load(),
});
